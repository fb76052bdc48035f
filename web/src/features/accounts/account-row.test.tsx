import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { components } from '../../lib/api/schema';
import { AccountRow, matchedInText } from './account-row';

afterEach(cleanup);

const account: components['schemas']['AccountResponse'] = {
  id: '0b7e4c52-7d0f-4a53-9a1e-5c2f8d6b3e41',
  providerAccountId: '1000000002',
  handle: 'bob',
  displayName: 'Bob <b>Example</b>',
  relations: { blocked: null, muted: null, following: null },
  reasonCount: 0,
  latestReason: null,
  lastActivityAt: '2026-03-14T09:26:53Z',
  createdAt: '2026-03-14T09:26:53Z',
} as never;

describe('AccountRow', () => {
  it('says where a search found the account', () => {
    render(
      <ul>
        <AccountRow account={{ ...account, matchedIn: ['handle', 'reason', 'tag'] }} />
      </ul>,
    );
    expect(screen.getByText('Found in handle, a reason and a tag')).toBeTruthy();
  });

  it('says nothing of it when the list was not searched', () => {
    render(
      <ul>
        <AccountRow account={{ ...account, matchedIn: null }} />
      </ul>,
    );
    expect(screen.queryByText(/Found in/)).toBeNull();
    expect(screen.getByText('Bob <b>Example</b>')).toBeTruthy();
  });

  it('words one, two and more places', () => {
    expect(matchedInText(['name'])).toBe('Found in name');
    expect(matchedInText(['handle', 'name'])).toBe('Found in handle and name');
    expect(matchedInText([])).toBeNull();
  });
});
