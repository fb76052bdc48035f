import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecoveryReminder } from './recovery-reminder';

beforeEach(() => sessionStorage.clear());
afterEach(cleanup);

describe('RecoveryReminder', () => {
  it('reminds someone without a recovery code until they dismiss it, for this tab', async () => {
    const { unmount } = render(<RecoveryReminder recoveryConfigured={false} />);
    expect(screen.getByRole('complementary', { name: 'Recovery code reminder' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Make one in Settings' }).getAttribute('href')).toBe('/settings');
    await userEvent.click(screen.getByRole('button', { name: 'Not now' }));
    expect(screen.queryByRole('complementary')).toBeNull();
    unmount();
    render(<RecoveryReminder recoveryConfigured={false} />);
    expect(screen.queryByRole('complementary')).toBeNull();
  });

  it('says nothing once a code exists', () => {
    render(<RecoveryReminder recoveryConfigured />);
    expect(screen.queryByRole('complementary')).toBeNull();
  });
});
