// One reason in an account's timeline: read it, edit it in place, or delete it (asked inline, no dialog).
import { useLayoutEffect, useRef, useState } from 'react';
import { Busy } from '../../components/busy';
import { ErrorAlert } from '../../components/error-alert';
import { LinkedText } from '../../components/linked-text';
import { LockMark } from '../../components/lock-mark';
import { ReviewLater } from '../../components/review-later';
import { localDay } from '../../lib/dates';
import { tagHref } from '../../lib/api/tags';
import { formatDate, formatDateTime } from '../../lib/format';
import { followLink } from '../../lib/router';
import { draftFrom, type Reason, type ReasonDraft } from './reason-draft';
import { ReasonEditor } from './reason-editor';

export function ReasonItem({
  reason,
  reviewOn = null,
  knownTags,
  onReview,
  onUpdate,
  onDelete,
}: {
  reason: Reason;
  /** The day to look at this reason again (YYYY-MM-DD), if set. */
  reviewOn?: string | null;
  knownTags?: readonly string[];
  onReview?: (day: string | null) => Promise<void>;
  onUpdate: (draft: ReasonDraft, version: number | undefined) => Promise<void>;
  onDelete: () => Promise<void>;
}) {
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-delete' | 'deleting' | 'review'>('view');
  const [error, setError] = useState<unknown>(null);
  const editButton = useRef<HTMLButtonElement>(null);

  async function remove() {
    setMode('deleting');
    setError(null);
    try {
      await onDelete();
    } catch (caught) {
      setError(caught);
      setMode('view');
    }
  }

  // Back from editing, focus lands on Edit in the same commit that removes the editor (never on the page body between).
  const refocus = useRef(false);
  useLayoutEffect(() => {
    if (mode !== 'view' || !refocus.current) return;
    refocus.current = false;
    editButton.current?.focus();
  }, [mode]);

  function backToView() {
    refocus.current = true;
    setMode('view');
  }

  const day = formatDate(reason.createdAt);
  const edited = reason.updatedAt && reason.createdAt && reason.updatedAt !== reason.createdAt;
  const occurredAt = reason.occurredAt ?? reason.createdAt;
  // Dated another day than it was written (a block from 2021 noted today): both dates show.
  const backdated = localDay(occurredAt) !== localDay(reason.createdAt);
  return (
    <li className="reason" aria-label={`Reason from ${formatDate(occurredAt)}`}>
      <p className="reason-meta">
        <time dateTime={occurredAt} className="occurred">
          {backdated ? formatDate(occurredAt) : formatDateTime(occurredAt)}
        </time>{' '}
        · <span className="action">{reason.action}</span>
        {backdated && <span className="muted"> · written {formatDateTime(reason.createdAt)}</span>}
        {edited && <span className="muted"> · edited {formatDateTime(reason.updatedAt)}</span>} <LockMark />
        {reviewOn && <span className="muted"> · review on {formatDate(`${reviewOn}T12:00:00`)}</span>}
      </p>
      {mode === 'edit' ? (
        <ReasonEditor
          initial={draftFrom(reason)}
          version={reason.version}
          submitLabel="Save changes"
          autoFocus
          knownTags={knownTags}
          onSubmit={onUpdate}
          onCancel={backToView}
          onSaved={backToView}
        />
      ) : (
        <>
          <p className="reason-text">
            <LinkedText text={reason.text} />
          </p>
          {reason.tags.length > 0 && (
            <ul className="tags" aria-label="Tags">
              {reason.tags?.map((tag) => (
                <li key={tag}>
                  <a className="tag" href={tagHref(tag)} onClick={followLink}>
                    {tag}
                  </a>
                </li>
              ))}
            </ul>
          )}
          <ErrorAlert error={error} />
          {mode === 'view' && (
            <div className="actions">
              <button type="button" ref={editButton} onClick={() => setMode('edit')} aria-label={`Edit reason from ${day}`}>
                Edit
              </button>
              <button type="button" onClick={() => setMode('confirm-delete')} aria-label={`Delete reason from ${day}`}>
                Delete
              </button>
              {onReview && !reviewOn && (
                <button type="button" onClick={() => setMode('review')}>
                  Review later
                </button>
              )}
              {onReview && reviewOn && (
                <button type="button" onClick={() => void onReview(null).catch(setError)}>
                  Clear review date
                </button>
              )}
            </div>
          )}
          {mode === 'review' && onReview && (
            <div className="actions">
              <ReviewLater
                label="Review this reason later"
                onSave={async (day) => {
                  await onReview(day);
                  setMode('view');
                }}
              />
              <button type="button" onClick={() => setMode('view')}>
                Cancel
              </button>
            </div>
          )}
          {mode === 'confirm-delete' && (
            <div className="actions confirm" role="group" aria-label="Confirm deletion">
              <span>Delete this reason for good?</span>
              <button type="button" className="danger" autoFocus onClick={() => void remove()}>
                Yes, delete it
              </button>
              <button type="button" onClick={backToView}>
                Keep it
              </button>
            </div>
          )}
          {mode === 'deleting' && <Busy label="Deleting…" />}
        </>
      )}
    </li>
  );
}
