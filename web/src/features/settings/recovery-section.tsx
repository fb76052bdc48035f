// The recovery code: whether one is set up, and making a new one (shown once; it replaces the earlier code).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Busy } from '../../components/busy';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorAlert } from '../../components/error-alert';
import { RecoveryCodeDisplay } from '../../components/recovery-code-display';
import { api, unwrap } from '../../lib/api/client';
import { meQueryKey, type Me } from '../../lib/api/me';
import { formatDateTime } from '../../lib/format';
import { holdNavigation } from '../../lib/router';

export function RecoverySection({ me, network }: { me: Me; network: string }) {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const create = useMutation({ mutationFn: () => unwrap(api.POST('/api/me/recovery-code')) }); // errors: ErrorAlert is an alert
  const code = create.data?.recoveryCode;
  useEffect(() => (code ? holdNavigation('Your new recovery code is shown only once. Leave without saving it?') : undefined), [code]);
  return (
    <section aria-labelledby="recovery-heading" className="card">
      <h2 id="recovery-heading">Recovery code</h2>
      {code ? (
        <RecoveryCodeDisplay
          code={code}
          createdAt={create.data?.createdAt}
          confirmLabel="Done"
          onConfirmed={() => {
            create.reset();
            void queryClient.invalidateQueries({ queryKey: meQueryKey });
          }}
        />
      ) : (
        <>
          <p>
            {me.recoveryConfigured
              ? `Set up ${formatDateTime(me.recoveryCreatedAt)}. It puts your key list back if it is deleted or edited on ${network}.`
              : 'Not set up. Without one, notes made under a lost key list cannot be opened by anyone.'}
          </p>
          {me.recoveryConfigured && <p className="hint">A new code replaces the old one: the old one stops working.</p>}
          <ErrorAlert error={create.error} />
          {create.isPending ? (
            <Busy label="Making your recovery code…" />
          ) : (
            <button type="button" onClick={() => (me.recoveryConfigured ? setAsking(true) : create.mutate())} disabled={!me.keysAvailable}>
              {me.recoveryConfigured ? 'Make a new recovery code' : 'Make my recovery code'}
            </button>
          )}
          {asking && (
            <ConfirmDialog
              title="Replace your recovery code?"
              confirmLabel="Make a new code"
              cancelLabel="Keep my current code"
              onCancel={() => setAsking(false)}
              onConfirm={() => {
                setAsking(false);
                create.mutate();
              }}
            >
              <p>The code you saved stops working as soon as the new one is made. This cannot be undone.</p>
            </ConfirmDialog>
          )}
        </>
      )}
    </section>
  );
}
