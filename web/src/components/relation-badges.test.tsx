import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { relationState, relationsOf } from '../lib/test-support';
import { RelationBadges } from './relation-badges';

afterEach(cleanup);



describe('RelationBadges', () => {
  it('marks a relation from an imported file as unconfirmed until a sync sees it', () => {
    render(<RelationBadges relations={relationsOf({ blocked: relationState({ unconfirmed: true }), muted: relationState({ unconfirmed: false }) })} />);

    const blocked = screen.getByText(/^Blocked/);
    expect(blocked.textContent).toBe('Blocked (unconfirmed)');
    expect(blocked.getAttribute('title')).toContain('next sync confirms it or ends it');
    expect(screen.getByText(/^Muted/).textContent).toBe('Muted');
  });
});
