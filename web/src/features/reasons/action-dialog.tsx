// Confirms one action on an account (block, mute with a duration, follow, …) with an optional reason. One
// submission keeps its Idempotency-Key across retries; changing what is sent makes a new one. A problem shows in
// the dialog and the typed text stays.
import { useId, useRef, useState, type FormEvent } from 'react';
import { Busy } from '../../components/busy';
import { Dialog } from '../../components/dialog';
import { ErrorAlert } from '../../components/error-alert';
import type { AccountActionName } from '../../lib/api/providers';
import { newIdempotencyKey } from '../../lib/idempotency-key';
import { actionProgress, actionVerbs, type ActionRequest } from '../../lib/account-actions';
import { maxTags, maxTextLength } from '../../lib/reason-limits';
import { parseTags } from './reason-draft';
import { MuteDurationField } from '../../components/mute-duration-field';

function actionProblem(text: string, tags: string[]): string | null {
  if (!text.trim() && tags.length > 0) return 'Write the reason for these tags, or clear them.';
  if ([...text].length > maxTextLength) return `A reason holds up to ${maxTextLength.toLocaleString()} characters.`;
  if (tags.length > maxTags) return `A reason holds up to ${maxTags} tags.`;
  return null;
}

export function ActionDialog({
  action,
  handle,
  offersDurations,
  perform,
  onClose,
  onDone,
}: {
  action: AccountActionName;
  handle: string;
  offersDurations: boolean;
  perform: (request: ActionRequest, idempotencyKey: string) => Promise<void>;
  onClose: () => void;
  onDone: () => void;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [tags, setTags] = useState('');
  const [duration, setDuration] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const withDuration = action === 'mute' && offersDurations;
  const verb = `${actionVerbs[action]} ${handle}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const tagList = parseTags(tags);
    const problem = actionProblem(text, tagList);
    if (problem) {
      setError(new Error(problem));
      return;
    }
    const request: ActionRequest = { action };
    if (withDuration && duration) request.muteDurationSeconds = Number(duration);
    if (text.trim()) request.reason = { text, tags: tagList };
    const body = JSON.stringify(request);
    if (attempt.current?.body !== body) attempt.current = { body, key: newIdempotencyKey() };
    setBusy(true);
    setError(null);
    try {
      await perform(request, attempt.current.key);
      onDone();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <Dialog title={`${verb}?`} onClose={() => !busy && onClose()}>
      <form className="stack" onSubmit={(event) => void submit(event)}>
        {withDuration && <MuteDurationField id={`${id}-duration`} value={duration} onChange={setDuration} />}
        <div className="field">
          <label htmlFor={`${id}-text`}>Reason (optional)</label>
          <textarea id={`${id}-text`} value={text} rows={4} maxLength={maxTextLength * 2} onChange={(event) => setText(event.target.value)} />
          <span className="hint">Saved as a reason on this account, encrypted like every note.</span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-tags`}>Tags, separated by commas</label>
          <input id={`${id}-tags`} value={tags} onChange={(event) => setTags(event.target.value)} />
        </div>
        <ErrorAlert error={error} />
        {busy ? (
          <Busy label={actionProgress[action]} />
        ) : (
          <div className="actions">
            <button type="submit" className={action === 'block' ? 'danger' : 'primary'}>
              {verb}
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        )}
      </form>
    </Dialog>
  );
}
