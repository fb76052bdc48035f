// Deleting the account: typed confirmation, then everything goes (key list on the provider, access, every row).
import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Busy } from '../../components/busy';
import { ErrorAlert } from '../../components/error-alert';
import { api, unwrap } from '../../lib/api/client';
import type { MyNetwork } from '../../lib/api/providers';

export const deletePhrase = 'delete my account';

export function DeleteSection({ network, onDeleted }: { network: MyNetwork; onDeleted: () => void }) {
  const id = useId();
  const [typed, setTyped] = useState('');
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/me', { body: { confirm: deletePhrase } })),
    onSuccess: onDeleted,
  });
  const matches = typed.trim().toLowerCase() === deletePhrase;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (matches) remove.mutate();
  }
  return (
    <section aria-labelledby="delete-heading" className="card danger-zone">
      <h2 id="delete-heading">Delete my account</h2>
      <p>
        This deletes your key list on {network.name}, Reasonable's access to your {network.name} account and every note
        you wrote. It cannot be
        undone. Export first if you want a copy.
      </p>
      <form onSubmit={submit} className="stack">
        <label htmlFor={`${id}-confirm`}>
          Type <strong>{deletePhrase}</strong> to confirm
        </label>
        <input id={`${id}-confirm`} value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" spellCheck={false} />
        <ErrorAlert error={remove.error} />
        {remove.isPending ? (
          <Busy label="Deleting everything…" />
        ) : (
          <button type="submit" className="danger" disabled={!matches}>
            Delete my account and every note
          </button>
        )}
      </form>
    </section>
  );
}
