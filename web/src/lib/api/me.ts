// The signed-in user (GET /api/me): every screen reads it to know whether the notes can be opened.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';

export type Me = components['schemas']['MeResponse'];
export const meQueryKey = ['me'] as const;

export function useMe(enabled = true) {
  return useQuery({ queryKey: meQueryKey, queryFn: () => unwrap(api.GET('/api/me')), enabled });
}
