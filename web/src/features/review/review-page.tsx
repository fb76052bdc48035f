// Review: what is due, oldest first — review dates you set on accounts and reasons, and timed mutes about to end —
// each with the account, its relations and its reasons, to keep (with a new date), undo where your network lets
// Reasonable (unblock, unmute, unfollow), or dismiss.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Avatar } from '../../components/avatar';
import { Busy } from '../../components/busy';
import { ErrorAlert } from '../../components/error-alert';
import { LockMark } from '../../components/lock-mark';
import { RelationBadges } from '../../components/relation-badges';
import { ReviewLater } from '../../components/review-later';
import { actionDone, actionVerbs } from '../../lib/account-actions';
import { api, unwrap } from '../../lib/api/client';
import type { AccountActionName, Provider } from '../../lib/api/providers';
import { useMyNetwork } from '../../lib/api/providers';
import { reviewsQueryKey } from '../../lib/api/reviews';
import type { components } from '../../lib/api/schema';
import { today } from '../../lib/dates';
import { useDocumentTitle } from '../../lib/document-title';
import { formatDate, formatDateTime, plural } from '../../lib/format';
import { newIdempotencyKey } from '../../lib/idempotency-key';
import { followLink } from '../../lib/router';

type ReviewItem = components['schemas']['ReviewItemResponse'];
type Relations = components['schemas']['RelationsResponse'];

const undoFor = { block: 'unblock', mute: 'unmute', follow: 'unfollow' } as const;
const relationUndo = [
  { relation: 'blocked', action: 'unblock' },
  { relation: 'muted', action: 'unmute' },
  { relation: 'following', action: 'unfollow' },
] as const;

/** What "undo" means for an item: the end of the relation it is about, if active now and the network can do it. */
export function undoActions(item: ReviewItem, provider: Pick<Provider, 'actions'> | undefined): AccountActionName[] {
  const relations: Relations = item.account.relations;
  const active: AccountActionName[] = relationUndo.filter(({ relation }) => relations?.[relation]?.active).map(({ action }) => action);
  let wanted: AccountActionName[];
  if (item.kind === 'mute-ends') wanted = ['unmute'];
  else if (item.kind === 'reason') {
    const action = item.reasons?.find((reason) => reason.id === item.reasonId)?.action;
    wanted = action && action in undoFor ? [undoFor[action as keyof typeof undoFor]] : active;
  } else wanted = active;
  return wanted.filter((action) => active.includes(action) && (provider?.actions.includes(action) ?? false));
}

function why(item: ReviewItem): string {
  if (item.kind === 'mute-ends') return `The mute ends ${formatDateTime(item.muteEndsAt)}.`;
  return item.kind === 'reason' ? `You asked to look at this reason again on ${formatDate(item.dueOn)}.` : `You asked to look at this account again on ${formatDate(item.dueOn)}.`;
}

