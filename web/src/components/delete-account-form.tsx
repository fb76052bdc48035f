// Deleting the account behind the typed phrase (DELETE /api/me): Settings' last section, and "start over" on the
// key-list screen for someone whose key list is gone and who has no recovery code.
import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { api, unwrap } from '../lib/api/client';
import { Busy } from './busy';
import { ErrorAlert } from './error-alert';

export const deletePhrase = 'delete my account';

export function DeleteAccountForm({ submitLabel, onDeleted }: { submitLabel: string; onDeleted: () => void }) {
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
          {submitLabel}
        </button>
      )}
    </form>
  );
}
