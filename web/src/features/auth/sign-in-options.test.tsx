import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../lib/api/client';
import { ApiError } from '../../lib/api/problem';
import type { Provider } from '../../lib/api/providers';
import { mastodonProvider, meOf, renderWithQueries, xProvider } from '../../lib/test-support';
import { KeyAttentionPage } from './key-attention-page';
import { LandingPage } from './landing-page';
import { InstanceSignIn } from './sign-in-options';

vi.mock('../../lib/api/client', () => ({
  api: { GET: vi.fn(), POST: vi.fn(), DELETE: vi.fn() },
  unwrap: <T,>(call: Promise<T>) => call,
}));

const mastodon = mastodonProvider as unknown as Provider;
let answers: Record<string, () => Promise<unknown>> = {};

beforeEach(() => {
  answers = { '/api/providers': () => Promise.resolve([xProvider, mastodonProvider]) };
  vi.mocked(api.GET).mockImplementation(((path: string) => answers[path]?.() ?? Promise.reject(new Error(`unexpected GET ${path}`))) as never);
});
afterEach(cleanup);

describe('InstanceSignIn', () => {
  it('needs a server: an empty one is refused with an announced sentence tied to the field, and nothing navigates', async () => {
    const go = vi.fn();
    render(<InstanceSignIn provider={mastodon} go={go} />);
    const field = screen.getByLabelText('Your server') as HTMLInputElement;
    expect(field.placeholder).toBe('mastodon.social');
    await userEvent.type(field, '   ');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in with Mastodon' }));

    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('Type the name of your Mastodon server, for example mastodon.social.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')?.split(' ')).toContain(alert.id);
    expect(document.activeElement).toBe(field);
    expect(go).not.toHaveBeenCalled();
  });

  it('goes (a full page) to the provider signInUrl with the server or handle as typed, trimmed and encoded', async () => {
    const go = vi.fn();
    render(<InstanceSignIn provider={mastodon} go={go} />);
    expect(screen.getByText(/Your handle works too, like @you@mastodon.social/)).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Your server'), '  @me@fedi.example  {Enter}');
    expect(go).toHaveBeenCalledWith('/api/auth/mastodon/login?instance=%40me%40fedi.example');

    await userEvent.clear(screen.getByLabelText('Your server'));
    await userEvent.type(screen.getByLabelText('Your server'), 'fedi.example/a b&c=d');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in with Mastodon' }));
    expect(go).toHaveBeenLastCalledWith('/api/auth/mastodon/login?instance=fedi.example%2Fa%20b%26c%3Dd');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('LandingPage', () => {
  it('lists every provider: a link for X, a server field and button for Mastodon', async () => {
    renderWithQueries(<LandingPage />);
    const x = await screen.findByRole('link', { name: 'Sign in with X' });
    expect(x.getAttribute('href')).toBe('/api/auth/x/login');
    expect(screen.getByRole('button', { name: 'Sign in with Mastodon' })).toBeTruthy();
    expect(screen.getByLabelText('Your server')).toBeTruthy();
    expect(document.body.textContent).toContain('On Mastodon, your first sign-in makes the private list "Reasonable key (pls keep)" on your account');
  });

  it('says nothing of X when the server offers only Mastodon', async () => {
    answers['/api/providers'] = () => Promise.resolve([mastodonProvider]);
    renderWithQueries(<LandingPage />);
    await screen.findByRole('button', { name: 'Sign in with Mastodon' });
    expect(document.body.textContent).not.toMatch(/\bX\b|x\.com|Twitter/);
    expect(document.body.textContent).toContain('block, mute and follow on Mastodon');
  });

  it('keeps the page when the providers call fails, and says so clearly', async () => {
    answers['/api/providers'] = () => Promise.reject(new ApiError(503, { title: 'Reasonable is starting', detail: 'Try again in a moment.' }));
    renderWithQueries(<LandingPage />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The ways to sign in could not be loaded');
    expect(alert.textContent).toContain('Try again in a moment.');
    expect(screen.getByRole('heading', { name: 'Who can read your notes' })).toBeTruthy();
    answers['/api/providers'] = () => Promise.resolve([xProvider]);
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.getByRole('link', { name: 'Sign in with X' })).toBeTruthy());
  });
});

describe('KeyAttentionPage', () => {
  it('names the signed-in user’s own network and key list, never X for a Mastodon user', async () => {
    const me = meOf({ handle: 'alice@fedi.example', provider: 'mastodon', keyStatus: 'missing', keysAvailable: false, recoveryConfigured: false });
    answers['/api/me'] = () => Promise.resolve(me);
    renderWithQueries(<KeyAttentionPage me={me} onDeleted={() => {}} />);
    await screen.findByRole('heading', { name: 'Your key list is missing from Mastodon' });
    await waitFor(() => expect(document.body.textContent).toContain('in the private list "Reasonable key (pls keep)"'));
    expect(document.body.textContent).not.toMatch(/\bX\b/);
  });

  it('offers someone without a recovery code to start over, behind the typed phrase', async () => {
    const me = meOf({ handle: 'alice', provider: 'x', keyStatus: 'missing', keysAvailable: false, recoveryConfigured: false });
    answers['/api/me'] = () => Promise.resolve(me);
    vi.mocked(api.DELETE).mockResolvedValue({ keyListDeleted: true } as never);
    const onDeleted = vi.fn();
    renderWithQueries(<KeyAttentionPage me={me} onDeleted={onDeleted} />);
    await screen.findByRole('heading', { name: 'Start over' });
    const button = screen.getByRole('button', { name: 'Start over: delete my account' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await userEvent.type(screen.getByLabelText(/to confirm/), 'delete my account');
    await userEvent.click(button);
    await waitFor(() => expect(onDeleted).toHaveBeenCalledTimes(1));
    expect(vi.mocked(api.DELETE)).toHaveBeenCalledWith('/api/me', { body: { confirm: 'delete my account' } });
  });

  it('shows no start-over to someone who has a recovery code', async () => {
    const me = meOf({ handle: 'alice', provider: 'x', keyStatus: 'missing', keysAvailable: false, recoveryConfigured: true });
    answers['/api/me'] = () => Promise.resolve(me);
    renderWithQueries(<KeyAttentionPage me={me} onDeleted={() => {}} />);
    await screen.findByLabelText('Your recovery code');
    expect(screen.queryByRole('heading', { name: 'Start over' })).toBeNull();
  });
});
