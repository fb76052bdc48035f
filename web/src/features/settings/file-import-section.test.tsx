import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/api/problem';
import { uploadImport, type ImportResult } from '../../lib/api/upload';
import { renderWithQueries } from '../../lib/test-support';
import { FileImportSection } from './file-import-section';

vi.mock('../../lib/api/upload', () => ({ maxImportBytes: 1000, uploadImport: vi.fn() }));

const files = ["Mastodon's blocked_accounts.csv", "Mastodon's muted_accounts.csv"];

function result(overrides: Partial<ImportResult>): ImportResult {
  return {
    kind: 'mastodon-blocked',
    description: "Mastodon's blocked_accounts.csv",
    preview: true,
    entries: 5,
    added: 2,
    matched: 2,
    skipped: 1,
    toLookUp: 2,
    relationsAdded: 2,
    reasonsAdded: 0,
    reasonsMatched: 0,
    skipReasons: [{ reason: 'duplicate-in-file', count: 1, explanation: 'The file names this account with this relation more than once; it is imported once.' }],
    skippedEntries: [{ line: 4, reason: 'duplicate-in-file' }],
    unknownFields: [],
    ...overrides,
  };
}

const csv = () => new File(['carol@social.example\n'], 'blocked_accounts.csv', { type: 'text/csv' });

afterEach(cleanup);
beforeEach(() => vi.mocked(uploadImport).mockReset());

describe('FileImportSection', () => {
  it("names the network's own files and accepts them in the picker", () => {
    renderWithQueries(<FileImportSection network="Mastodon" files={files} />);

    expect(screen.getByText(/Reasonable's own JSON export, or Mastodon's blocked_accounts.csv, Mastodon's muted_accounts.csv/)).toBeTruthy();
    const picker = screen.getByLabelText<HTMLInputElement>('File to import');
    expect(picker.accept).toContain('.csv');
    expect(picker.accept).toContain('.zip');
  });

  it('previews first, with counts and why entries are skipped, and writes only on Import', async () => {
    vi.mocked(uploadImport).mockResolvedValueOnce(result({}));
    renderWithQueries(<FileImportSection network="Mastodon" files={files} />);

    await userEvent.upload(screen.getByLabelText('File to import'), csv());

    const preview = await screen.findByRole('region', { name: 'Import preview' });
    expect(preview.textContent).toContain('2 new accounts to add');
    expect(preview.textContent).toContain('2 accounts you already have');
    expect(preview.textContent).toContain('1 entry skipped');
    expect(preview.textContent).toContain('more than once; it is imported once.');
    expect(preview.textContent).toContain('Lines 4.');
    expect(preview.textContent).toContain('looked up on Mastodon');
    expect(vi.mocked(uploadImport).mock.calls).toHaveLength(1);
    expect(vi.mocked(uploadImport).mock.calls[0]?.[1]).toBe(true);

    vi.mocked(uploadImport).mockResolvedValueOnce(result({ preview: false, toLookUp: 0 }));
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));

    expect((await screen.findByText("Imported Mastodon's blocked_accounts.csv.")).closest('[role="status"]')?.textContent).toContain('2 new accounts added');
    expect(vi.mocked(uploadImport).mock.calls[1]?.[1]).toBe(false);
  });

  it('shows a progress bar while the file is sent', async () => {
    let finish: (value: ImportResult) => void = () => undefined;
    vi.mocked(uploadImport).mockImplementationOnce((_file, _preview, onProgress) => {
      onProgress(0.25);
      return new Promise((resolve) => {
        finish = resolve;
      });
    });
    renderWithQueries(<FileImportSection network="Mastodon" files={files} />);

    await userEvent.upload(screen.getByLabelText('File to import'), csv());

    const bar = await screen.findByRole('progressbar', { name: /Sending blocked_accounts.csv… 25%/ });
    expect(bar.getAttribute('value')).toBe('0.25');
    finish(result({}));
    expect(await screen.findByRole('region', { name: 'Import preview' })).toBeTruthy();
  });

  it("shows the API's sentence for a refused file, and the picker again", async () => {
    vi.mocked(uploadImport).mockRejectedValueOnce(
      new ApiError(422, { title: 'This file is from another network', detail: "This is X's data archive, but you signed in with Mastodon." }),
    );
    renderWithQueries(<FileImportSection network="Mastodon" files={files} />);

    await userEvent.upload(screen.getByLabelText('File to import'), csv());

    expect((await screen.findByRole('alert')).textContent).toContain('but you signed in with Mastodon.');
    expect(screen.getByLabelText('File to import')).toBeTruthy();
  });

  it('refuses a file over the limit without sending it', async () => {
    renderWithQueries(<FileImportSection network="Mastodon" files={files} />);

    await userEvent.upload(screen.getByLabelText('File to import'), new File([new Uint8Array(2000)], 'archive.zip', { type: 'application/zip' }));

    expect((await screen.findByRole('alert')).textContent).toContain('up to 32 MiB');
    expect(uploadImport).not.toHaveBeenCalled();
  });
});
