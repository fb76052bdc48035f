// For component tests: a fresh query client that never retries or refetches on its own, around what is rendered.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';

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
