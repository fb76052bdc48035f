// Personal access tokens for scripts: named, expiring, revocable; a new one is shown once.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Busy } from '../../components/busy';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { CopyButton } from '../../components/copy-button';
import { ErrorAlert } from '../../components/error-alert';
import { LockMark } from '../../components/lock-mark';
import { announce } from '../../lib/announce';
import { api, unwrap } from '../../lib/api/client';
import { formatDate, formatDateTime } from '../../lib/format';

type Token = { id: string; name: string | null };

const tokensKey = ['tokens'] as const;

export function TokensSection() {
  const id = useId();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [days, setDays] = useState('30');
  const [revoking, setRevoking] = useState<Token | null>(null);
  const tokens = useQuery({ queryKey: tokensKey, queryFn: () => unwrap(api.GET('/api/tokens')) });
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/tokens', { body: { name: name.trim(), expiresInDays: Number(days) } })),
    onSuccess: () => {
      setName('');
      return queryClient.invalidateQueries({ queryKey: tokensKey }); // the new token's notice is a live region
    },
  });
  const revoke = useMutation({
    mutationFn: (token: Token) => unwrap(api.DELETE('/api/tokens/{id}', { params: { path: { id: token.id } } })),
    onSuccess: (_, token) => {
      announce(`Token “${token.name ?? ''}” revoked.`);
      return queryClient.invalidateQueries({ queryKey: tokensKey });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <section aria-labelledby="tokens-heading" className="card">
      <h2 id="tokens-heading">Personal access tokens</h2>
      <p className="hint">For scripts that call the API. Each one can read and change all your notes until it expires or you revoke it.</p>
      <p className="hint">
        The web app's own session stays in a cookie that no page script can read, so it cannot be shown here: make a
        token below for a script.
      </p>
      {create.data?.token && (
        <div className="notice" role="status">
          <p>
            New token “{create.data.name}”. Copy it now: it is shown only this once.
          </p>
          <p className="code" data-testid="new-token">
            {create.data.token}
          </p>
          <div className="actions">
            <CopyButton text={create.data.token} label="Copy the token" />
            <button type="button" onClick={() => create.reset()}>
              I copied it
            </button>
          </div>
        </div>
      )}
      <form onSubmit={submit} className="inline-form">
        <div className="field grow">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} value={name} onChange={(event) => setName(event.target.value)} required maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-days`}>Expires in (days)</label>
          <input id={`${id}-days`} type="number" min={1} max={366} value={days} onChange={(event) => setDays(event.target.value)} required />
        </div>
        <div className="field actions">
          <button type="submit" disabled={create.isPending}>
            Create token
          </button>
        </div>
      </form>
      {create.isPending && <Busy label="Creating the token…" />}
      <ErrorAlert error={create.error ?? revoke.error ?? tokens.error} />
      {tokens.isPending ? (
        <Busy label="Loading your tokens…" />
      ) : (tokens.data?.length ?? 0) === 0 ? (
        <p className="muted">No personal access tokens.</p>
      ) : (
        <ul className="rows" aria-label="Your personal access tokens">
          {tokens.data?.map((token) => (
            <li key={token.id} className="row">
              <span>
                <strong>{token.name}</strong> <LockMark />
                <span className="hint">
                  {' '}
                  made {formatDate(token.createdAt)}, expires {formatDate(token.expiresAt)}
                  {token.lastUsedAt ? `, last used ${formatDateTime(token.lastUsedAt)}` : ', never used'}
                </span>
              </span>
              <button
                type="button"
                onClick={() => setRevoking(token)}
                disabled={revoke.isPending}
                aria-label={`Revoke ${token.name ?? 'token'}`}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      {revoking && (
        <ConfirmDialog
          title={`Revoke “${revoking.name ?? 'this token'}”?`}
          confirmLabel="Revoke the token"
          cancelLabel="Keep it"
          onCancel={() => setRevoking(null)}
          onConfirm={() => {
            revoke.mutate(revoking);
            setRevoking(null);
          }}
        >
          <p>Scripts using it stop working at once. A revoked token cannot be brought back.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
