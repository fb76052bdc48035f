import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../lib/api/client';
import { ApiError } from '../../lib/api/problem';
import { renderWithQueries } from '../../lib/test-support';
import { NotesImportSection } from './notes-import-section';

vi.mock('../../lib/api/client', () => ({
  api: { GET: vi.fn(), POST: vi.fn() },
  unwrap: <T,>(call: Promise<T>) => call,
}));

afterEach(cleanup);
beforeEach(() => vi.mocked(api.POST).mockReset());

describe('NotesImportSection', () => {
  it('says the notes stay in plain text on the network and are never written back', () => {
    renderWithQueries(<NotesImportSection network="Mastodon" />);

    expect(screen.getByText(/in plain text, where your server's administrators/)).toBeTruthy();
    expect(screen.getByText(/never writes to your notes on Mastodon/)).toBeTruthy();
  });

  it('imports on request only, and says what it did', async () => {
    vi.mocked(api.POST).mockResolvedValue({ accountsChecked: 251, imported: 5, alreadyImported: 0, skipped: 1 } as never);
    renderWithQueries(<NotesImportSection network="Mastodon" />);
    expect(api.POST).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: 'Import my notes from Mastodon' }));

    expect(await screen.findByText('Checked 251 accounts: 5 notes imported, 0 already here, 1 skipped.')).toBeTruthy();
    expect(api.POST).toHaveBeenCalledWith('/api/imports/provider-notes');
  });

  it("shows the problem's sentence when the network fails", async () => {
    vi.mocked(api.POST).mockRejectedValueOnce(new ApiError(503, { title: 'Mastodon is not answering', detail: 'Mastodon did not answer properly. Try again in a minute.' }));
    renderWithQueries(<NotesImportSection network="Mastodon" />);

    await userEvent.click(screen.getByRole('button', { name: 'Import my notes from Mastodon' }));

    expect((await screen.findByRole('alert')).textContent).toContain('Try again in a minute.');
  });
});
