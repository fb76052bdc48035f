// Export everything, decrypted, as a file: fetched with the session's token and saved as a Blob (never a URL with a token).
import { useMutation } from '@tanstack/react-query';
import { Busy } from '../../components/busy';
import { ErrorAlert } from '../../components/error-alert';
import { api } from '../../lib/api/client';
import { ApiError, type Problem } from '../../lib/api/problem';
import { fileNameFrom, saveBlob } from '../../lib/download';

type Format = 'json' | 'csv' | 'blocked' | 'muted' | 'following';

/** The files a server of the same network imports, for moving to another server (only where the network has servers). */
const moveFiles: { format: Format; label: string }[] = [
  { format: 'blocked', label: 'Blocked accounts' },
  { format: 'muted', label: 'Muted accounts' },
  { format: 'following', label: 'Followed accounts' },
];

async function download(format: Format): Promise<void> {
  const { response } = await api.GET('/api/export', { params: { query: { format } }, parseAs: 'stream' });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as Problem;
    throw new ApiError(response.status, problem);
  }
  const blob = await response.blob();
  saveBlob(blob, fileNameFrom(response.headers.get('Content-Disposition'), `reasonable-export.${format}`));
}

export function ExportSection({ network, hasServers }: { network: string; hasServers: boolean }) {
  const exportFile = useMutation({ mutationFn: download });
  return (
    <section aria-labelledby="export-heading" className="card">
      <h2 id="export-heading">Export</h2>
      <p className="hint">Every account and reason, decrypted, as a file on your device. Keep it as safe as your notes.</p>
      <ErrorAlert error={exportFile.error} />
      {exportFile.isPending ? (
        <Busy label="Preparing your export…" />
      ) : (
        <div className="actions">
          <button type="button" onClick={() => exportFile.mutate('json')}>
            Download JSON
          </button>
          <button type="button" onClick={() => exportFile.mutate('csv')}>
            Download CSV (spreadsheets)
          </button>
        </div>
      )}
      {hasServers && !exportFile.isPending ? (
        <>
          <p className="hint">
            Moving to another {network} server? These files are the ones its import page takes (no reasons in them).
          </p>
          <div className="actions">
            {moveFiles.map(({ format, label }) => (
              <button key={format} type="button" onClick={() => exportFile.mutate(format)}>
                {label} ({network} CSV)
              </button>
            ))}
          </div>
        </>
      ) : null}
    </section>
  );
}
