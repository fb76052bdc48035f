// A recovery code, shown once: copy it, download it, and say you saved it before moving on.
import { useId, useState } from 'react';
import { saveBlob } from '../lib/download';
import { CopyButton } from './copy-button';

export function recoveryCodeFileText(code: string, createdAt: string | null | undefined): string {
  return [
    'Reasonable recovery code',
    '',
    code,
    '',
    `Made ${createdAt ?? new Date().toISOString()}.`,
    'If your key list is deleted or edited, this code puts it back. Without it, notes made under the lost key',
    'cannot be opened by anyone. Keep it somewhere only you can reach (a password manager).',
    '',
  ].join('\n');
}

export function RecoveryCodeDisplay({
  code,
  createdAt,
  onConfirmed,
  confirmLabel = 'Continue',
}: {
  code: string;
  createdAt?: string | null;
  onConfirmed: () => void;
  confirmLabel?: string;
}) {
  const [saved, setSaved] = useState(false);
  const checkboxId = useId();
  return (
    <section className="recovery-code" aria-labelledby={`${checkboxId}-heading`}>
      <h2 id={`${checkboxId}-heading`}>Your recovery code</h2>
      <p>This is the only time it is shown. Save it now, somewhere only you can reach.</p>
      <p className="code" data-testid="recovery-code">
        {code}
      </p>
      <div className="actions">
        <CopyButton text={code} label="Copy the code" />
        <button type="button" onClick={() => saveBlob(new Blob([recoveryCodeFileText(code, createdAt)], { type: 'text/plain' }), 'reasonable-recovery-code.txt')}>
          Download as a file
        </button>
      </div>
      <p className="checkbox">
        <input id={checkboxId} type="checkbox" checked={saved} onChange={(event) => setSaved(event.target.checked)} />
        <label htmlFor={checkboxId}>I saved my recovery code somewhere safe</label>
      </p>
      <button type="button" className="primary" disabled={!saved} onClick={onConfirmed}>
        {confirmLabel}
      </button>
    </section>
  );
}