export function ReviewPage() {
  useDocumentTitle('Review');
  const queryClient = useQueryClient();
  const { provider, name: network } = useMyNetwork();
  const [status, setStatus] = useState('');
  const until = today();
  const due = useQuery({
    queryKey: [...reviewsQueryKey, 'list', until],
    queryFn: () => unwrap(api.GET('/api/reviews', { params: { query: { until, limit: 200 } } })),
  });

  async function refresh() {
    await Promise.all([queryClient.invalidateQueries({ queryKey: reviewsQueryKey }), queryClient.invalidateQueries({ queryKey: ['accounts'] })]);
  }

  /** Takes the item out of Review: its date cleared, or the mute's end marked as seen. */
  async function dismiss(item: ReviewItem) {
    const accountId = item.account.id;
    if (item.kind === 'mute-ends') await unwrap(api.POST('/api/accounts/{id}/review/mute-end', { params: { path: { id: accountId } } }));
    else await setDate(item, null);
  }

  async function setDate(item: ReviewItem, day: string | null) {
    if (item.kind === 'reason') await unwrap(api.PUT('/api/reasons/{id}/review', { params: { path: { id: item.reasonId ?? '' } }, body: { reviewOn: day } }));
    else await unwrap(api.PUT('/api/accounts/{id}/review', { params: { path: { id: item.account.id } }, body: { reviewOn: day } }));
  }

  async function keep(item: ReviewItem, day: string) {
    if (item.kind === 'mute-ends') {
      // Keeping a mute that ends by itself: look at the account again then, and this end leaves Review.
      await unwrap(api.PUT('/api/accounts/{id}/review', { params: { path: { id: item.account.id } }, body: { reviewOn: day } }));
      await dismiss(item);
    } else await setDate(item, day);
    setStatus(`Kept @${item.account.handle}; you will see it again on ${formatDate(`${day}T12:00:00`)}.`);
    await refresh();
  }

  async function undo(item: ReviewItem, action: AccountActionName) {
    await unwrap(
      api.POST('/api/accounts/{id}/actions', {
        params: { path: { id: item.account.id } },
        body: { action },
        headers: { 'Idempotency-Key': newIdempotencyKey() },
      }),
    );
    if (item.kind !== 'mute-ends') await setDate(item, null); // an ended mute leaves Review by itself
    setStatus(`${actionDone[action]} @${item.account.handle} on ${network}.`);
    await refresh();
  }

  async function dismissAndRefresh(item: ReviewItem) {
    await dismiss(item);
    setStatus(`Dismissed @${item.account.handle}.`);
    await refresh();
  }

  if (due.isPending) return <Busy label="Opening what is due…" />;
  if (due.error) return <ErrorAlert error={due.error} />;
  const items = due.data.items;
  const unreadable = due.data.unreadable;
  return (
    <div>
      <h1>Review</h1>
      <p className="hint" role="status">
        {status}{' '}
        {items.length === 0
          ? 'Nothing is due. Set a review date on an account or a reason to see it here when the day comes.'
          : `${plural(due.data.due ?? items.length, 'thing')} due, oldest first.`}
        {unreadable > 0 && ` ${plural(unreadable, 'stored row')} failed an integrity check and ${unreadable === 1 ? 'is' : 'are'} not shown.`}
      </p>
      <ol className="review-list">
        {items.map((item) => (
          <ReviewEntry
            key={`${item.kind}-${item.account.id}-${item.reasonId ?? ''}`}
            item={item}
            undo={undoActions(item, provider)}
            onKeep={(day) => keep(item, day)}
            onUndo={(action) => undo(item, action)}
            onDismiss={() => dismissAndRefresh(item)}
          />
        ))}
      </ol>
    </div>
  );
}

function ReviewEntry({
  item,
  undo,
  onKeep,
  onUndo,
  onDismiss,
}: {
  item: ReviewItem;
  undo: AccountActionName[];
  onKeep: (day: string) => Promise<void>;
  onUndo: (action: AccountActionName) => Promise<void>;
  onDismiss: () => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<AccountActionName | null>(null);
  const [error, setError] = useState<unknown>(null);
  const account = item.account;
  const handle = account.handle;

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(caught);
      setBusy(false);
      setConfirming(null);
    }
  }

  return (
    <li className="review-item" aria-label={`@${handle}`}>
      <div className="account-header">
        <Avatar url={account.avatarUrl} handle={account.handle} />
        <div>
          <p className="account-title">
            <a href={`/accounts/${account.id}`} onClick={followLink}>
              @{handle}
            </a>{' '}
            {account?.displayName && <span className="muted">{account.displayName}</span>} <LockMark />
          </p>
          <RelationBadges relations={account.relations} />
          <p className="hint">{why(item)}</p>
        </div>
      </div>
      {item.reasons.length > 0 ? (
        <ul className="reason-list" aria-label="Reasons">
          {item.reasons?.map((reason) => (
            <li key={reason.id} className={reason.id === item.reasonId ? 'highlight' : undefined}>
              <span className="muted">
                {formatDate(reason.occurredAt)} · {reason.action}
                {reason.tags.length > 0 ? ` · ${reason.tags.join(', ')}` : ''}:
              </span>{' '}
              <span className="reason-text">{reason.text}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No reason written yet.</p>
      )}
      {busy ? (
        <Busy label="Saving…" />
      ) : confirming ? (
        <div className="actions confirm" role="group" aria-label={`Confirm ${actionVerbs[confirming].toLowerCase()}`}>
          <span>
            {actionVerbs[confirming]} @{handle} on your network?
          </span>
          <button type="button" className="danger" autoFocus onClick={() => void run(() => onUndo(confirming))}>
            Yes, {actionVerbs[confirming].toLowerCase()}
          </button>
          <button type="button" onClick={() => setConfirming(null)}>
            No
          </button>
        </div>
      ) : (
        <div className="actions" role="group" aria-label={`Review @${handle}`}>
          <ReviewLater label={`Keep @${handle} and look again`} submitLabel="Keep" initialChoice="3m" onSave={(day) => run(() => onKeep(day))} />
          {undo.map((action) => (
            <button key={action} type="button" onClick={() => setConfirming(action)}>
              {actionVerbs[action]}
            </button>
          ))}
          <button type="button" onClick={() => void run(onDismiss)}>
            Dismiss
          </button>
        </div>
      )}
      <ErrorAlert error={error} />
    </li>
  );
}
