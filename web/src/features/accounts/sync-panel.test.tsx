import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../lib/api/client';
import { mastodonProvider, renderWithQueries, xProvider } from '../../lib/test-support';
import { SyncPanel } from './sync-panel';

vi.mock('../../lib/api/client', () => ({
  api: { GET: vi.fn(), POST: vi.fn() },
  unwrap: <T,>(call: Promise<T>) => call,
}));

afterEach(cleanup);

function answer(provider: string) {
  const answers: Record<string, unknown> = {
    '/api/me': { handle: 'alice', provider, keysAvailable: true },
    '/api/providers': [xProvider, mastodonProvider],
    '/api/sync': {
      latestRun: { status: 'waiting', relations: [{ relation: 'muted', phase: 'waiting', fetched: 80, folded: 40, waitingUntil: new Date(Date.now() + 60_000).toISOString() }] },
      pendingPages: 0,
    },
  };
  vi.mocked(api.GET).mockImplementation(((path: string) => Promise.resolve(answers[path])) as never);
}

describe('SyncPanel', () => {
  it('names the signed-in user’s network, with the relation words blocked, muted, following', async () => {
    answer('mastodon');
    renderWithQueries(<SyncPanel />);
    await screen.findByRole('heading', { name: 'Sync from Mastodon' });
    await screen.findByText('Muted accounts');
    expect(screen.getByText('Waiting for Mastodon: it limits how fast accounts can be fetched.')).toBeTruthy();
    expect(screen.getByText(/80 fetched from Mastodon, 40 saved/)).toBeTruthy();
    expect(screen.getByRole('timer').textContent).toMatch(/^Mastodon asks us to wait; resuming in/);
    expect(document.body.textContent).not.toMatch(/\bX\b/);
  });

  it('says X for a user who signed in with X', async () => {
    answer('x');
    renderWithQueries(<SyncPanel />);
    await screen.findByRole('heading', { name: 'Sync from X' });
  });
});
