import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../lib/api/client';
import { ApiError } from '../../lib/api/problem';
import type { Provider } from '../../lib/api/providers';
import { mastodonProvider, relationState, relationsOf, renderWithQueries, xProvider } from '../../lib/test-support';
import { AccountActions } from './account-actions';
import { AccountPage } from './account-page';

vi.mock('../../lib/api/client', () => ({
  api: { GET: vi.fn(), POST: vi.fn(), PUT: vi.fn(), DELETE: vi.fn() },
  unwrap: <T,>(call: Promise<T>) => call,
}));

const mastodon = mastodonProvider as unknown as Provider;
const blocked = { blocked: relationState() };
const handle = 'alice@fedi.example';

afterEach(cleanup);

function renderActions(provider: Provider, perform = vi.fn().mockResolvedValue(undefined), relations: Parameters<typeof relationsOf>[0] = {}) {
  render(<AccountActions provider={provider} handle={handle} relations={relationsOf(relations)} perform={perform} />);
  return perform;
}

describe('AccountActions', () => {
  it('offers only what the provider supports, by the relation now', () => {
    renderActions(mastodon, undefined, blocked);
    const buttons = within(screen.getByRole('group', { name: 'Actions on Mastodon' })).getAllByRole('button');
    expect(buttons.map((button) => button.textContent)).toEqual(['Unblock', 'Mute', 'Follow']);
    cleanup();

    renderActions({ ...mastodon, actions: ['block', 'unblock'] });
    expect(screen.getAllByRole('button').map((button) => button.textContent)).toEqual(['Block']);
  });

  it('shows the provider’s note, once and quietly, when it supports no action', () => {
    renderActions(xProvider as unknown as Provider);
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.getAllByText(xProvider.actionsNote)).toHaveLength(1);
  });

  it('offers a mute duration only for mute, and only when the provider has them', async () => {
    const perform = renderActions(mastodon);
    await userEvent.click(screen.getByRole('button', { name: 'Block' }));
    expect(screen.getByRole('dialog', { name: `Block ${handle}?` })).toBeTruthy();
    expect(screen.queryByLabelText('How long')).toBeNull();
    await userEvent.keyboard('{Escape}');

    await userEvent.click(screen.getByRole('button', { name: 'Mute' }));
    const choice = screen.getByLabelText('How long') as HTMLSelectElement;
    expect([...choice.options].map((option) => option.textContent)).toEqual(['Indefinitely', '1 hour', '1 day', '7 days', '30 days']);
    await userEvent.selectOptions(choice, '1 day');
    await userEvent.type(screen.getByLabelText('Reason (optional)'), 'Posts <b>spoilers</b>');
    await userEvent.type(screen.getByLabelText('Tags, separated by commas'), 'spoilers, tv');
    await userEvent.click(screen.getByRole('button', { name: `Mute ${handle}` }));
    await waitFor(() => expect(perform).toHaveBeenCalledTimes(1));
    expect(perform.mock.calls[0]?.[0]).toEqual({ action: 'mute', muteDurationSeconds: 86_400, reason: { text: 'Posts <b>spoilers</b>', tags: ['spoilers', 'tv'] } });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe(`Muted ${handle} on Mastodon.`);
    cleanup();

    renderActions({ ...mastodon, muteDurations: false });
    await userEvent.click(screen.getByRole('button', { name: 'Mute' }));
    expect(screen.queryByLabelText('How long')).toBeNull();
  });

  it('sends no reason and no duration when none is given', async () => {
    const perform = renderActions(mastodon);
    await userEvent.click(screen.getByRole('button', { name: 'Follow' }));
    await userEvent.click(screen.getByRole('button', { name: `Follow ${handle}` }));
    await waitFor(() => expect(perform).toHaveBeenCalledWith({ action: 'follow' }, expect.any(String)));
  });

  it('on a problem shows its detail in the dialog, keeps the text, and a retry reuses the Idempotency-Key', async () => {
    const problem = new ApiError(502, { title: 'Mastodon did not answer', detail: 'fedi.example took too long. Try again in a minute.' });
    const perform = vi.fn().mockRejectedValueOnce(problem).mockRejectedValueOnce(problem).mockResolvedValue(undefined);
    renderActions(mastodon, perform);
    await userEvent.click(screen.getByRole('button', { name: 'Block' }));
    await userEvent.type(screen.getByLabelText('Reason (optional)'), 'Harassed a friend');
    await userEvent.click(screen.getByRole('button', { name: `Block ${handle}` }));

    const alert = await within(screen.getByRole('dialog')).findByRole('alert');
    expect(alert.textContent).toContain('fedi.example took too long. Try again in a minute.');
    expect((screen.getByLabelText('Reason (optional)') as HTMLTextAreaElement).value).toBe('Harassed a friend');

    await userEvent.click(screen.getByRole('button', { name: `Block ${handle}` }));
    await waitFor(() => expect(perform).toHaveBeenCalledTimes(2));
    const first = perform.mock.calls[0]?.[1] as string;
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(perform.mock.calls[1]?.[1]).toBe(first);

    await userEvent.type(screen.getByLabelText('Reason (optional)'), ' again');
    await userEvent.click(screen.getByRole('button', { name: `Block ${handle}` }));
    await waitFor(() => expect(perform).toHaveBeenCalledTimes(3));
    expect(perform.mock.calls[2]?.[1]).not.toBe(first); // changed what is sent: a new submission, a new key
  });

  it('keeps focus inside the dialog, closes on Escape and gives focus back to the button', async () => {
    renderActions(mastodon);
    const opener = screen.getByRole('button', { name: 'Block' });
    await userEvent.click(opener);
    const dialog = screen.getByRole('dialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('Reason (optional)'));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);

    await userEvent.click(opener);
    within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }).focus();
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByLabelText('Reason (optional)'));
    await userEvent.tab({ shift: true });
    expect(document.activeElement).toBe(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});

