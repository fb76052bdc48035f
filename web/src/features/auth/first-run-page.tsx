// First sign-in: the key list exists on the user's network; offer the recovery code that can put it back, shown once.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Busy } from '../../components/busy';
import { ErrorAlert } from '../../components/error-alert';
import { RecoveryCodeDisplay } from '../../components/recovery-code-display';
import { api, unwrap } from '../../lib/api/client';
import { meQueryKey } from '../../lib/api/me';
import { useMyNetwork } from '../../lib/api/providers';
import { useDocumentTitle } from '../../lib/document-title';
import { holdNavigation, navigate } from '../../lib/router';

export function FirstRunPage() {
  const queryClient = useQueryClient();
  const network = useMyNetwork();
  useDocumentTitle('Welcome');
  const create = useMutation({ mutationFn: () => unwrap(api.POST('/api/me/recovery-code')) });
  const code = create.data?.recoveryCode;
  useEffect(() => (code ? holdNavigation('Your recovery code is shown only once. Leave without saving it?') : undefined), [code]);

  function done() {
    void queryClient.invalidateQueries({ queryKey: meQueryKey });
    navigate('/accounts', { replace: true, force: true });
  }

  return (
    <div className="narrow">
      <h1>Welcome to Reasonable</h1>
      <p>
        Your key now lives on your {network.name} account, in {network.keyList}. Please leave it as it is: without it,
        your notes cannot be opened — by you or anyone.
      </p>
      {code ? (
        <RecoveryCodeDisplay code={code} createdAt={create.data?.createdAt} onConfirmed={done} />
      ) : (
        <>
          <p>
            A <strong>recovery code</strong> puts it back if it is ever deleted or edited. It is shown once; nobody
            at Reasonable can show it again.
          </p>
          <ErrorAlert error={create.error} />
          {create.isPending ? (
            <Busy label="Making your recovery code…" />
          ) : (
            <div className="actions">
              <button type="button" className="primary" onClick={() => create.mutate()}>
                Make my recovery code
              </button>
              <button type="button" onClick={done}>
                Not now
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
