// Export everything, decrypted, as a file: fetched with the session's token and saved as a Blob (never a URL with a token).
import { useMutation } from '@tanstack/react-query';
import { Busy } from '../../components/busy';
import { ErrorAlert } from '../../components/error-alert';
import { api } from '../../lib/api/client';
import { ApiError, type Problem } from '../../lib/api/problem';
import { fileNameFrom, saveBlob } from '../../lib/download';

type Format = 'json' | 'csv';

async function download(format: Format): Promise<void> {
  const { response } = await api.GET('/api/export', { params: { query: { format } }, parseAs: 'stream' });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as Problem;
    throw new ApiError(response.status, problem);
  }
  const blob = await response.blob();
  saveBlob(blob, fileNameFrom(response.headers.get('Content-Disposition'), `reasonable-export.${format}`));
}

export function ExportSection() {
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
    </section>
  );
}
