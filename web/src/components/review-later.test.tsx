import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dayAfter, today } from '../lib/dates';
import { ReviewLater } from './review-later';

afterEach(cleanup);

describe('ReviewLater', () => {
  it('saves a quick choice as the day it means', async () => {
    const onSave = vi.fn().mockResolvedValue(undefined);
    render(<ReviewLater label="Review this account later" onSave={onSave} />);
    await userEvent.selectOptions(screen.getByLabelText('Look again'), '1m');
    await userEvent.click(screen.getByRole('button', { name: 'Set review date' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledWith(dayAfter(1, 'month')));
  });

  it('takes a typed date, and refuses one in the past', async () => {
    const onSave = vi.fn().mockResolvedValue(undefined);
    render(<ReviewLater label="Review this account later" onSave={onSave} />);
    await userEvent.selectOptions(screen.getByLabelText('Look again'), 'date');
    expect((screen.getByLabelText('Review date') as HTMLInputElement).value).toBe(today());
    fireEvent.change(screen.getByLabelText('Review date'), { target: { value: '2001-01-01' } });
    await userEvent.click(screen.getByRole('button', { name: 'Set review date' }));
    expect(screen.getByRole('alert').textContent).toBe('Choose a day from today on.');
    expect(onSave).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('Review date'), { target: { value: '2031-02-03' } });
    await userEvent.click(screen.getByRole('button', { name: 'Set review date' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledWith('2031-02-03'));
  });
});

describe('dayAfter', () => {
  it('keeps the day of the month where it exists, else the last day of the month', () => {
    expect(dayAfter(1, 'month', new Date(2026, 0, 31))).toBe('2026-02-28');
    expect(dayAfter(6, 'month', new Date(2026, 2, 14))).toBe('2026-09-14');
    expect(dayAfter(7, 'day', new Date(2026, 11, 28))).toBe('2027-01-04');
    expect(dayAfter(1, 'year', new Date(2028, 1, 29))).toBe('2029-02-28');
  });
});
