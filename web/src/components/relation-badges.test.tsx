import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RelationBadges } from './relation-badges';

afterEach(cleanup);

const seen = { firstSeen: '2026-03-14T09:26:53Z', since: '2026-03-14T09:26:53Z', lastSeen: '2026-03-14T09:26:53Z', endedAt: null, past: [], active: true };

describe('RelationBadges', () => {
  it('marks a relation from an imported file as unconfirmed until a sync sees it', () => {
    render(<RelationBadges relations={{ blocked: { ...seen, unconfirmed: true }, muted: { ...seen, unconfirmed: false } }} />);

    const blocked = screen.getByText(/^Blocked/);
    expect(blocked.textContent).toBe('Blocked (unconfirmed)');
    expect(blocked.getAttribute('title')).toContain('next sync confirms it or ends it');
    expect(screen.getByText(/^Muted/).textContent).toBe('Muted');
  });
});
