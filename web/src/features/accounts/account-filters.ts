// The accounts list's filters, kept in the address bar (so back, reload and links keep them) and sent to
// GET /api/accounts as its query.
export type RelationFilter = '' | 'blocked' | 'muted' | 'following';
export type ReasonsFilter = '' | 'with' | 'without';

export interface AccountFilters {
  relation: RelationFilter;
  reasons: ReasonsFilter;
  tag: string;
  q: string;
}

export const noFilters: AccountFilters = { relation: '', reasons: '', tag: '', q: '' };

const relations: readonly RelationFilter[] = ['blocked', 'muted', 'following'];

export function filtersFromSearch(search: string): AccountFilters {
  const params = new URLSearchParams(search);
  const relation = params.get('relation') ?? '';
  const reasons = params.get('reasons') ?? '';
  return {
    relation: (relations as readonly string[]).includes(relation) ? (relation as RelationFilter) : '',
    reasons: reasons === 'with' || reasons === 'without' ? reasons : '',
    tag: (params.get('tag') ?? '').trim(),
    q: (params.get('q') ?? '').trim(),
  };
}

/** The page's own query string ("?relation=blocked&q=spam"), empty without filters. */
export function filtersToSearch(filters: AccountFilters): string {
  const params = new URLSearchParams();
  if (filters.relation) params.set('relation', filters.relation);
  if (filters.reasons) params.set('reasons', filters.reasons);
  if (filters.tag.trim()) params.set('tag', filters.tag.trim());
  if (filters.q.trim()) params.set('q', filters.q.trim());
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
  if (cursor) query.cursor = cursor;
  return query;
}

export function hasFilters(filters: AccountFilters): boolean {
  return filtersToSearch(filters) !== '';
}
