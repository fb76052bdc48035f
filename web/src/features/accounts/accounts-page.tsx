// Everyone you acted on: filters and search (kept in the address bar), pages of 50 with "Load more", and sync.
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Dialog } from '../../components/dialog';
import { Busy } from '../../components/busy';
import { ErrorAlert } from '../../components/error-alert';
import { api, unwrap } from '../../lib/api/client';
import { useMyNetwork } from '../../lib/api/providers';
import { useDocumentTitle } from '../../lib/document-title';
import { reviewsQueryKey } from '../../lib/api/reviews';
import { plural } from '../../lib/format';
import { navigate, useLocation } from '../../lib/router';
import { AccountRow } from './account-row';
import { BulkBar, maxBulk, type BulkReason } from './bulk-bar';
import { listShortcuts, useListKeys, type ListKey } from './list-keys';
import { ActByHandle } from './act-by-handle';
import {
  filtersFromSearch,
  filtersToApiQuery,
  filtersToCountQuery,
  filtersToSearch,
  hasFilters,
  noFilters,
  sortLabels,
  type AccountFilters,
  type AccountSort,
} from './account-filters';
import { SyncPanel } from './sync-panel';
import { TagsPanel } from './tags-panel';

/** "251 accounts in all." without filters; "3 accounts match." / "1 account matches." with them. */
export function matchSentence(count: number, filtered: boolean): string {
  if (!filtered) return `${plural(count, 'account')} in all.`;
  return `${plural(count, 'account')} ${count === 1 ? 'matches' : 'match'}.`;
}

