// One account: who it is (and its page on its network), your relations to it over time, the actions your provider
// can perform on it, and your reasons, newest first.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Avatar } from '../../components/avatar';
import { Busy } from '../../components/busy';
import { ErrorAlert } from '../../components/error-alert';
import { LockMark } from '../../components/lock-mark';
import { RelationBadges } from '../../components/relation-badges';
import { announce } from '../../lib/announce';
import { ReviewLater } from '../../components/review-later';
import { api, unwrap } from '../../lib/api/client';
import { useMyNetwork } from '../../lib/api/providers';
import { reviewsQueryKey } from '../../lib/api/reviews';
import { tagsQueryKey, useTags } from '../../lib/api/tags';
import type { components } from '../../lib/api/schema';
import { useDocumentTitle } from '../../lib/document-title';
import { formatDate, formatDateTime, plural } from '../../lib/format';
import { followLink, useLocation } from '../../lib/router';
import type { ActionRequest } from '../../lib/account-actions';
import { AccountActions } from './account-actions';
import { draftForRelations, parseTags, type ReasonDraft } from './reason-draft';
import { ReasonEditor } from './reason-editor';
import { ReasonItem } from './reason-item';

const relationLabels = { blocked: 'Blocked', muted: 'Muted', following: 'Followed' } as const;
type AccountDetail = components['schemas']['AccountDetailResponse'];

/** Only web addresses become links: a provider's text never becomes a javascript: or data: URL. */
function webAddress(url: string | null | undefined): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

