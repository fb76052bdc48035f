import { LockMark } from '../../components/lock-mark';
import type { Me } from '../../lib/api/me';
import { useMyNetwork } from '../../lib/api/providers';
import { useDocumentTitle } from '../../lib/document-title';
import { DeleteSection } from './delete-section';
import { ExportSection } from './export-section';
import { FileImportSection } from './file-import-section';
import { KeySection } from './key-section';
import { NotesImportSection } from './notes-import-section';
import { RecoverySection } from './recovery-section';
import { SessionsSection } from './sessions-section';
import { TokensSection } from './tokens-section';

export function SettingsPage({ me, onSignedOut }: { me: Me; onSignedOut: (reason: 'everywhere' | 'deleted') => void }) {
  const network = useMyNetwork();
  useDocumentTitle('Settings');
  return (
    <div className="settings">
      <h1>Settings</h1>
      <p className="muted">
        Signed in as @{me.handle ?? '…'} <LockMark /> on {network.name}.
      </p>
      <KeySection me={me} network={network} />
      <RecoverySection me={me} network={network.name} />
      <TokensSection />
      <SessionsSection onSignedOutEverywhere={() => onSignedOut('everywhere')} />
      <FileImportSection network={network.name} files={network.provider?.importFiles ?? []} />
      {network.provider?.importsNotes ? <NotesImportSection network={network.name} /> : null}
      <ExportSection network={network.name} hasServers={network.provider?.needsInstance ?? false} />
      <DeleteSection network={network} onDeleted={() => onSignedOut('deleted')} />
    </div>
  );
}
