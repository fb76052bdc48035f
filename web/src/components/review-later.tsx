// "Look at this again in…": the quick choices (1 week to 1 year) or a date, and the save. The same control for an
// account, a reason and "keep" in Review.
import { useId, useState, type FormEvent } from 'react';
import { dayAfter, today } from '../lib/dates';
import { Busy } from './busy';
import { ErrorAlert } from './error-alert';

export const reviewChoices = [
  { value: '1w', label: 'In 1 week', amount: 7, unit: 'day' },
  { value: '1m', label: 'In 1 month', amount: 1, unit: 'month' },
  { value: '3m', label: 'In 3 months', amount: 3, unit: 'month' },
  { value: '6m', label: 'In 6 months', amount: 6, unit: 'month' },
  { value: '1y', label: 'In 1 year', amount: 1, unit: 'year' },
] as const;

type Choice = (typeof reviewChoices)[number]['value'] | 'date';

/** The day a choice means, counted from today in the person's calendar; a typed date as it is. */
export function reviewDayFor(choice: Choice, typed: string): string {
  const quick = reviewChoices.find((candidate) => candidate.value === choice);
  return quick ? dayAfter(quick.amount, quick.unit) : typed;
}

export function ReviewLater({
  label,
  submitLabel = 'Set review date',
  initialChoice = '6m',
  onSave,
}: {
  /** What the form is about, read aloud ("Review this account later"). */
  label: string;
  submitLabel?: string;
  initialChoice?: Choice;
  onSave: (day: string) => Promise<void>;
}) {
  const id = useId();
  const [choice, setChoice] = useState<Choice>(initialChoice);
  const [typed, setTyped] = useState(today());
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const day = reviewDayFor(choice, typed);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || day < today()) {
      setError(new Error('Choose a day from today on.'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await onSave(day);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="review-later actions" onSubmit={(event) => void submit(event)} aria-label={label}>
      <label htmlFor={`${id}-when`} className="visually-hidden">
        Look again
      </label>
      <select id={`${id}-when`} value={choice} onChange={(event) => setChoice(event.target.value as Choice)}>
        {reviewChoices.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        <option value="date">On a date…</option>
      </select>
      {choice === 'date' && (
        <>
          <label htmlFor={`${id}-date`} className="visually-hidden">
            Review date
          </label>
          <input id={`${id}-date`} type="date" value={typed} min={today()} onChange={(event) => setTyped(event.target.value)} />
        </>
      )}
      {saving ? <Busy label="Saving…" /> : <button type="submit">{submitLabel}</button>}
      <ErrorAlert error={error} />
    </form>
  );
}
