// What to do to the selected accounts at once (POST /api/accounts/bulk, one request, all or nothing): write one
// reason to all of them (with its tags), or set when to look at them again.
import { useId, useState, type FormEvent } from 'react';
import { Busy } from '../../components/busy';
import { ErrorAlert } from '../../components/error-alert';
import { ReviewLater } from '../../components/review-later';
import { plural } from '../../lib/format';

export const maxBulk = 500;
const actions = ['block', 'mute', 'follow', 'unblock', 'unmute', 'unfollow', 'other'] as const;

export interface BulkReason {
  action: (typeof actions)[number];
  text: string;
  tags: string[];
}

export function BulkBar({
  count,
  matching,
  onSelectAll,
  onClear,
  onReason,
  onReview,
}: {
  count: number;
  /** How many accounts match the list's filters (offered as "select all" when more than are selected). */
  matching: number | undefined;
  onSelectAll: () => Promise<void>;
  onClear: () => void;
  onReason: (reason: BulkReason) => Promise<void>;
  onReview: (day: string) => Promise<void>;
}) {
  const id = useId();
  const [action, setAction] = useState<BulkReason['action']>('block');
  const [text, setText] = useState('');
  const [tags, setTags] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) {
      setError(new Error('Write the reason before saving.'));
      return;
    }
    const parsed = [...new Set(tags.split(',').map((tag) => tag.trim()).filter(Boolean))];
    void run(async () => {
      await onReason({ action, text, tags: parsed });
      setText('');
      setTags('');
    });
  }

  return (
    <section className="bulk-bar card" aria-label="Selected accounts">
      <p className="actions">
        <strong>{plural(count, 'account')} selected.</strong>
        {matching !== undefined && matching > count && matching <= maxBulk && (
          <button type="button" onClick={() => void run(onSelectAll)}>
            Select all {plural(matching, 'matching account')}
          </button>
        )}
        {matching !== undefined && matching > maxBulk && <span className="hint">At most {maxBulk} at once.</span>}
        <button type="button" onClick={onClear}>
          Clear selection
        </button>
      </p>
      <form className="actions" onSubmit={submit} aria-label="Write one reason to all selected">
        <label htmlFor={`${id}-action`}>What you did</label>
        <select id={`${id}-action`} value={action} onChange={(event) => setAction(actions.find((known) => known === event.target.value) ?? action)}>
          {actions.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-text`}>Reason for all</label>
        <input id={`${id}-text`} value={text} onChange={(event) => setText(event.target.value)} />
        <label htmlFor={`${id}-tags`}>Tags</label>
        <input id={`${id}-tags`} value={tags} size={12} onChange={(event) => setTags(event.target.value)} />
        <button type="submit" className="primary" disabled={busy}>
          Write to {plural(count, 'account')}
        </button>
      </form>
      <ReviewLater label="Review all selected later" submitLabel={`Set review date on ${plural(count, 'account')}`} onSave={(day) => run(() => onReview(day))} />
      {busy && <Busy label="Saving…" />}
      <ErrorAlert error={error} />
    </section>
  );
}
