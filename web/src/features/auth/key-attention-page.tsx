// The key list on X is missing, edited or cannot be opened: say so plainly and offer the recovery code.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Busy } from '../../components/busy';
import { ErrorAlert } from '../../components/error-alert';
import { api, unwrap } from '../../lib/api/client';
import type { Me } from '../../lib/api/me';
import { saveToken } from '../../lib/session-token';

const headings: Record<string, string> = {
  missing: 'Your key list is missing from X',
  edited: 'Your key list on X was changed',
  undecryptable: 'Your key list on X cannot be opened',
};

export function KeyAttentionPage({ me }: { me: Me }) {
  const queryClient = useQueryClient();
  const [recoveryCode, setRecoveryCode] = useState('');
  const restore = useMutation({
    mutationFn: () => unwrap(api.POST('/api/me/recovery/restore', { body: { recoveryCode: recoveryCode.trim() } })),
    onSuccess: (session) => {
      if (session.token) saveToken(session.token);
      void queryClient.invalidateQueries();
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    restore.mutate();
  }
  return (
    <div className="narrow" role="region" aria-labelledby="key-attention">
      <h1 id="key-attention">{headings[me.keyStatus ?? ''] ?? 'Your notes cannot be opened right now'}</h1>
      <p>
        The key that opens your notes lives in a private list on your X account named “Reasonable key (pls keep)”.
        Reasonable never makes a new key behind your back, so your notes stay closed until the list is back.
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
            <Busy label="Putting your key list back on X…" />
          ) : (
            <button type="submit" className="primary">
              Restore my key list
            </button>
          )}
        </form>
      ) : (
        <p>
          You did not make a recovery code, so the list can only come back from X itself: if you deleted it moments ago,
          check X for it, then sign in again. Notes made under the lost key cannot be opened by anyone.
        </p>
      )}
    </div>
  );
}
