import type { components } from '../lib/api/schema';
import { formatDate, formatDateTime } from '../lib/format';

type Relations = components['schemas']['RelationsResponse'];
const labels = { blocked: 'Blocked', muted: 'Muted', following: 'Following' } as const;

/**
 * Badges for the relations active now (a timed one says until when); ended ones show as "was …". A relation from an
 * imported file that no sync has seen yet says so: it is the user's past word until the next sync confirms or ends it.
 */
export function RelationBadges({ relations }: { relations?: Relations | null }) {
  const badges = (Object.keys(labels) as (keyof typeof labels)[]).flatMap((name) => {
    const state = relations?.[name];
    if (!state) return [];
    return [
      <span
        key={name}
        className={`badge badge-${name}${state.active ? '' : ' badge-ended'}`}
        title={
          state.active && state.unconfirmed
            ? 'From an imported file: the next sync confirms it or ends it'
            : state.active && state.expiresAt
              ? `Until ${formatDateTime(state.expiresAt)}`
              : undefined
        }
      >
        {state.active ? labels[name] : `Was ${labels[name].toLowerCase()}`}
        {state.active && state.expiresAt ? ` until ${formatDate(state.expiresAt)}` : ''}
        {state.active && state.unconfirmed ? ' (unconfirmed)' : ''}
      </span>,
    ];
  });
  return badges.length > 0 ? <span className="badges">{badges}</span> : null;
}
