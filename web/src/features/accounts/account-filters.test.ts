import { describe, expect, it } from 'vitest';
import { filtersFromSearch, filtersToApiQuery, filtersToCountQuery, filtersToSearch, hasFilters, noFilters } from './account-filters';

describe('account filters', () => {
  it('become the API query: relation, hasReasons, tag, q, page size and cursor', () => {
    expect(filtersToApiQuery({ relation: 'blocked', reasons: 'with', tag: ' spam ', q: ' replied ' }, 'CURSOR')).toEqual({
      limit: '50',
      relation: 'blocked',
      hasReasons: 'true',
      tag: 'spam',
      q: 'replied',
      cursor: 'CURSOR',
    });
    expect(filtersToApiQuery({ ...noFilters, reasons: 'without' })).toEqual({ limit: '50', hasReasons: 'false' });
    expect(filtersToApiQuery(noFilters, null)).toEqual({ limit: '50' });
  });

  it('round-trip through the address bar, encoded', () => {
    const filters = { relation: 'muted', reasons: 'without', tag: 'café & co', q: 'a b' } as const;
    const search = filtersToSearch(filters);
    expect(search).toBe('?relation=muted&reasons=without&tag=caf%C3%A9+%26+co&q=a+b');
    expect(filtersFromSearch(search)).toEqual(filters);
    expect(filtersToSearch(noFilters)).toBe('');
  });

  it('ignore values the API does not know', () => {
    expect(filtersFromSearch('?relation=friends&reasons=maybe&tag=%20&q=&sort=random')).toEqual(noFilters);
  });

  it('carry the order to the address and the list, but not to the count, and an order alone is no filter', () => {
    const sorted = { ...noFilters, q: 'spam', sort: 'handle' } as const;
    expect(filtersToSearch(sorted)).toBe('?q=spam&sort=handle');
    expect(filtersFromSearch('?q=spam&sort=handle')).toEqual(sorted);
    expect(filtersToApiQuery(sorted)).toEqual({ limit: '50', q: 'spam', sort: 'handle' });
    expect(filtersToCountQuery(sorted)).toEqual({ q: 'spam' });
    expect(hasFilters({ ...noFilters, sort: 'unreasoned' })).toBe(false);
  });
});
