// Bring the network's own private notes on accounts in as encrypted reasons: opt-in, once, re-runnable (nothing is
// imported twice), and never written back, since the network keeps them in plain text.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Busy } from '../../components/busy';
import { ErrorAlert } from '../../components/error-alert';
import { api, unwrap } from '../../lib/api/client';

export function NotesImportSection({ network }: { network: string }) {
  const queryClient = useQueryClient();
  const importNotes = useMutation({
    mutationFn: async () => unwrap(api.POST('/api/imports/provider-notes')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['accounts'] }),
  });
  const result = importNotes.data;
  return (
    <section aria-labelledby="notes-import-heading" className="card">
      <h2 id="notes-import-heading">Your notes on {network}</h2>
      <p className="hint">
        {network} keeps the private notes you write on accounts in plain text, where your server's administrators can
        read them. Import them here as encrypted reasons (tagged <code>imported-note</code>) on the accounts you already
        have in Reasonable; run a sync first. Reasonable never writes to your notes on {network}, and importing again
        adds only notes that are new.
      </p>
      <ErrorAlert error={importNotes.error} />
      {importNotes.isPending ? (
        <Busy label={`Reading your notes on ${network}…`} />
      ) : (
        <div className="actions">
          <button type="button" onClick={() => importNotes.mutate()}>
            Import my notes from {network}
          </button>
        </div>
      )}
      <p role="status" className="hint">
        {result
          ? `Checked ${result.accountsChecked} accounts: ${result.imported} notes imported, ${result.alreadyImported} already here, ${result.skipped} skipped.`
          : ''}
      </p>
    </section>
  );
}
