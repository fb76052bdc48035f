// Key status (the key list read live, GET /api/keys) and rotation: a new key in the same key list, or a new data key.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Busy } from '../../components/busy';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorAlert } from '../../components/error-alert';
import { api, unwrap } from '../../lib/api/client';
import type { Me } from '../../lib/api/me';
import { meQueryKey } from '../../lib/api/me';
import type { MyNetwork } from '../../lib/api/providers';
import { formatDateTime } from '../../lib/format';
import { DataKeyRotationPanel, isRotating, keyStatusQueryKey } from './data-key-rotation';

function statusText(status: string | null | undefined, network: string): string {
  switch (status) {
    case 'active':
      return `In place on ${network}, and it opens your notes.`;
    case 'missing':
      return `Missing from ${network}.`;
    case 'edited':
      return `Changed on ${network}.`;
    case 'undecryptable':
      return 'Cannot be opened.';
    default:
      return status ?? '';
  }
}

export function KeySection({ me, network }: { me: Me; network: MyNetwork }) {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const status = useQuery({
    queryKey: keyStatusQueryKey,
    queryFn: () => unwrap(api.GET('/api/keys')),
    refetchInterval: (query) => (isRotating(query.state.data?.dataKeyRotation) ? 1000 : false),
  });
  const liveStatus = status.data?.keyStatus;
  useEffect(() => {
    // The list changed on the provider since sign-in: the rest of the app reads /api/me, so tell it.
    if (liveStatus && liveStatus !== me.keyStatus) {
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
    }
  }, [liveStatus, me.keyStatus, queryClient]);
  const rotate = useMutation({
    mutationFn: () => unwrap(api.POST('/api/keys/rotate')),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meQueryKey }); // the notice below is a live region
      await queryClient.invalidateQueries({ queryKey: keyStatusQueryKey });
    },
  });
  return (
    <section aria-labelledby="key-heading" className="card">
      <h2 id="key-heading">Your key</h2>
      <p>
        It lives in {network.keyList} on your {network.name} account. Status:{' '}
        <strong data-testid="key-status">{statusText(liveStatus ?? me.keyStatus, network.name)}</strong>
      </p>
      <p className="hint">
        Rotating puts a new key in the same list. Your notes, sessions, personal tokens and recovery code keep working.
      </p>
      <ErrorAlert error={rotate.error} />
      {rotate.data && (
        <p role="status" className="notice">
          Key rotated to version {rotate.data.keyVersion} at {formatDateTime(rotate.data.rotatedAt)}. {rotate.data.advice}
        </p>
      )}
      {rotate.isPending ? (
        <Busy label={`Rotating your key (this writes your key list on ${network.name})…`} />
      ) : (
        <button type="button" onClick={() => setAsking(true)} disabled={!me.keysAvailable}>
          Rotate my key
        </button>
      )}
      {asking && (
        <ConfirmDialog
          title="Rotate your key?"
          confirmLabel="Rotate my key"
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            rotate.mutate();
          }}
        >
          <p>
            This writes a new key into {network.keyList} on {network.name} and retires the old one; it cannot be undone. Your
            notes, sessions, tokens and recovery code keep working.
          </p>
        </ConfirmDialog>
      )}
      <DataKeyRotationPanel status={status.data} keysAvailable={me.keysAvailable} />
    </section>
  );
}
