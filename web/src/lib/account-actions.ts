// The actions Reasonable can perform on an account at its provider (POST /api/accounts/{id}/actions): which one each
// relation offers now, their words, and the mute durations a provider may allow.
import type { AccountActionName, Provider } from './api/providers';
import type { components } from './api/schema';

export type ActionRequest = components['schemas']['AccountActionRequest'];
type Relations = components['schemas']['RelationsResponse'];

export const actionVerbs: Record<AccountActionName, string> = {
  block: 'Block',
  unblock: 'Unblock',
  mute: 'Mute',
  unmute: 'Unmute',
  follow: 'Follow',
  unfollow: 'Unfollow',
};

export const actionProgress: Record<AccountActionName, string> = {
  block: 'Blocking…',
  unblock: 'Unblocking…',
  mute: 'Muting…',
  unmute: 'Unmuting…',
  follow: 'Following…',
  unfollow: 'Unfollowing…',
};

export const actionDone: Record<AccountActionName, string> = {
  block: 'Blocked',
  unblock: 'Unblocked',
  mute: 'Muted',
  unmute: 'Unmuted',
  follow: 'Followed',
  unfollow: 'Unfollowed',
};

/** Each relation, and the action that starts it and the one that ends it. */
const relationActions = [
  { relation: 'blocked', start: 'block', end: 'unblock' },
  { relation: 'muted', start: 'mute', end: 'unmute' },
  { relation: 'following', start: 'follow', end: 'unfollow' },
] as const;

export const muteDurations: readonly { label: string; seconds: number | null }[] = [
  { label: 'Indefinitely', seconds: null },
  { label: '1 hour', seconds: 3600 },
  { label: '1 day', seconds: 86_400 },
  { label: '7 days', seconds: 604_800 },
  { label: '30 days', seconds: 2_592_000 },
];

/** The buttons to offer, one per relation: ending it when active, starting it otherwise, if the provider can. */
export function offeredActions(
  provider: Pick<Provider, 'actions'> | undefined,
  relations: Relations | null | undefined,
): { relation: string; action: AccountActionName }[] {
  if (!provider) return [];
  return relationActions.flatMap(({ relation, start, end }) => {
    const action = relations?.[relation]?.active ? end : start;
    return provider.actions.includes(action) ? [{ relation, action }] : [];
  });
}
