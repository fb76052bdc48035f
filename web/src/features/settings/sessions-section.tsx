// Browser sessions: end any of them, or all at once.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Busy } from '../../components/busy';
import { ErrorAlert } from '../../components/error-alert';
import { api, unwrap } from '../../lib/api/client';
import { formatDateTime } from '../../lib/format';

const sessionsKey = ['sessions'] as const;

export function SessionsSection({ onSignedOutEverywhere }: { onSignedOutEverywhere: () => void }) {
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: sessionsKey, queryFn: () => unwrap(api.GET('/api/sessions')) });
  const end = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/sessions/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
  const everywhere = useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/logout-everywhere')),
    onSuccess: onSignedOutEverywhere,
  });
  return (
    <section aria-labelledby="sessions-heading" className="card">
      <h2 id="sessions-heading">Sessions</h2>
      <ErrorAlert error={sessions.error ?? end.error ?? everywhere.error} />
      {sessions.isPending ? (
        <Busy label="Loading your sessions…" />
      ) : (
        <ul className="rows" aria-label="Your browser sessions">
          {sessions.data?.map((session) => (
            <li key={session.id} className="row">
              <span>
                {session.current ? <strong>This browser</strong> : 'Another browser'}
                <span className="hint">
                  {' '}
                  signed in {formatDateTime(session.createdAt)}, ends {formatDateTime(session.expiresAt)}
                </span>
              </span>
              {!session.current && (
                <button type="button" onClick={() => end.mutate(session.id ?? '')} disabled={end.isPending}>
                  End
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {everywhere.isPending ? (
        <Busy label="Signing out everywhere…" />
      ) : (
        <button type="button" onClick={() => everywhere.mutate()}>
          Sign out everywhere
        </button>
      )}
    </section>
  );
}
