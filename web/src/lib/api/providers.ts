// The networks this server signs people in with (GET /api/providers, anonymous), and the signed-in user's own:
// its display name for sentences, the actions Reasonable can perform there and the key list it writes.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { useMe } from './me';
import type { components } from './schema';

export type Provider = components['schemas']['ProviderResponse'];
export type AccountActionName = Provider['actions'][number];
export const providersQueryKey = ['providers'] as const;

export function useProviders() {
  return useQuery({ queryKey: providersQueryKey, queryFn: () => unwrap(api.GET('/api/providers')), staleTime: Infinity });
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
