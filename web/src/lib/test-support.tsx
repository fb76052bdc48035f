// For component tests: a fresh query client that never retries or refetches on its own, around what is rendered.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { components } from './api/schema';

export function renderWithQueries(ui: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } } });
  return { client, ...render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>) };
}

export const xProvider = {
  name: 'x',
  displayName: 'X',
  needsInstance: false,
  signInUrl: '/api/auth/x/login',
  actions: [],
  muteDurations: false,
  actionsNote: 'X does not let apps block, mute or follow for you; do it on X, then sync.',
  keyList: 'the private list "Reasonable key (pls keep)"',
  importsNotes: false,
  importFiles: ["X's data archive (the zip, or its data/block.js, data/mute.js and data/following.js)"],
} as const;

export const mastodonProvider = {
  name: 'mastodon',
  displayName: 'Mastodon',
  needsInstance: true,
  signInUrl: '/api/auth/mastodon/login',
  actions: ['block', 'unblock', 'mute', 'unmute', 'follow', 'unfollow'],
  muteDurations: true,
  actionsNote: null,
  keyList: 'the private list "Reasonable key (pls keep)"',
  importsNotes: true,
  importFiles: ["Mastodon's blocked_accounts.csv", "Mastodon's muted_accounts.csv", "Mastodon's following_accounts.csv"],
} as const;

type Schemas = components['schemas'];

/** A relation as the API sends it (every member present), with the given members over the defaults. */
export function relationState(overrides: Partial<Schemas['RelationState']> = {}): Schemas['RelationState'] {
  const since = overrides.since ?? '2026-03-14T09:26:53Z';
  return { active: true, since, firstSeen: since, lastSeen: since, endedAt: null, expiresAt: null, past: [], startedByReasonable: false, unconfirmed: false, ...overrides };
}

/** An account's relations as the API sends them: null for each one the account is not in. */
export function relationsOf(relations: Partial<Schemas['RelationsResponse']> = {}): Schemas['RelationsResponse'] {
  return { blocked: null, muted: null, following: null, ...relations };
}

/** The signed-in user as GET /api/me sends them, with the given members over the defaults. */
export function meOf(overrides: Partial<Schemas['MeResponse']> = {}): Schemas['MeResponse'] {
  return {
    id: 'u1', provider: 'x', handle: 'alice', keyStatus: 'active', keyStatusHelp: null, keysAvailable: true, recoveryConfigured: false,
    recoveryCreatedAt: null, createdAt: '2026-01-01T00:00:00Z',
    session: { id: 's1', kind: 'browser', createdAt: '2026-03-14T09:00:00Z', expiresAt: '2026-03-14T21:00:00Z' },
    ...overrides,
  };
}

/** One relation of a sync as the API sends it. */
export function syncRelationOf(overrides: Partial<Schemas['SyncRelationResponse']> = {}): Schemas['SyncRelationResponse'] {
  return { relation: 'blocked', phase: 'pending', fetched: 0, folded: 0, pages: 0, waitingUntil: null, lastError: null, attempts: 0, ...overrides };
}

/** A sync run as the API sends it. */
export function syncRunOf(overrides: Partial<Schemas['SyncRunResponse']> = {}): Schemas['SyncRunResponse'] {
  return { id: 'run1', status: 'queued', requestedAt: '2026-03-14T09:00:00Z', startedAt: null, finishedAt: null, lastError: null, relations: [], ...overrides };
}
