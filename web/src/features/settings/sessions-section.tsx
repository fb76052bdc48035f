// Browser sessions: end any of them, or all at once.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Busy } from '../../components/busy';
import { ErrorAlert } from '../../components/error-alert';
import { announce } from '../../lib/announce';
import { api, unwrap } from '../../lib/api/client';
import { formatDateTime } from '../../lib/format';
import { describeUserAgent } from '../../lib/user-agent';

const sessionsKey = ['sessions'] as const;

export function SessionsSection({ onSignedOutEverywhere }: { onSignedOutEverywhere: () => void }) {
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: sessionsKey, queryFn: () => unwrap(api.GET('/api/sessions')) });
  const end = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/sessions/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      announce('Session ended.');
      return queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
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
          {sessions.data?.map((session) => {
            const device = describeUserAgent(session.userAgent);
            return (
              <li key={session.id} className="row">
                <span>
                  <strong>{device}</strong>
                  {session.current && ' (this browser)'}
                  <span className="hint">
                    {' '}
                    signed in {formatDateTime(session.createdAt)}
                    {session.lastUsedAt ? `, last used ${formatDateTime(session.lastUsedAt)}` : ''}, ends {formatDateTime(session.expiresAt)}
                  </span>
                </span>
                {!session.current && (
                  <button
                    type="button"
                    onClick={() => end.mutate(session.id)}
                    disabled={end.isPending}
                    aria-label={`End the session of ${device} from ${formatDateTime(session.createdAt)}`}
                  >
                    End
                  </button>
                )}
              </li>
            );
          })}
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
