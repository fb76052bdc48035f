// The accounts list's filters, kept in the address bar (so back, reload and links keep them) and sent to
// GET /api/accounts as its query.
export type RelationFilter = '' | 'blocked' | 'muted' | 'following';
export type ReasonsFilter = '' | 'with' | 'without';
/** The list's order: '' is newest activity first (the API's default). */
export type AccountSort = '' | 'oldest' | 'handle' | 'unreasoned';

export interface AccountFilters {
  relation: RelationFilter;
  reasons: ReasonsFilter;
  tag: string;
  q: string;
  sort?: AccountSort;
}

export const noFilters: AccountFilters = { relation: '', reasons: '', tag: '', q: '' };

const relations: readonly RelationFilter[] = ['blocked', 'muted', 'following'];
export const sortLabels: Record<AccountSort, string> = {
  '': 'Recent activity',
  oldest: 'Oldest activity',
  handle: 'Handle, A to Z',
  unreasoned: 'No reason yet first',
};
const sorts = Object.keys(sortLabels) as AccountSort[];

export function filtersFromSearch(search: string): AccountFilters {
  const params = new URLSearchParams(search);
  const relation = params.get('relation') ?? '';
  const reasons = params.get('reasons') ?? '';
  const sort = params.get('sort') ?? '';
  const filters: AccountFilters = {
    relation: (relations as readonly string[]).includes(relation) ? (relation as RelationFilter) : '',
    reasons: reasons === 'with' || reasons === 'without' ? reasons : '',
    tag: (params.get('tag') ?? '').trim(),
    q: (params.get('q') ?? '').trim(),
  };
  return sort && (sorts as string[]).includes(sort) ? { ...filters, sort: sort as AccountSort } : filters;
}

/** The page's own query string ("?relation=blocked&q=spam"), empty without filters. */
export function filtersToSearch(filters: AccountFilters): string {
  const params = new URLSearchParams();
  if (filters.relation) params.set('relation', filters.relation);
  if (filters.reasons) params.set('reasons', filters.reasons);
  if (filters.tag.trim()) params.set('tag', filters.tag.trim());
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.sort) params.set('sort', filters.sort);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** GET /api/accounts's query for the filters and a page cursor. */
export function filtersToApiQuery(filters: AccountFilters, cursor?: string | null): Record<string, string> {
  const query: Record<string, string> = { limit: '50' };
  if (filters.relation) query.relation = filters.relation;
  if (filters.reasons) query.hasReasons = filters.reasons === 'with' ? 'true' : 'false';
  if (filters.tag.trim()) query.tag = filters.tag.trim();
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.sort) query.sort = filters.sort;
  if (cursor) query.cursor = cursor;
  return query;
}

/** GET /api/accounts/count's query: the same filters, without order or page. */
export function filtersToCountQuery(filters: AccountFilters): Record<string, string> {
  const query = filtersToApiQuery(filters);
  delete query.limit;
  delete query.sort;
  return query;
}

/** True when something narrows the list (an order alone does not). */
export function hasFilters(filters: AccountFilters): boolean {
  return filtersToSearch({ ...filters, sort: '' }) !== '';
}
