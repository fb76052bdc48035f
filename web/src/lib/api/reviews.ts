// Review later (GET /api/reviews): what is due today in the person's calendar. Every review query sits under one
// key, so a change anywhere (a review date set, an action done) refreshes the list and the count in the navigation.
import { useQuery } from '@tanstack/react-query';
import { today } from '../dates';
import { api, unwrap } from './client';

export const reviewsQueryKey = ['reviews'] as const;

/** How many things are due now (the navigation's count); undefined until known. */
export function useReviewCount(enabled = true): number | undefined {
  const count = useQuery({
    queryKey: [...reviewsQueryKey, 'count'],
    queryFn: () => unwrap(api.GET('/api/reviews', { params: { query: { until: today(), limit: 1 } } })),
    enabled,
    staleTime: 60_000,
  });
  return count.data?.due;
}
