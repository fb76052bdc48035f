import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BulkBar } from './bulk-bar';

afterEach(cleanup);

function renderBar(matching = 300) {
  const props = {
    onSelectAll: vi.fn().mockResolvedValue(undefined),
    onClear: vi.fn(),
    onReason: vi.fn().mockResolvedValue(undefined),
    onReview: vi.fn().mockResolvedValue(undefined),
  };
  render(<BulkBar count={2} matching={matching} {...props} />);
  return props;
}

describe('BulkBar', () => {
  it('writes one reason with its tags to every selected account', async () => {
    const { onReason } = renderBar();
    await userEvent.selectOptions(screen.getByLabelText('What you did'), 'mute');
    await userEvent.type(screen.getByLabelText('Reason for all'), 'Part of the pile-on');
    await userEvent.type(screen.getByLabelText('Tags'), 'pile-on, march, pile-on');
    await userEvent.click(screen.getByRole('button', { name: 'Write to 2 accounts' }));
    await waitFor(() => expect(onReason).toHaveBeenCalledWith({ action: 'mute', text: 'Part of the pile-on', tags: ['pile-on', 'march'] }));
  });

  it('refuses an empty reason and offers to select everything that matches, up to 500', async () => {
    const { onReason, onSelectAll } = renderBar();
    await userEvent.click(screen.getByRole('button', { name: 'Write to 2 accounts' }));
    expect(screen.getByRole('alert').textContent).toBe('Write the reason before saving.');
    expect(onReason).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Select all 300 matching accounts' }));
    expect(onSelectAll).toHaveBeenCalledTimes(1);
    cleanup();
    renderBar(501);
    expect(screen.queryByRole('button', { name: /Select all/ })).toBeNull();
    expect(screen.getByText('At most 500 at once.')).toBeTruthy();
  });
});
