// The user's tags with counts (GET /api/tags): for filtering by a tag, suggesting tags while typing, and renaming.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';

export const tagsQueryKey = ['tags'] as const;

export function useTags() {
  return useQuery({ queryKey: tagsQueryKey, queryFn: () => unwrap(api.GET('/api/tags')), staleTime: 60_000 });
}

/** The accounts list filtered by one tag: where clicking a tag anywhere leads. */
export function tagHref(tag: string): string {
  return `/accounts?${new URLSearchParams({ tag }).toString()}`;
}

/** Suggestions for a comma-separated tags field: what is typed before the last comma, then each known tag that fits what follows it. */
export function tagSuggestions(typed: string, known: readonly string[], most = 8): string[] {
  const cut = typed.lastIndexOf(',');
  const before = cut < 0 ? '' : `${typed.slice(0, cut + 1)} `;
  const word = typed.slice(cut + 1).trim().toLowerCase();
  const used = new Set(typed.slice(0, cut + 1).split(',').map((tag) => tag.trim().toLowerCase()));
  return known
    .filter((tag) => !used.has(tag.toLowerCase()) && tag.toLowerCase().startsWith(word))
    .slice(0, most)
    .map((tag) => `${before}${tag}`);
}
