import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/api/problem';
import { parseTags } from './reason-draft';
import { ReasonEditor } from './reason-editor';

afterEach(cleanup);

const theirs = { id: 'r1', accountId: 'a1', action: 'mute', text: 'Their newer text', tags: ['noise'], version: 3, occurredAt: '2023-01-02T12:00:00Z' };
const conflict = new ApiError(412, {
  type: '/problems/edit-conflict',
  title: 'This reason changed since you opened it',
  detail: 'Someone saved version 3.',
  currentVersion: 3,
  current: theirs,
});

function renderEditor(onSubmit = vi.fn().mockResolvedValue(undefined), onCancel = vi.fn()) {
  render(
    <ReasonEditor
      initial={{ action: 'block', text: 'Old text', tags: 'spam', occurredOn: '2024-05-06' }}
      version={2}
      submitLabel="Save changes"
      onSubmit={onSubmit}
      onCancel={onCancel}
    />,
  );
  return { onSubmit, onCancel };
}

describe('ReasonEditor', () => {
  it('saves with Ctrl+Enter, sending the version it was opened at', async () => {
    const { onSubmit } = renderEditor();
    const text = screen.getByLabelText('Reason');
    await userEvent.clear(text);
    await userEvent.type(text, 'New text{Control>}{Enter}{/Control}');
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit).toHaveBeenCalledWith({ action: 'block', text: 'New text', tags: 'spam', occurredOn: '2024-05-06' }, 2);
  });

  it('sends when it happened only once the date is changed, as noon of that day', async () => {
    const { onSubmit } = renderEditor();
    const when = screen.getByLabelText('When it happened');
    expect((when as HTMLInputElement).value).toBe('2024-05-06');
    fireEvent.change(when, { target: { value: '2021-03-09' } });
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    const [sent] = onSubmit.mock.calls[0] as [{ occurredAt: string; occurredOn: string }];
    expect(sent.occurredOn).toBe('2021-03-09');
    expect(new Date(sent.occurredAt).getDate()).toBe(9);
    expect(new Date(sent.occurredAt).getHours()).toBe(12);
  });

  it('refuses a date in the future with a sentence and sends nothing', async () => {
    const { onSubmit } = renderEditor();
    fireEvent.change(screen.getByLabelText('When it happened'), { target: { value: '2999-01-01' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Save changes' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Say when it happened: a date from 1990 until today.');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('refuses an empty reason with a sentence and sends nothing', async () => {
    const { onSubmit } = renderEditor();
    await userEvent.clear(screen.getByLabelText('Reason'));
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(screen.getByRole('alert').textContent).toBe('Write the reason before saving.');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('on an edit conflict shows their text, keeps mine, and saves mine over theirs at their version', async () => {
    const onSubmit = vi.fn().mockRejectedValueOnce(conflict).mockResolvedValueOnce(undefined);
    renderEditor(onSubmit);
    const text = screen.getByLabelText('Reason');
    await userEvent.clear(text);
    await userEvent.type(text, 'Mine');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    expect((await screen.findByTestId('conflict-current')).textContent).toBe('Their newer text');
    expect((screen.getByLabelText('Reason') as HTMLTextAreaElement).value).toBe('Mine');
    expect(screen.queryByRole('button', { name: 'Save changes' })).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Save mine over theirs' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(2));
    expect(onSubmit).toHaveBeenLastCalledWith({ action: 'block', text: 'Mine', tags: 'spam', occurredOn: '2024-05-06' }, 3);
    await waitFor(() => expect(screen.queryByTestId('conflict-current')).toBeNull());
  });

  it('on an edit conflict can take their version and edit on from it', async () => {
    const onSubmit = vi.fn().mockRejectedValueOnce(conflict).mockResolvedValueOnce(undefined);
    renderEditor(onSubmit);
    await userEvent.type(screen.getByLabelText('Reason'), ' more');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Keep theirs and edit it' }));

    expect((screen.getByLabelText('Reason') as HTMLTextAreaElement).value).toBe('Their newer text');
    expect((screen.getByLabelText('What you did') as HTMLSelectElement).value).toBe('mute');
    expect((screen.getByLabelText('Tags, separated by commas') as HTMLInputElement).value).toBe('noise');
    await userEvent.type(screen.getByLabelText('Reason'), '!');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(onSubmit).toHaveBeenLastCalledWith(expect.objectContaining({ action: 'mute', text: 'Their newer text!', tags: 'noise' }), 3));
  });

  it('shows any other failure as the problem sentence and keeps the text', async () => {
    const onSubmit = vi.fn().mockRejectedValue(new ApiError(429, { title: 'Too many writes', detail: 'Try again in a minute.' }));
    renderEditor(onSubmit);
    await userEvent.type(screen.getByLabelText('Reason'), '!');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Too many writes. Try again in a minute.');
    expect((screen.getByLabelText('Reason') as HTMLTextAreaElement).value).toBe('Old text!');
  });

  it('cancels with Escape, asking first only when there are unsaved changes', async () => {
    const confirm = vi.fn(() => false);
    window.confirm = confirm; // happy-dom has no dialogs
    const { onCancel } = renderEditor();
    fireEvent.keyDown(screen.getByLabelText('Reason'), { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(confirm).not.toHaveBeenCalled();

    await userEvent.type(screen.getByLabelText('Reason'), ' changed');
    fireEvent.keyDown(screen.getByLabelText('Reason'), { key: 'Escape' });
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(onCancel).toHaveBeenCalledTimes(1);
  });
});

describe('parseTags', () => {
  it('trims, drops empty tags and keeps each once, in order', () => {
    expect(parseTags(' spam, scam ,, spam ,')).toEqual(['spam', 'scam']);
  });
});
