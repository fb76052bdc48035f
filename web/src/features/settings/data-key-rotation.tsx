// Data-key rotation: a new key for new writes, and every note re-encrypted under it in the background, with progress.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Busy } from '../../components/busy';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorAlert } from '../../components/error-alert';
import { api, unwrap } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';
import { formatDateTime } from '../../lib/format';

export type KeyStatus = components['schemas']['KeyStatusResponse'];
export type DataKeyRotation = components['schemas']['DataKeyRotationResponse'];
export const keyStatusQueryKey = ['keys'] as const;

export function isRotating(rotation: DataKeyRotation | null | undefined): boolean {
  return rotation != null && rotation.finishedAt == null;
}

function Progress({ rotation }: { rotation: DataKeyRotation }) {
  const total = Math.max(rotation.total, rotation.rewritten);
  const done = rotation.rewritten;
  const unreadable = rotation.unreadable ? ` ${rotation.unreadable} value(s) failed their integrity check and were left as they are.` : '';
  if (!isRotating(rotation)) {
    return (
      <p className="hint" data-testid="data-key-progress">
        Data key {rotation.toVersion} since {formatDateTime(rotation.finishedAt ?? rotation.startedAt)}: every note is sealed under it.
        {unreadable}
      </p>
    );
  }

  return (
    <div role="status" aria-live="polite" data-testid="data-key-progress">
      <label>
        Re-encrypting your notes under data key {rotation.toVersion}: {done} of {total}
        <progress max={total || 1} value={done} />
      </label>
      <p className="hint">It carries on by itself while you use Reasonable; you can leave this page.{unreadable}</p>
    </div>
  );
}

export function DataKeyRotationPanel({ status, keysAvailable }: { status: KeyStatus | undefined; keysAvailable: boolean }) {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const rotate = useMutation({
    mutationFn: () => unwrap(api.POST('/api/keys/rotate-data-key')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keyStatusQueryKey }),
  });
  const rotation = status?.dataKeyRotation;
  return (
    <>
      <h3>Data key</h3>
      <p className="hint">
        Your notes are sealed under data key {status?.dataKeyVersion ?? '…'}. Make a new one if you think a session token or the
        keys it carries leaked: new notes use it at once, and every note is re-encrypted under it. Sign out sessions you do not
        trust first; the others keep working.
      </p>
      <ErrorAlert error={rotate.error} />
      {rotation && <Progress rotation={rotation} />}
      {rotate.isPending ? (
        <Busy label="Making a new data key…" />
      ) : (
        <button type="button" onClick={() => setAsking(true)} disabled={!keysAvailable || isRotating(rotation)}>
          Rotate my data key
        </button>
      )}
      {asking && (
        <ConfirmDialog
          title="Re-encrypt your notes?"
          confirmLabel="Rotate my data key"
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            rotate.mutate();
          }}
        >
          <p>
            This makes a new data key and re-encrypts every note under it in the background. Sessions and tokens you have not
            signed out keep working; it cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
