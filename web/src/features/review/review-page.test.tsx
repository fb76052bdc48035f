import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../lib/api/client';
import type { Provider } from '../../lib/api/providers';
import { mastodonProvider, renderWithQueries, xProvider } from '../../lib/test-support';
import { ReviewPage, undoActions } from './review-page';

vi.mock('../../lib/api/client', () => ({
  api: { GET: vi.fn(), POST: vi.fn(), PUT: vi.fn(), DELETE: vi.fn() },
  unwrap: <T,>(call: Promise<T>) => call,
}));

afterEach(cleanup);

const blockedBob = {
  kind: 'reason',
  dueOn: '2026-03-01',
  reasonId: 'r1',
  muteEndsAt: null,
  account: { id: 'a1', handle: 'bob@fedi.example', relations: { blocked: { active: true, since: '2025-03-01T10:00:00Z', endedAt: null } } },
  reasons: [{ id: 'r1', accountId: 'a1', action: 'block', text: 'Spam <b>links</b>', tags: ['spam'], version: 1, occurredAt: '2021-06-01T12:00:00Z' }],
};
const mutedCarol = {
  kind: 'mute-ends',
  dueOn: '2026-03-02',
  reasonId: null,
  muteEndsAt: '2026-03-05T10:00:00Z',
  account: { id: 'a2', handle: 'carol@fedi.example', relations: { muted: { active: true, since: '2026-02-26T10:00:00Z', endedAt: null, expiresAt: '2026-03-05T10:00:00Z' } } },
  reasons: [],
};

describe('ReviewPage', () => {
  let due: unknown[];
  beforeEach(() => {
    vi.clearAllMocks();
    due = [blockedBob, mutedCarol];
    vi.mocked(api.GET).mockImplementation(((path: string) =>
      Promise.resolve(
        path === '/api/reviews'
          ? { items: due, due: due.length, unreadable: 0 }
          : path === '/api/me'
            ? { handle: 'me@fedi.example', provider: 'mastodon', keysAvailable: true }
            : [xProvider, mastodonProvider],
      )) as never);
    vi.mocked(api.PUT).mockResolvedValue({ reviewOn: null } as never);
    vi.mocked(api.POST).mockResolvedValue({} as never);
  });

  it('lists what is due with the account, why, and its reasons as text', async () => {
    renderWithQueries(<ReviewPage />);
    const bob = await screen.findByRole('listitem', { name: '@bob@fedi.example' });
    expect(within(bob).getByText('Spam <b>links</b>')).toBeTruthy();
    expect(within(bob).getByText(/look at this reason again/)).toBeTruthy();
    const carol = screen.getByRole('listitem', { name: '@carol@fedi.example' });
    expect(within(carol).getByText(/The mute ends/)).toBeTruthy();
    expect(screen.getByText('2 things due, oldest first.')).toBeTruthy();
  });

  it('keeps a reason with a new date, one request for that reason', async () => {
    renderWithQueries(<ReviewPage />);
    const bob = await screen.findByRole('listitem', { name: '@bob@fedi.example' });
    await userEvent.selectOptions(within(bob).getByLabelText('Look again'), '1y');
    await userEvent.click(within(bob).getByRole('button', { name: 'Keep' }));
    await waitFor(() => expect(api.PUT).toHaveBeenCalledTimes(1));
    const [path, options] = vi.mocked(api.PUT).mock.calls[0] as unknown as [string, { params: { path: { id: string } }; body: { reviewOn: string } }];
    expect(path).toBe('/api/reasons/{id}/review');
    expect(options.params.path.id).toBe('r1');
    expect(options.body.reviewOn).toMatch(new RegExp(`^${new Date().getFullYear() + 1}-`));
  });

  it('undoes a block after asking, then clears the review date', async () => {
    renderWithQueries(<ReviewPage />);
    const bob = await screen.findByRole('listitem', { name: '@bob@fedi.example' });
    await userEvent.click(within(bob).getByRole('button', { name: 'Unblock' }));
    expect(api.POST).not.toHaveBeenCalled();
    await userEvent.click(within(bob).getByRole('button', { name: 'Yes, unblock' }));
    await waitFor(() => expect(api.PUT).toHaveBeenCalledTimes(1));
    const [path, options] = vi.mocked(api.POST).mock.calls[0] as unknown as [string, { body: { action: string } }];
    expect(path).toBe('/api/accounts/{id}/actions');
    expect(options.body.action).toBe('unblock');
    expect((vi.mocked(api.PUT).mock.calls[0] as unknown as [string, { body: { reviewOn: null } }])[1].body.reviewOn).toBeNull();
  });

  it('dismisses a mute about to end by marking its end as seen', async () => {
    renderWithQueries(<ReviewPage />);
    const carol = await screen.findByRole('listitem', { name: '@carol@fedi.example' });
    await userEvent.click(within(carol).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(api.POST).toHaveBeenCalledWith('/api/accounts/{id}/review/mute-end', { params: { path: { id: 'a2' } } }));
    expect(api.PUT).not.toHaveBeenCalled();
  });

  it('says when nothing is due', async () => {
    due = [];
    renderWithQueries(<ReviewPage />);
    expect(await screen.findByText(/Nothing is due/)).toBeTruthy();
  });
});

describe('undoActions', () => {
  it('offers only what the network can do for the relation the item is about', () => {
    const mastodon = mastodonProvider as unknown as Provider;
    expect(undoActions(blockedBob as never, mastodon)).toEqual(['unblock']);
    expect(undoActions(mutedCarol as never, mastodon)).toEqual(['unmute']);
    expect(undoActions(blockedBob as never, xProvider as unknown as Provider)).toEqual([]);
  });
});
