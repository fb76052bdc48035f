import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../lib/api/client';
import { renderWithQueries } from '../../lib/test-support';
import { DataKeyRotationPanel, type KeyStatus } from './data-key-rotation';

vi.mock('../../lib/api/client', () => ({
  api: { GET: vi.fn(), POST: vi.fn() },
  unwrap: <T,>(call: Promise<T>) => call,
}));

afterEach(cleanup);
beforeEach(() => vi.mocked(api.POST).mockReset());

const status = (rotation: KeyStatus['dataKeyRotation'] | null): KeyStatus => ({
  keyStatus: 'active',
  keyListCheck: 'now',
  keyListCheckedAt: '2026-03-14T09:31:00Z',
  keysAvailable: true,
  userKeyVersion: 1,
  dataKeyVersion: rotation?.toVersion ?? 1,
  dataKeyRotation: rotation,
});

describe('DataKeyRotationPanel', () => {
  it('rotates only after the confirmation', async () => {
    vi.mocked(api.POST).mockResolvedValue({ fromVersion: 1, toVersion: 2, startedAt: '2026-03-14T09:31:00Z', finishedAt: null, total: 10, rewritten: 0, unreadable: 0 } as never);
    renderWithQueries(<DataKeyRotationPanel status={status(null)} keysAvailable />);

    await userEvent.click(screen.getByRole('button', { name: 'Rotate my data key' }));
    expect(api.POST).not.toHaveBeenCalled();
    await userEvent.click(within(screen.getByRole('dialog', { name: 'Re-encrypt your notes?' })).getByRole('button', { name: 'Rotate my data key' }));

    expect(api.POST).toHaveBeenCalledWith('/api/keys/rotate-data-key');
  });

  it('shows progress while notes are re-encrypted, and refuses a second rotation meanwhile', () => {
    renderWithQueries(
      <DataKeyRotationPanel status={status({ fromVersion: 1, toVersion: 2, startedAt: '2026-03-14T09:31:00Z', finishedAt: null, total: 400, rewritten: 150, unreadable: 0 })} keysAvailable />,
    );

    expect(screen.getByText(/Re-encrypting your notes under data key 2: 150 of 400/)).toBeTruthy();
    expect((screen.getByRole('progressbar') as HTMLProgressElement).value).toBe(150);
    expect((screen.getByRole('button', { name: 'Rotate my data key' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('says when every note is under the new key', () => {
    renderWithQueries(
      <DataKeyRotationPanel status={status({ fromVersion: 1, toVersion: 2, startedAt: '2026-03-14T09:31:00Z', finishedAt: '2026-03-14T09:32:00Z', total: 4, rewritten: 4, unreadable: 0 })} keysAvailable />,
    );

    expect(screen.getByTestId('data-key-progress').textContent).toContain('every note is sealed under it');
    expect((screen.getByRole('button', { name: 'Rotate my data key' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