export function AccountsPage() {
  const { search } = useLocation();
  const filters = filtersFromSearch(search);
  const { name: network, provider } = useMyNetwork();
  const [draft, setDraft] = useState<AccountFilters>(filters);
  useEffect(() => setDraft(filtersFromSearch(search)), [search]);
  useDocumentTitle(hasFilters(filters) ? 'Your accounts (filtered)' : 'Your accounts');
  const list = useRef<HTMLUListElement>(null);

  const accounts = useInfiniteQuery({
    queryKey: ['accounts', 'list', filters],
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/accounts', { params: { query: filtersToApiQuery(filters, pageParam) } })),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? null,
  });
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const lastTicked = useRef<number | null>(null);
  useEffect(() => {
    setSelected(new Set()); // another list, another selection
    lastTicked.current = null;
  }, [search]);
  const countQuery = filtersToCountQuery(filters);
  const matching = useQuery({
    queryKey: ['accounts', 'count', countQuery],
    queryFn: () => unwrap(api.GET('/api/accounts/count', { params: { query: countQuery } })),
  });

  function apply(next: AccountFilters) {
    const to = `/accounts${filtersToSearch(next)}`;
    if (to !== `/accounts${search}`) navigate(to); // each filter is a history entry: Back and Forward move through them
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    apply(draft);
  }

  /** The next page, then focus on its first account, where reading goes on (the button itself moves away). */
  async function loadMore(shown: number) {
    await accounts.fetchNextPage();
    setFocusAt(shown);
  }

  const items = accounts.data?.pages.flatMap((page) => page.items) ?? [];
  const [focusAt, setFocusAt] = useState<number | null>(null);
  useEffect(() => {
    if (focusAt === null || items.length <= focusAt) return;
    list.current?.querySelectorAll<HTMLAnchorElement>('.account-title a')[focusAt]?.focus();
    setFocusAt(null);
  }, [focusAt, items.length]);

  function toggle(index: number, checked: boolean, shift: boolean) {
    const from = shift && lastTicked.current !== null ? Math.min(lastTicked.current, index) : index;
    const to = shift && lastTicked.current !== null ? Math.max(lastTicked.current, index) : index;
    const next = new Set(selected);
    for (const account of items.slice(from, to + 1)) {
      if (!account.id) continue;
      if (checked) next.add(account.id);
      else next.delete(account.id);
    }
    lastTicked.current = index;
    setSelected(next);
  }

  // The keyboard: one account is current (its link has focus), moved with j/k, opened with Enter, ticked with x.
  const [current, setCurrent] = useState<number | null>(null);
  const [showKeys, setShowKeys] = useState(false);
  useEffect(() => setCurrent(null), [search]);
  useEffect(() => {
    if (current !== null) document.querySelectorAll<HTMLElement>('.account-list .account-title a')[current]?.focus();
  }, [current]);
  const onKey = useCallback(
    (key: ListKey): boolean => {
      if (key === 'help') {
        setShowKeys(true);
        return true;
      }
      if (items.length === 0) return false;
      // Enter and space belong to whatever has focus, unless that is the list itself (or nothing).
      const focus = document.activeElement;
      const onList = !focus || focus === document.body || focus.id === 'main' || focus.closest('.account-list') !== null;
      if ((key === 'open' || key === 'select') && !onList) return false;
      const at = current ?? -1;
      const account = current === null ? undefined : items[current];
      switch (key) {
        case 'next':
          setCurrent(Math.min(at + 1, items.length - 1));
          return true;
        case 'previous':
          setCurrent(Math.max(at - 1, 0));
          return true;
        case 'open':
          if (!account?.id) return false;
          navigate(`/accounts/${account.id}`);
          return true;
        case 'reason':
          if (!account?.id) return false;
          navigate(`/accounts/${account.id}?write=reason`);
          return true;
        case 'select':
          if (current === null || !account?.id) return false;
          toggle(current, !selected.has(account.id), false);
          return true;
      }
      return false;
    },
    [items, current, selected], // toggle reads the same items and selection
  );
  useListKeys(onKey);

  async function selectAll() {
    let data = accounts.data;
    let more = accounts.hasNextPage;
    while (more) {
      const next = await accounts.fetchNextPage();
      data = next.data;
      more = next.hasNextPage;
    }
    const ids = (data?.pages ?? []).flatMap((page) => page.items).map((account) => account.id);
    setSelected(new Set(ids.slice(0, maxBulk)));
  }

  async function bulk(body: { reason?: BulkReason; setReview?: boolean; reviewOn?: string }) {
    await unwrap(api.POST('/api/accounts/bulk', { body: { accountIds: [...selected], ...body } }));
    setSelected(new Set());
    await Promise.all([queryClient.invalidateQueries({ queryKey: ['accounts'] }), queryClient.invalidateQueries({ queryKey: reviewsQueryKey })]);
  }
  const unreadable = accounts.data?.pages.reduce((sum, page) => sum + page.unreadable, 0) ?? 0;

  return (
    <div>
      <h1>Your accounts</h1>
      <SyncPanel />
      <ActByHandle provider={provider} />
      <TagsPanel current={filters.tag} />
      <form className="filters" onSubmit={submit} role="search" aria-label="Find accounts">
        <div className="field grow">
          <label htmlFor="filter-q">Search handles, names, reasons and tags</label>
          <input id="filter-q" type="search" placeholder='words, "a phrase", @handle' value={draft.q} onChange={(event) => setDraft({ ...draft, q: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="filter-relation">Relation</label>
          <select
            id="filter-relation"
            value={draft.relation}
            onChange={(event) => apply({ ...draft, relation: event.target.value as AccountFilters['relation'] })}
          >
            <option value="">Any</option>
            <option value="blocked">Blocked</option>
            <option value="muted">Muted</option>
            <option value="following">Following</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-reasons">Reasons</label>
          <select
            id="filter-reasons"
            value={draft.reasons}
            onChange={(event) => apply({ ...draft, reasons: event.target.value as AccountFilters['reasons'] })}
          >
            <option value="">With or without</option>
            <option value="with">With reasons</option>
            <option value="without">Without reasons</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-tag">Tag</label>
          <input id="filter-tag" value={draft.tag} onChange={(event) => setDraft({ ...draft, tag: event.target.value })} size={12} />
        </div>
        <div className="field">
          <label htmlFor="filter-sort">Order</label>
          <select id="filter-sort" value={draft.sort ?? ''} onChange={(event) => apply({ ...draft, sort: event.target.value as AccountSort })}>
            {(Object.keys(sortLabels) as AccountSort[]).map((sort) => (
              <option key={sort} value={sort}>
                {sortLabels[sort]}
              </option>
            ))}
          </select>
        </div>
        <div className="field actions">
          <button type="submit" className="primary">
            Search
          </button>
          {hasFilters(filters) && (
            <button type="button" onClick={() => apply({ ...noFilters, sort: filters.sort })}>
              Clear
            </button>
          )}
        </div>
      </form>

      <ErrorAlert error={accounts.error} />
      {accounts.isPending ? (
        <Busy label="Opening your accounts…" />
      ) : (
        <>
          <p className="hint" role="status">
            {items.length === 0
              ? hasFilters(filters)
                ? 'No account matches these filters.'
                : `No accounts yet. Sync from ${network} to bring in the accounts you block, mute and follow.`
              : `Showing ${plural(items.length, 'account')}${accounts.hasNextPage ? ' (more below)' : ''}.`}
            {items.length > 0 && matching.data && ` ${matchSentence(matching.data.matching, hasFilters(filters))}`}
            {unreadable > 0 && ` ${plural(unreadable, 'stored account')} failed an integrity check and ${unreadable === 1 ? 'is' : 'are'} not shown.`}
          </p>
          {selected.size > 0 && (
            <BulkBar
              count={selected.size}
              matching={matching.data?.matching}
              onSelectAll={selectAll}
              onClear={() => setSelected(new Set())}
              onReason={(reason) => bulk({ reason })}
              onReview={(day) => bulk({ setReview: true, reviewOn: day })}
            />
          )}
          {showKeys && (
            <Dialog title="Keyboard shortcuts" onClose={() => setShowKeys(false)}>
              <dl className="shortcuts">
                {listShortcuts.map((shortcut) => (
                  <div key={shortcut.keys}>
                    <dt>
                      <kbd>{shortcut.keys}</kbd>
                    </dt>
                    <dd>{shortcut.does}</dd>
                  </div>
                ))}
              </dl>
              <div className="actions">
                <button type="button" autoFocus onClick={() => setShowKeys(false)}>
                  Close
                </button>
              </div>
            </Dialog>
          )}
          <p className="hint">Keyboard: j and k move, Enter opens, x selects, r writes a reason; ? lists the keys.</p>
          <ul className="account-list" ref={list}>
            {items.map((account, index) => (
              <AccountRow
                key={account.id}
                account={account}
                current={index === current}
                selected={selected.has(account.id)}
                onToggle={(checked, shift) => toggle(index, checked, shift)}
              />
            ))}
          </ul>
          {accounts.hasNextPage &&
            (accounts.isFetchingNextPage ? (
              <Busy label="Loading more accounts…" />
            ) : (
              <button type="button" onClick={() => void loadMore(items.length)}>
                Load more
              </button>
            ))}
        </>
      )}
    </div>
  );
}
