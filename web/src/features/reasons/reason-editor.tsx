// Writes or edits a reason, keyboard first: Ctrl+Enter (⌘+Enter) saves, Escape cancels. Unsaved text holds
// navigation. When someone else saved the reason first (412 edit-conflict), it shows their version beside yours and
// lets you save yours over it or take theirs.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Busy } from '../../components/busy';
import { ErrorAlert } from '../../components/error-alert';
import { ApiError } from '../../lib/api/problem';
import { holdNavigation } from '../../lib/router';
import { tagSuggestions } from '../../lib/api/tags';
import { maxTextLength } from '../../lib/reason-limits';
import { today } from '../../lib/dates';
import { actions, draftFrom, draftProblem, sameDraft, withOccurredAt, type Reason, type ReasonDraft } from './reason-draft';

export function ReasonEditor({
  initial,
  version,
  submitLabel,
  onSubmit,
  onCancel,
  onSaved,
  autoFocus = false,
  knownTags = [],
}: {
  initial: ReasonDraft;
  version?: number;
  submitLabel: string;
  onSubmit: (draft: ReasonDraft, version: number | undefined) => Promise<void>;
  onCancel?: () => void;
  onSaved?: () => void;
  autoFocus?: boolean;
  /** Your tags, suggested while typing one. */
  knownTags?: readonly string[];
}) {
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const [base, setBase] = useState<{ draft: ReasonDraft; version: number | undefined }>({ draft: initial, version });
  const [conflict, setConflict] = useState<Reason | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const dirty = !sameDraft(draft, base.draft);


  useEffect(() => (dirty ? holdNavigation('You have an unsaved reason. Leave without saving it?') : undefined), [dirty]);

  async function save(versionToSend: number | undefined) {
    const problem = draftProblem(draft);
    if (problem) {
      setError(new Error(problem));
      textRef.current?.focus();
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await onSubmit(withOccurredAt(draft, base.draft), versionToSend);
      setConflict(null);
      if (onCancel) {
        setBase({ draft, version: versionToSend });
      } else {
        setDraft(initial); // a new-reason form empties itself for the next one
        setBase({ draft: initial, version: undefined });
      }
      onSaved?.();
    } catch (caught) {
      if (caught instanceof ApiError && caught.is('edit-conflict') && typeof caught.problem.current === 'object' && caught.problem.current) {
        setConflict(caught.problem.current as Reason);
      } else {
        setError(caught);
      }
    } finally {
      setSaving(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!conflict) void save(base.version);
  }

  function keyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (!conflict && !saving) void save(base.version);
    } else if (event.key === 'Escape' && onCancel && !saving) {
      event.preventDefault();
      cancel();
    }
  }

  function cancel() {
    if (dirty && !window.confirm('Discard your changes to this reason?')) return;
    onCancel?.();
  }

  function takeTheirs() {
    if (!conflict) return;
    const theirs = draftFrom(conflict);
    setDraft(theirs);
    setBase({ draft: theirs, version: conflict.version });
    setConflict(null);
    textRef.current?.focus();
  }

  return (
    <form className="reason-editor" onSubmit={submit} onKeyDown={keyDown} aria-label={submitLabel}>
      <div className="field">
        <label htmlFor={`${id}-action`}>What you did</label>
        <select id={`${id}-action`} value={draft.action} onChange={(event) => setDraft({ ...draft, action: actions.find((known) => known === event.target.value) ?? draft.action })}>
          {actions.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>Reason</label>
        <textarea
          id={`${id}-text`}
          ref={textRef}
          value={draft.text}
          rows={4}
          maxLength={maxTextLength * 2}
          autoFocus={autoFocus}
          aria-describedby={`${id}-keys`}
          onChange={(event) => setDraft({ ...draft, text: event.target.value })}
        />
        <span id={`${id}-keys`} className="hint">
          Ctrl+Enter saves{onCancel ? ', Escape cancels' : ''}.
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-tags`}>Tags, separated by commas</label>
        <input
          id={`${id}-tags`}
          value={draft.tags}
          list={`${id}-tag-suggestions`}
          autoComplete="off"
          onChange={(event) => setDraft({ ...draft, tags: event.target.value })}
        />
        <datalist id={`${id}-tag-suggestions`}>
          {tagSuggestions(draft.tags, knownTags).map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor={`${id}-when`}>When it happened</label>
        <input
          id={`${id}-when`}
          type="date"
          value={draft.occurredOn}
          min="1990-01-01"
          max={today()}
          required
          onChange={(event) => setDraft({ ...draft, occurredOn: event.target.value })}
        />
      </div>
      {conflict && (
        <div className="conflict" role="alert">
          <p>
            <strong>This reason changed since you opened it.</strong> Someone (another tab or a script) saved a newer
            version. Your text is still in the box above; theirs is below.
          </p>
          <blockquote className="reason-text" data-testid="conflict-current">
            {conflict.text}
          </blockquote>
          <p className="hint">
            Their version: {conflict.action}
            {conflict.tags.length > 0 ? ` · tags: ${conflict.tags.join(', ')}` : ''}
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void save(conflict.version)} disabled={saving}>
              Save mine over theirs
            </button>
            <button type="button" onClick={takeTheirs} disabled={saving}>
              Keep theirs and edit it
            </button>
          </div>
        </div>
      )}
      <ErrorAlert error={error} />
      {saving ? (
        <Busy label="Saving…" />
      ) : (
        !conflict && (
          <div className="actions">
            <button type="submit" className="primary">
              {submitLabel}
            </button>
            {onCancel && (
              <button type="button" onClick={cancel}>
                Cancel
              </button>
            )}
          </div>
        )
      )}
    </form>
  );
}
