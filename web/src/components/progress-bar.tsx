// A labelled progress bar: `value` from 0 to 1, or null while the amount of work left is unknown.
import { useId } from 'react';

export function ProgressBar({ label, value }: { label: string; value: number | null }) {
  const id = useId();
  return (
    <div className="progress-bar">
      <span id={id} className="hint">
        {label}
      </span>
      <progress aria-labelledby={id} max={1} value={value ?? undefined} />
    </div>
  );
}
