import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecoveryCodeDisplay, recoveryCodeFileText } from './recovery-code-display';

afterEach(cleanup);

describe('RecoveryCodeDisplay', () => {
  it('moves on only after "I saved it" is checked', async () => {
    const onConfirmed = vi.fn();
    render(<RecoveryCodeDisplay code="ABCD-EFGH-IJKL" onConfirmed={onConfirmed} />);
    expect(screen.getByTestId('recovery-code').textContent).toBe('ABCD-EFGH-IJKL');
    const proceed = screen.getByRole('button', { name: 'Continue' }) as HTMLButtonElement;
    expect(proceed.disabled).toBe(true);
    await userEvent.click(proceed);
    expect(onConfirmed).not.toHaveBeenCalled();

    await userEvent.click(screen.getByLabelText('I saved my recovery code somewhere safe'));
    expect(proceed.disabled).toBe(false);
    await userEvent.click(proceed);
    expect(onConfirmed).toHaveBeenCalledTimes(1);
  });

  it('copies the code to the clipboard and says so', async () => {
    const user = userEvent.setup();
    render(<RecoveryCodeDisplay code="ABCD-EFGH-IJKL" onConfirmed={() => {}} />);
    await user.click(screen.getByRole('button', { name: 'Copy the code' }));
    expect(await navigator.clipboard.readText()).toBe('ABCD-EFGH-IJKL');
    expect(screen.getByText('Copied.')).toBeTruthy();
  });

  it('downloads a file that holds the code and says what it is for', () => {
    const text = recoveryCodeFileText('ABCD-EFGH-IJKL', '2026-01-01T00:00:00Z');
    expect(text).toContain('\nABCD-EFGH-IJKL\n');
    expect(text).toContain('key list');
  });
});
