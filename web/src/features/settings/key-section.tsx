// Key status and rotation: a new key in the same key list; nothing the person sees changes.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Busy } from '../../components/busy';
import { ErrorAlert } from '../../components/error-alert';
import { api, unwrap } from '../../lib/api/client';
import type { Me } from '../../lib/api/me';
import { meQueryKey } from '../../lib/api/me';
import { formatDateTime } from '../../lib/format';

const statusText: Record<string, string> = {
  active: 'In place on X, and it opens your notes.',
  missing: 'Missing from X.',
  edited: 'Changed on X.',
  undecryptable: 'Cannot be opened.',
};

export function KeySection({ me }: { me: Me }) {
  const queryClient = useQueryClient();
  const rotate = useMutation({
    mutationFn: () => unwrap(api.POST('/api/keys/rotate')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
  return (
    <section aria-labelledby="key-heading" className="card">
      <h2 id="key-heading">Your key</h2>
      <p>
        Key list “Reasonable key (pls keep)” on X: <strong data-testid="key-status">{statusText[me.keyStatus ?? ''] ?? me.keyStatus}</strong>
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
        <Busy label="Rotating your key (this writes your key list on X)…" />
      ) : (
        <button type="button" onClick={() => rotate.mutate()} disabled={!me.keysAvailable}>
          Rotate my key
        </button>
      )}
    </section>
  );
}