describe('AccountPage actions', () => {
  const account = {
    id: 'a1',
    handle,
    providerAccountId: '109',
    displayName: '<i>Alice</i>',
    profileUrl: 'https://fedi.example/@alice',
    movedTo: 'alice@new.example',
    avatarUrl: null,
    relations: relationsOf({ muted: relationState({ expiresAt: '2030-01-02T03:04:00Z' }) }),
    reasonCount: 0,
    latestReason: null,
    matchedIn: null,
    lastActivityAt: '2026-03-14T09:26:53Z',
    createdAt: '2026-03-14T09:26:53Z',
  };
  const me = { handle: 'me@fedi.example', provider: 'mastodon', keysAvailable: true };

  let stored: { account: unknown; reasons: unknown[]; unreadableReasons: number }; // what the server holds

  beforeEach(() => {
    stored = { account, reasons: [], unreadableReasons: 0 };
    const answers: Record<string, () => unknown> = {
      '/api/me': () => me,
      '/api/providers': () => [xProvider, mastodonProvider],
      '/api/accounts/{id}': () => stored,
      '/api/accounts/{id}/review': () => ({ reviewOn: null, reasons: [] }),
      '/api/tags': () => ({ items: [], unreadable: 0 }),
    };
    vi.mocked(api.GET).mockImplementation(((path: string) => Promise.resolve(answers[path]?.())) as never);
  });

  it('links to the profile, notes the move and a timed mute, and a block with a reason lands in the timeline', async () => {
    const reason = {
      id: 'r1', accountId: 'a1', action: 'block', text: 'Harassed a friend', tags: ['harassment'], version: 1,
      occurredAt: '2026-04-01T10:00:00Z', createdAt: '2026-04-01T10:00:00Z', updatedAt: '2026-04-01T10:00:00Z',
    };
    const after = { ...account, relations: { ...account.relations, ...blocked } };
    let answered = false;
    vi.mocked(api.POST).mockImplementation((() => {
      answered = true;
      return Promise.resolve({ account: after, reason });
    }) as never);
    vi.mocked(api.GET).mockImplementation(((path: string) =>
      Promise.resolve(
        path === '/api/accounts/{id}'
          ? { ...stored, ...(answered ? { account: after, reasons: [reason] } : {}) }
          : path === '/api/me'
            ? me
            : path === '/api/accounts/{id}/review'
              ? { reviewOn: null, reasons: [] }
              : path === '/api/tags'
                ? { items: [], unreadable: 0 }
                : [xProvider, mastodonProvider],
      )) as never);
    renderWithQueries(<AccountPage id="a1" />);

    const link = await screen.findByRole('link', { name: 'View on Mastodon' });
    expect(link.getAttribute('href')).toBe('https://fedi.example/@alice');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.getByText('This account moved to alice@new.example.')).toBeTruthy();
    expect(screen.getByText(/Muted: first seen by Reasonable on .*, until .*2030/)).toBeTruthy(); // found by a sync: never dated as the mute
    expect(screen.getByText('<i>Alice</i>')).toBeTruthy(); // a stranger's name is text, never HTML

    await userEvent.click(await screen.findByRole('button', { name: 'Block' }));
    const dialog = within(screen.getByRole('dialog'));
    await userEvent.type(dialog.getByLabelText('Reason (optional)'), 'Harassed a friend');
    await userEvent.type(dialog.getByLabelText('Tags, separated by commas'), 'harassment');
    await userEvent.click(dialog.getByRole('button', { name: `Block ${handle}` }));

    await screen.findByText('Harassed a friend', { selector: '.reason-text' });
    const [path, init] = vi.mocked(api.POST).mock.calls[0] as unknown as [string, { params: unknown; body: unknown; headers: Record<string, string> }];
    expect(path).toBe('/api/accounts/{id}/actions');
    expect(init.params).toEqual({ path: { id: 'a1' } });
    expect(init.body).toEqual({ action: 'block', reason: { text: 'Harassed a friend', tags: ['harassment'] } });
    expect(init.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(screen.getByRole('button', { name: 'Unblock' })).toBeTruthy();
  });

  it('offers no profile link for an address that is not on the web', async () => {
    account.profileUrl = 'javascript:alert(1)';
    renderWithQueries(<AccountPage id="a1" />);
    await screen.findByRole('heading', { name: /alice@fedi.example/ });
    expect(screen.queryByRole('link', { name: 'View on Mastodon' })).toBeNull();
    account.profileUrl = 'https://fedi.example/@alice';
  });
});
