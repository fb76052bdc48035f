// Sync from the user's network: POST /api/sync starts (or joins) a run; GET /api/sync, polled about once a second while it is live,
// folds what was fetched and reports each relation's progress and any rate-limit wait.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Countdown } from '../../components/countdown';
import { ErrorAlert } from '../../components/error-alert';
import { api, unwrap } from '../../lib/api/client';
import { useMyNetwork } from '../../lib/api/providers';
import { formatDateTime } from '../../lib/format';
import { isLive, relationName, relationProgress, runSummary, type SyncRelation } from './sync-progress';

const syncKey = ['sync'] as const;

function RelationRow({ relation, network }: { relation: SyncRelation; network: string }) {
  const progress = relationProgress(relation, network);
  const id = `sync-${relation.relation ?? 'relation'}`;
  return (
    <li className="sync-relation">
      <span id={id} className="sync-name">
        {relationName(relation.relation)}
      </span>
      <progress aria-labelledby={id} max={progress.max} value={progress.value ?? undefined} />
      <span className="hint">
        {progress.text}
        {relation.phase === 'waiting' && (
          <>
            {' · '}
            <Countdown until={relation.waitingUntil} label={`${network} asks us to wait; resuming in`} />
          </>
        )}
      </span>
    </li>
  );
}

export function SyncPanel() {
  const queryClient = useQueryClient();
  const network = useMyNetwork().name;
  const status = useQuery({
    queryKey: syncKey,
    queryFn: () => unwrap(api.GET('/api/sync')),
    refetchInterval: (query) => (isLive(query.state.data?.latestRun, query.state.data?.pendingPages) ? 1000 : false),
  });
  const start = useMutation({
    mutationFn: () => unwrap(api.POST('/api/sync')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: syncKey }),
  });
  const run = status.data?.latestRun;
  const live = isLive(run, status.data?.pendingPages) || start.isPending;

  // When a run ends (every run that ends has finishedAt), the list shows what it brought in: also a run this panel
  // never saw live (the first sign-in starts one by itself, and it may end before this page asks).
  const seenEnd = useRef<string | null>(null);
  const finishedAt = live ? null : (run?.finishedAt ?? null);
  useEffect(() => {
    if (finishedAt === null || finishedAt === seenEnd.current) return;
    seenEnd.current = finishedAt;
    void queryClient.invalidateQueries({ queryKey: ['accounts'] });
  }, [finishedAt, queryClient]);

  return (
    <section className="sync-panel" aria-labelledby="sync-heading" aria-busy={live}>
      <div className="sync-head">
        <h2 id="sync-heading">Sync from {network}</h2>
        <button type="button" onClick={() => start.mutate()} disabled={live}>
          {live ? 'Syncing…' : run ? 'Sync again' : 'Sync now'}
        </button>
      </div>
      <p role="status" className="hint">
        {status.isPending ? 'Checking the last sync…' : runSummary(run, network)}
        {run?.status === 'completed' && run.finishedAt ? ` Finished ${formatDateTime(run.finishedAt)}.` : ''}
      </p>
      <ErrorAlert error={start.error ?? status.error} />
      {run && run.relations.length > 0 && (live || run.status !== 'completed' || start.isSuccess) && (
        <ul className="sync-relations">
          {run.relations?.map((relation) => <RelationRow key={relation.relation} relation={relation} network={network} />)}
        </ul>
      )}
    </section>
  );
}
