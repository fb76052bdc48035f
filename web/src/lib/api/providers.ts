// The networks this server signs people in with (GET /api/providers, anonymous), and the signed-in user's own:
// its display name for sentences, the actions Reasonable can perform there and the key list it writes.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { useMe } from './me';
import type { components } from './schema';

type ProviderResponse = components['schemas']['ProviderResponse'];
export const accountActionNames = ['block', 'unblock', 'mute', 'unmute', 'follow', 'unfollow'] as const;
export type AccountActionName = (typeof accountActionNames)[number];

/** A provider as the app uses it: the API's answer, with only the actions this app knows how to offer. */
export interface Provider {
  name: string;
  displayName: string;
  needsInstance: boolean;
  signInUrl: string;
  /** The actions Reasonable can perform there (words the app does not know are left out). */
  actions: AccountActionName[];
  muteDurations: boolean;
  actionsNote: string | null;
  keyList: string;
  /** The network keeps private notes of its own that Reasonable can import (it never writes them). */
  importsNotes: boolean;
  /** The network's own files of blocked, muted and followed accounts that POST /api/imports takes, in a sentence's words. */
  importFiles: string[];
}

export const providersQueryKey = ['providers'] as const;

function isActionName(value: string): value is AccountActionName {
  return (accountActionNames as readonly string[]).includes(value);
}

/** The provider from the API's answer. */
export function toProvider(response: ProviderResponse): Provider {
  return {
    name: response.name,
    displayName: response.displayName || fallbackDisplayName(response.name),
    needsInstance: response.needsInstance,
    signInUrl: response.signInUrl,
    actions: response.actions.filter(isActionName),
    muteDurations: response.muteDurations,
    actionsNote: response.actionsNote,
    keyList: response.keyList || 'your key list',
    importsNotes: response.importsNotes,
    importFiles: response.importFiles,
  };
}

export function useProviders() {
  return useQuery({
    queryKey: providersQueryKey,
    queryFn: async () => (await unwrap(api.GET('/api/providers'))).map(toProvider),
    staleTime: Infinity,
  });
}

/** "x" → "X", "mastodon" → "Mastodon": the name to use while (or if) the provider list cannot say it. */
export function fallbackDisplayName(name: string | null | undefined): string {
  return name ? `${name.charAt(0).toUpperCase()}${name.slice(1)}` : 'your network';
}

/** Where a sign-in starts in the browser: the provider's signInUrl, with ?instance= when it needs a server. */
export function signInHref(provider: Pick<Provider, 'signInUrl'>, instance?: string): string {
  if (instance === undefined) return provider.signInUrl;
  const separator = provider.signInUrl.includes('?') ? '&' : '?';
  return `${provider.signInUrl}${separator}instance=${encodeURIComponent(instance)}`;
}

export interface MyNetwork {
  /** The signed-in user's provider, once both /api/me and /api/providers answered. */
  provider: Provider | undefined;
  /** How a sentence names the network: "X", "Mastodon". */
  name: string;
  /** The key list as a phrase: 'the private list "Reasonable key (pls keep)"', or "your key list" until known. */
  keyList: string;
}

/** The network the signed-in user's account is on, for wording and for what the account page offers. */
export function useMyNetwork(): MyNetwork {
  const me = useMe();
  const providers = useProviders();
  const name = me.data?.provider;
  const provider = providers.data?.find((candidate) => candidate.name === name);
  return { provider, name: provider?.displayName ?? fallbackDisplayName(name), keyList: provider?.keyList ?? 'your key list' };
}
