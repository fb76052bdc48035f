import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithQueries } from '../../lib/test-support';
import { ExportSection } from './export-section';

vi.mock('../../lib/api/client', () => ({ api: { GET: vi.fn() } }));

afterEach(cleanup);

describe('ExportSection', () => {
  it('offers the files another server imports only where the network has servers', () => {
    renderWithQueries(<ExportSection network="Mastodon" hasServers />);

    for (const label of ['Blocked accounts (Mastodon CSV)', 'Muted accounts (Mastodon CSV)', 'Followed accounts (Mastodon CSV)']) {
      expect(screen.getByRole('button', { name: label })).toBeTruthy();
    }
  });

  it('offers only the JSON and CSV export on a network without servers', () => {
    renderWithQueries(<ExportSection network="X" hasServers={false} />);

    expect(screen.getAllByRole('button').map((button) => button.textContent)).toEqual(['Download JSON', 'Download CSV (spreadsheets)']);
  });
});
