// Time left until a moment, ticking once a second (a rate-limit wait, a retry).
import { useEffect, useState } from 'react';
import { formatSeconds } from '../lib/format';

export function secondsUntil(until: string | null | undefined, now: number): number {
  if (!until) return 0;
  const ms = Date.parse(until) - now;
  return Number.isFinite(ms) && ms > 0 ? Math.ceil(ms / 1000) : 0;
}

export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "Waiting 42 s for the provider's rate limit" while `until` is in the future; nothing once it has passed. */
export function Countdown({ until, label }: { until: string | null | undefined; label: string }) {
  const now = useNow();
  const seconds = secondsUntil(until, now);
  if (seconds <= 0) return null;
  return (
    <span className="countdown" role="timer" aria-live="off">
      {label} <time dateTime={until ?? undefined}>{formatSeconds(seconds)}</time>
    </span>
  );
}
