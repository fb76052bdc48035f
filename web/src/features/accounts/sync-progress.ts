// What GET /api/sync's run means for the progress bars: one per relation, from fetched and folded.
import type { components } from '../../lib/api/schema';

export type SyncRun = components['schemas']['SyncRunResponse'];
export type SyncRelation = components['schemas']['SyncRelationResponse'];

const names: Record<string, string> = { blocked: 'Blocked accounts', muted: 'Muted accounts', following: 'Accounts you follow' };
const liveStatuses = new Set(['queued', 'running', 'waiting']);

export function relationName(relation: string | null | undefined): string {
  return names[relation ?? ''] ?? relation ?? 'Accounts';
}

export function isLive(run: SyncRun | null | undefined, pendingPages = 0): boolean {
  return (!!run && liveStatuses.has(run.status)) || pendingPages > 0;
}

/**
 * The bar of one relation: fetching counts what came from the network (no total is known until the last page, so the bar is
 * indeterminate), then folding fills it (folded of fetched) and a folded relation is full.
 */
export function relationProgress(relation: SyncRelation, network: string): { value: number | null; max: number; text: string } {
  const fetched = relation.fetched;
  const folded = relation.folded;
  switch (relation.phase) {
    case 'pending':
      return { value: 0, max: 1, text: 'Not started yet' };
    case 'fetching':
    case 'waiting':
      return { value: null, max: 1, text: `${fetched.toLocaleString()} fetched from ${network}, ${folded.toLocaleString()} saved` };
    case 'fetched':
      return { value: Math.min(folded, fetched), max: Math.max(fetched, 1), text: `${folded.toLocaleString()} of ${fetched.toLocaleString()} saved` };
    case 'folded':
      return { value: 1, max: 1, text: `Done: ${folded.toLocaleString()} saved` };
    case 'failed':
      return { value: Math.min(folded, fetched), max: Math.max(fetched, 1), text: relation.lastError ?? 'This part of the sync failed.' };
    default:
      return { value: null, max: 1, text: `${fetched.toLocaleString()} fetched` };
  }
}

export function runSummary(run: SyncRun | null | undefined, network: string): string {
  if (!run) return 'Not synced yet.';
  switch (run.status) {
    case 'queued':
      return 'Sync queued: starting in a moment.';
    case 'running':
      return `Syncing from ${network}…`;
    case 'waiting':
      return `Waiting for ${network}: it limits how fast accounts can be fetched.`;
    case 'completed':
      return 'Sync complete.';
    case 'failed':
      return run.lastError ? `Sync failed. ${run.lastError}` : 'Sync failed. Try again.';
    default:
      return `Sync ${run.status}`;
  }
}
