import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../lib/api/client';
import { ApiError } from '../../lib/api/problem';
import type { Provider } from '../../lib/api/providers';
import { navigate } from '../../lib/router';
import { mastodonProvider, renderWithQueries, xProvider } from '../../lib/test-support';
import { ActByHandle, cleanHandle } from './act-by-handle';

vi.mock('../../lib/api/client', () => ({
  api: { GET: vi.fn(), POST: vi.fn() },
  unwrap: <T,>(call: Promise<T>) => call,
}));

const mastodon = mastodonProvider as unknown as Provider;
type PostInit = { body: Record<string, unknown>; headers: Record<string, string> };

afterEach(cleanup);
beforeEach(() => {
  vi.mocked(api.POST).mockReset();
  navigate('/accounts', { force: true });
});

function form() {
  return within(screen.getByRole('form', { name: 'Block or mute someone by handle' }));
}

describe('cleanHandle', () => {
  it('takes name or name@server, with or without a leading @, and refuses anything else', () => {
    expect(cleanHandle(' @carol@social.example ')).toBe('carol@social.example');
    expect(cleanHandle('bob')).toBe('bob');
    for (const bad of ['', '@', 'two words@a.example', 'a@b@c.example', 'carol@', 'carol@nodot', 'https://social.example/@carol']) {
      expect(cleanHandle(bad)).toBeNull();
    }
  });
});

describe('ActByHandle', () => {
  it('is not there when the provider cannot block or mute', () => {
    renderWithQueries(<ActByHandle provider={xProvider as unknown as Provider} />);
    expect(screen.queryByRole('form')).toBeNull();
    cleanup();
    renderWithQueries(<ActByHandle provider={undefined} />);
    expect(screen.queryByRole('form')).toBeNull();
    cleanup();
    renderWithQueries(<ActByHandle provider={{ ...mastodon, actions: ['follow', 'unfollow'] }} />);
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('blocks by handle with a reason, sends an Idempotency-Key, and opens the account’s page', async () => {
    vi.mocked(api.POST).mockResolvedValue({ account: { id: 'a 1', handle: 'carol@social.example' }, reason: null } as never);
    renderWithQueries(<ActByHandle provider={mastodon} />);
    const f = form();
    expect((f.getByLabelText('Action') as HTMLSelectElement).value).toBe('block');
    expect(f.queryByLabelText('How long')).toBeNull();
    await userEvent.type(f.getByLabelText('Handle'), '@carol@social.example');
    await userEvent.type(f.getByLabelText('Reason (optional)'), 'Piles on <b>strangers</b>');
    await userEvent.click(f.getByRole('button', { name: 'Block on Mastodon' }));

    await waitFor(() => expect(window.location.pathname).toBe('/accounts/a%201'));
    const [path, init] = vi.mocked(api.POST).mock.calls[0] as unknown as [string, PostInit];
    expect(path).toBe('/api/accounts/actions');
    expect(init.body).toEqual({ handle: 'carol@social.example', action: 'block', reason: { text: 'Piles on <b>strangers</b>', tags: [] } });
    expect(init.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('mutes for a chosen time, without a reason when none is typed', async () => {
    vi.mocked(api.POST).mockResolvedValue({ account: { id: 'a2' }, reason: null } as never);
    renderWithQueries(<ActByHandle provider={mastodon} />);
    const f = form();
    await userEvent.selectOptions(f.getByLabelText('Action'), 'mute');
    await userEvent.selectOptions(f.getByLabelText('How long'), '7 days');
    await userEvent.type(f.getByLabelText('Handle'), 'dave@social.example');
    await userEvent.click(f.getByRole('button', { name: 'Mute on Mastodon' }));
    await waitFor(() => expect(window.location.pathname).toBe('/accounts/a2'));
    const [, init] = vi.mocked(api.POST).mock.calls[0] as unknown as [string, PostInit];
    expect(init.body).toEqual({ handle: 'dave@social.example', action: 'mute', muteDurationSeconds: 604_800 });
  });

  it('offers no duration where the provider has no timed mutes, and only the actions it has', async () => {
    renderWithQueries(<ActByHandle provider={{ ...mastodon, muteDurations: false, actions: ['mute', 'unmute'] }} />);
    const f = form();
    expect(f.queryByLabelText('Action')).toBeNull(); // one choice: nothing to choose
    expect(f.queryByLabelText('How long')).toBeNull();
    expect(f.getByRole('button', { name: 'Mute on Mastodon' })).toBeTruthy();
  });

  it('says what is wrong with the handle without calling the API, and keeps the page', async () => {
    renderWithQueries(<ActByHandle provider={mastodon} />);
    const f = form();
    await userEvent.type(f.getByLabelText('Handle'), 'carol at social');
    await userEvent.click(f.getByRole('button', { name: 'Block on Mastodon' }));
    expect(screen.getByRole('alert').textContent).toMatch(/handle, like name@mastodon\.social/);
    expect(document.activeElement).toBe(f.getByLabelText('Handle'));
    expect(api.POST).not.toHaveBeenCalled();
    expect(window.location.pathname).toBe('/accounts');
  });

  it('names an unknown handle, shows other problems as the API words them, and a retry reuses the Idempotency-Key', async () => {
    vi.mocked(api.POST)
      .mockRejectedValueOnce(new ApiError(404, { title: 'Not found', detail: 'No such account.' }))
      .mockRejectedValueOnce(new ApiError(502, { title: 'Mastodon did not answer', detail: 'Try again in a minute.' }))
      .mockRejectedValueOnce(new ApiError(502, { title: 'Mastodon did not answer', detail: 'Try again in a minute.' }))
      .mockResolvedValue({ account: { id: 'a3' }, reason: null } as never);
    renderWithQueries(<ActByHandle provider={mastodon} />);
    const f = form();
    await userEvent.type(f.getByLabelText('Handle'), 'nobody@social.example');
    await userEvent.click(f.getByRole('button', { name: 'Block on Mastodon' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Mastodon has no account nobody@social.example. Check the spelling, and the server after the @.',
    );

    await userEvent.clear(f.getByLabelText('Handle'));
    await userEvent.type(f.getByLabelText('Handle'), 'carol@social.example');
    await userEvent.type(f.getByLabelText('Reason (optional)'), 'Kept text');
    await userEvent.click(f.getByRole('button', { name: 'Block on Mastodon' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Mastodon did not answer. Try again in a minute.'));
    expect((f.getByLabelText('Reason (optional)') as HTMLInputElement).value).toBe('Kept text');
    await userEvent.click(f.getByRole('button', { name: 'Block on Mastodon' }));
    await waitFor(() => expect(api.POST).toHaveBeenCalledTimes(3));
    await userEvent.click(await f.findByRole('button', { name: 'Block on Mastodon' }));
    await waitFor(() => expect(window.location.pathname).toBe('/accounts/a3'));

    const keys = vi.mocked(api.POST).mock.calls.map((call) => (call[1] as unknown as PostInit).headers['Idempotency-Key']);
    expect(keys[1]).not.toBe(keys[0]); // another handle: another request
    expect(keys[2]).toBe(keys[1]);
    expect(keys[3]).toBe(keys[1]);
  });
});