export function AccountPage({ id }: { id: string }) {
  const queryClient = useQueryClient();
  const key = ['accounts', 'detail', id];
  const network = useMyNetwork();
  const knownTags = useTags().data?.items.map((tag) => tag.tag) ?? [];
  const writeNow = new URLSearchParams(useLocation().search).get('write') === 'reason'; // "r" in the accounts list
  const detail = useQuery({ queryKey: key, queryFn: () => unwrap(api.GET('/api/accounts/{id}', { params: { path: { id } } })) });
  const review = useQuery({
    queryKey: [...key, 'review'],
    queryFn: () => unwrap(api.GET('/api/accounts/{id}/review', { params: { path: { id } } })),
  });

  async function refresh() {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['accounts'] }),
      queryClient.invalidateQueries({ queryKey: reviewsQueryKey }),
      queryClient.invalidateQueries({ queryKey: tagsQueryKey }),
    ]);
  }

  async function reviewAccount(day: string | null) {
    await unwrap(api.PUT('/api/accounts/{id}/review', { params: { path: { id } }, body: { reviewOn: day } }));
    await refresh();
  }

  async function reviewReason(reasonId: string, day: string | null) {
    await unwrap(api.PUT('/api/reasons/{id}/review', { params: { path: { id: reasonId } }, body: { reviewOn: day } }));
    await refresh();
  }

  async function create(draft: ReasonDraft) {
    await unwrap(api.POST('/api/reasons', { body: { accountId: id, action: draft.action, text: draft.text, tags: parseTags(draft.tags), occurredAt: draft.occurredAt } }));
    announce('Reason saved.');
    await refresh();
  }

  async function update(reasonId: string, draft: ReasonDraft, version: number | undefined) {
    await unwrap(
      api.PUT('/api/reasons/{id}', {
        params: { path: { id: reasonId } },
        body: { action: draft.action, text: draft.text, tags: parseTags(draft.tags), version: version ?? null, occurredAt: draft.occurredAt },
      }),
    );
    announce('Changes saved.');
    await refresh();
  }

  async function act(request: ActionRequest, idempotencyKey: string) {
    const result = await unwrap(
      api.POST('/api/accounts/{id}/actions', { params: { path: { id } }, body: request, headers: { 'Idempotency-Key': idempotencyKey } }),
    );
    queryClient.setQueryData<AccountDetail>(key, (old) =>
      old
        ? { ...old, account: result.account, reasons: result.reason ? [result.reason, ...old.reasons] : old.reasons }
        : old,
    );
    void refresh(); // the list, and this page from the server, catch up behind the answer already shown
  }

  async function remove(reasonId: string) {
    await unwrap(api.DELETE('/api/reasons/{id}', { params: { path: { id: reasonId } } }));
    await refresh();
    announce('Reason deleted.');
    // Focus goes to the timeline's heading, the nearest thing that still exists, not to the top of the page.
    document.getElementById('timeline')?.focus();
  }

  const handleForTitle = detail.data?.account.handle;
  useDocumentTitle(detail.error ? 'Account not found' : handleForTitle ? `@${handleForTitle}` : 'Account');

  if (detail.isPending) return <Busy label="Opening this account…" />;
  if (detail.error) {
    return (
      <div>
        <ErrorAlert error={detail.error} />
        <a href="/accounts" onClick={followLink}>
          Back to your accounts
        </a>
      </div>
    );
  }
  const account = detail.data.account;
  const reasons = detail.data.reasons;
  const relations = account.relations;
  const handle = account.handle;
  const profileUrl = webAddress(account.profileUrl);
  return (
    <div>
      <p>
        <a href="/accounts" onClick={followLink}>
          ← Your accounts
        </a>
      </p>
      <header className="account-header">
        <Avatar url={account.avatarUrl} handle={account.handle} size={64} />
        <div>
          <h1>
            @{handle} <LockMark />
          </h1>
          {account?.displayName && <p className="muted">{account.displayName}</p>}
          <RelationBadges relations={relations} />
          {account?.movedTo && <p className="notice">This account moved to {account.movedTo}.</p>}
          {profileUrl && (
            <p>
              <a href={profileUrl} target="_blank" rel="noopener noreferrer">
                View on {network.name}
              </a>
            </p>
          )}
        </div>
      </header>
      {relations && (
        <ul className="relation-history">
          {(Object.keys(relationLabels) as (keyof typeof relationLabels)[]).map((name) => {
            const state = relations[name];
            if (!state) return null;
            const periods = [...state.past.map((period) => `${formatDate(period.since)} – ${formatDate(period.endedAt)}`)];
            const until = state.active && state.expiresAt ? `, until ${formatDateTime(state.expiresAt)}` : '';
            // A sync only knows when it first saw a relation, never when it began: it says so, and no more.
            const start = state.startedByReasonable ? `since ${formatDate(state.since)}` : `first seen by Reasonable on ${formatDate(state.since)}`;
            periods.push(state.active ? `${start}${until}` : `${formatDate(state.since)} – ${formatDate(state.endedAt)}`);
            return (
              <li key={name}>
                {relationLabels[name]}: {periods.join('; ')}
              </li>
            );
          })}
        </ul>
      )}

      <AccountActions provider={network.provider} handle={handle} relations={relations} perform={act} />

      <section aria-labelledby="review-account">
        <h2 id="review-account">Review later</h2>
        {review.data?.reviewOn ? (
          <p className="actions">
            <span>You will look at this account again on {formatDate(`${review.data.reviewOn}T12:00:00`)}.</span>
            <button type="button" onClick={() => void reviewAccount(null)}>
              Clear review date
            </button>
          </p>
        ) : (
          <ReviewLater label="Review this account later" onSave={reviewAccount} />
        )}
      </section>

      <section aria-labelledby="add-reason">
        <h2 id="add-reason">Add a reason</h2>
        <ReasonEditor initial={draftForRelations(relations)} submitLabel="Save reason" onSubmit={create} autoFocus={writeNow} knownTags={knownTags} />
      </section>

      <section aria-labelledby="timeline">
        <h2 id="timeline" tabIndex={-1}>
          Reasons ({reasons.length})
        </h2>
        {detail.isFetching && <Busy label="Updating…" />}
        {detail.data.unreadableReasons > 0 && (
          <p className="error">
            {plural(detail.data.unreadableReasons, 'stored reason')} failed an integrity check (changed outside
            Reasonable) and {detail.data.unreadableReasons === 1 ? 'is' : 'are'} not shown.
          </p>
        )}
        {reasons.length === 0 ? (
          <p className="muted">No reasons yet. Write down why, while you remember.</p>
        ) : (
          <ol className="timeline">
            {reasons.map((reason) => (
              <ReasonItem
                key={reason.id}
                reason={reason}
                knownTags={knownTags}
                reviewOn={review.data?.reasons.find((entry) => entry.reasonId === reason.id)?.reviewOn ?? null}
                onReview={(day) => reviewReason(reason.id, day)}
                onUpdate={(draft, version) => update(reason.id, draft, version)}
                onDelete={() => remove(reason.id)}
              />
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
