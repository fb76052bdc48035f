// The key list on the user's network is missing, edited or cannot be opened: say so plainly and offer the recovery code.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Busy } from '../../components/busy';
import { DeleteAccountForm } from '../../components/delete-account-form';
import { ErrorAlert } from '../../components/error-alert';
import { announce } from '../../lib/announce';
import { api, unwrap } from '../../lib/api/client';
import type { Me } from '../../lib/api/me';
import { useMyNetwork } from '../../lib/api/providers';
import { useDocumentTitle } from '../../lib/document-title';

function heading(status: string | null | undefined, network: string): string {
  switch (status) {
    case 'missing':
      return `Your key list is missing from ${network}`;
    case 'edited':
      return `Your key list on ${network} was changed`;
    case 'undecryptable':
      return `Your key list on ${network} cannot be opened`;
    default:
      return 'Your notes cannot be opened right now';
  }
}

export function KeyAttentionPage({ me, onDeleted }: { me: Me; onDeleted: () => void }) {
  const queryClient = useQueryClient();
  const network = useMyNetwork();
  const title = heading(me.keyStatus, network.name);
  useDocumentTitle(title);
  const [recoveryCode, setRecoveryCode] = useState('');
  const restore = useMutation({
    mutationFn: () => unwrap(api.POST('/api/me/recovery/restore', { body: { recoveryCode: recoveryCode.trim() } })),
    onSuccess: () => {
      // The new session, with keys, came back in the session cookie.
      announce(`Your key list is back on ${network.name}.`);
      void queryClient.invalidateQueries();
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    restore.mutate();
  }
  return (
    <div className="narrow" role="region" aria-labelledby="key-attention">
      <h1 id="key-attention">{title}</h1>
      <p>
        The key that opens your notes lives on your {network.name} account, in {network.keyList}. Reasonable never makes
        a new key behind your back, so your notes stay closed until it is back.
      </p>
      {me.keyStatusHelp && <p className="notice">{me.keyStatusHelp}</p>}
      {me.recoveryConfigured ? (
        <form onSubmit={submit} className="stack">
          <label htmlFor="recovery-code-input">Your recovery code</label>
          <input
            id="recovery-code-input"
            value={recoveryCode}
            onChange={(event) => setRecoveryCode(event.target.value)}
            autoComplete="off"
            spellCheck={false}
            required
          />
          <ErrorAlert error={restore.error} />
          {restore.isPending ? (
            <Busy label={`Putting your key list back on ${network.name}…`} />
          ) : (
            <button type="submit" className="primary">
              Restore my key list
            </button>
          )}
        </form>
      ) : (
        <>
          <p>
            You did not make a recovery code, so the list can only come back from {network.name} itself: if you deleted it
            moments ago, check {network.name} for it, then sign in again. Notes made under the lost key cannot be opened by anyone.
          </p>
          <section aria-labelledby="start-over" className="card danger-zone">
            <h2 id="start-over">Start over</h2>
            <p>
              If the key is gone for good, delete this Reasonable account and every note in it (they cannot be opened any
              more), then sign in again: you start with a new, empty account and a new key list.
            </p>
            <DeleteAccountForm submitLabel="Start over: delete my account" onDeleted={onDeleted} />
          </section>
        </>
      )}
    </div>
  );
}
