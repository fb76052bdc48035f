// Import a file (Reasonable's own JSON export, or the network's export of blocked, muted and followed accounts): the
// file is sent once for a preview (what would be added, matched and skipped, and why), then again when the user
// confirms; the API writes it all at once. A progress bar shows the upload, then the server's work.
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { ProgressBar } from '../../components/progress-bar';
import { maxImportBytes, uploadImport, type ImportResult } from '../../lib/api/upload';

type Step =
  | { name: 'choose' }
  | { name: 'sending'; file: File; preview: boolean; sent: number }
  | { name: 'preview'; file: File; result: ImportResult }
  | { name: 'done'; result: ImportResult };

const accepted = '.json,.js,.zip,.csv,application/json,application/zip,text/csv,text/javascript';

function plural(count: number | undefined, one: string, many: string): string {
  const n = count ?? 0;
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

function Counts({ result, preview }: { result: ImportResult; preview: boolean }) {
  const verb = preview ? 'to add' : 'added';
  return (
    <ul className="import-counts">
      <li>{plural(result.added, 'new account', 'new accounts')} {verb}</li>
      <li>{plural(result.matched, 'account', 'accounts')} you already have (matched, not added again)</li>
      <li>{plural(result.skipped, 'entry', 'entries')} skipped</li>
      {result.reasonsAdded + result.reasonsMatched > 0 ? (
        <li>
          {plural(result.reasonsAdded, 'reason', 'reasons')} {verb}, {plural(result.reasonsMatched, 'reason', 'reasons')} already here
        </li>
      ) : null}
    </ul>
  );
}

function SkipReasons({ result }: { result: ImportResult }) {
  const groups = result.skipReasons;
  if (groups.length === 0) return null;
  const lines = result.skippedEntries.map((entry) => entry.line).slice(0, 10);
  return (
    <>
      <h3>Why entries are skipped</h3>
      <ul className="import-skips">
        {groups.map((group) => (
          <li key={group.reason}>
            <strong>{plural(group.count, 'entry', 'entries')}:</strong> {group.explanation}
          </li>
        ))}
      </ul>
      {lines.length > 0 ? <p className="hint">Lines {lines.join(', ')}{result.skipped > lines.length ? ', …' : ''}.</p> : null}
    </>
  );
}

export function FileImportSection({ network, files }: { network: string; files: readonly string[] }) {
  const queryClient = useQueryClient();
  const picker = useRef<HTMLInputElement>(null);
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const [error, setError] = useState<unknown>(null);

  async function send(file: File, preview: boolean) {
    setError(null);
    if (file.size > maxImportBytes) {
      setError(new Error(`This file is ${(file.size / 1024 / 1024).toFixed(0)} MiB; Reasonable imports files of up to 32 MiB. From a data archive, choose only the files that list your accounts.`));
      setStep({ name: 'choose' });
      return;
    }
    setStep({ name: 'sending', file, preview, sent: 0 });
    try {
      const result = await uploadImport(file, preview, (sent) => setStep({ name: 'sending', file, preview, sent }));
      if (preview) {
        setStep({ name: 'preview', file, result });
      } else {
        setStep({ name: 'done', result });
        await queryClient.invalidateQueries({ queryKey: ['accounts'] });
      }
    } catch (failure) {
      setError(failure);
      setStep({ name: 'choose' });
    }
  }

  function restart() {
    setError(null);
    setStep({ name: 'choose' });
    if (picker.current) picker.current.value = '';
  }

  return (
    <section aria-labelledby="file-import-heading" className="card">
      <h2 id="file-import-heading">Import a file</h2>
      <p className="hint">
        Bring in Reasonable's own JSON export{files.length > 0 ? `, or ${files.join(', ')}` : ''}. You see what it
        would add before anything is written; accounts you already have are matched, never added twice, and importing the
        same file again adds nothing. The file is read in memory and never kept. Relations from a file show as
        <em> unconfirmed</em> until your next sync checks them with {network}.
      </p>
      <ErrorAlert error={error} />
      {step.name === 'choose' ? (
        <label className="field">
          <span>File to import</span>
          <input
            ref={picker}
            type="file"
            accept={accepted}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              if (file) void send(file, true);
            }}
          />
        </label>
      ) : null}
      {step.name === 'sending' ? (
        <ProgressBar
          label={step.sent < 1 ? `Sending ${step.file.name}… ${Math.round(step.sent * 100)}%` : step.preview ? 'Reading the file…' : 'Importing…'}
          value={step.sent < 1 ? step.sent : null}
        />
      ) : null}
      {step.name === 'preview' ? (
        <div role="region" aria-label="Import preview">
          <p>
            <strong>{step.result.description}</strong>: nothing is written until you import it.
          </p>
          <Counts result={step.result} preview />
          {step.result.toLookUp > 0 ? (
            <p className="hint">{plural(step.result.toLookUp, 'new account is', 'new accounts are')} named by address only and will be looked up on {network} when you import; those it does not find are skipped.</p>
          ) : null}
          <SkipReasons result={step.result} />
          {step.result.unknownFields.length > 0 ? (
            <p className="hint">Not kept (this version does not know them): {step.result.unknownFields.join(', ')}.</p>
          ) : null}
          <div className="actions">
            <button type="button" onClick={() => void send(step.file, false)}>
              Import
            </button>
            <button type="button" className="secondary" onClick={restart}>
              Choose another file
            </button>
          </div>
        </div>
      ) : null}
      {step.name === 'done' ? (
        <div role="status">
          <p>Imported {step.result.description}.</p>
          <Counts result={step.result} preview={false} />
          <SkipReasons result={step.result} />
          <div className="actions">
            <button type="button" className="secondary" onClick={restart}>
              Import another file
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
