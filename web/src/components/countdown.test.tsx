import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatSeconds } from '../lib/format';
import { Countdown, secondsUntil } from './countdown';

afterEach(cleanup);

describe('secondsUntil', () => {
  it('rounds up what is left and is zero once the moment passed or is missing', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(secondsUntil('2026-01-01T00:00:10.200Z', now)).toBe(11);
    expect(secondsUntil('2025-12-31T23:59:59Z', now)).toBe(0);
    expect(secondsUntil(null, now)).toBe(0);
    expect(secondsUntil('not a date', now)).toBe(0);
  });
});

describe('formatSeconds', () => {
  it('reads as minutes and seconds', () => {
    expect(formatSeconds(5)).toBe('5 s');
    expect(formatSeconds(65)).toBe('1 min 05 s');
    expect(formatSeconds(-3)).toBe('0 s');
  });
});

describe('Countdown', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('ticks down once a second and disappears when the wait is over', () => {
    render(<Countdown until="2026-01-01T00:00:03Z" label="Resuming in" />);
    expect(screen.getByRole('timer').textContent).toBe('Resuming in 3 s');
    act(() => vi.advanceTimersByTime(1000));
    expect(screen.getByRole('timer').textContent).toBe('Resuming in 2 s');
    act(() => vi.advanceTimersByTime(2000));
    expect(screen.queryByRole('timer')).toBeNull();
  });

  it('shows nothing for a moment already past', () => {
    render(<Countdown until="2025-12-31T23:00:00Z" label="Resuming in" />);
    expect(screen.queryByRole('timer')).toBeNull();
  });
});
