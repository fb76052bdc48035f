import { LockMark } from '../../components/lock-mark';
import type { Me } from '../../lib/api/me';
import { DeleteSection } from './delete-section';
import { ExportSection } from './export-section';
import { KeySection } from './key-section';
import { RecoverySection } from './recovery-section';
import { SessionsSection } from './sessions-section';
import { TokensSection } from './tokens-section';

export function SettingsPage({ me, onSignedOut }: { me: Me; onSignedOut: (reason: 'everywhere' | 'deleted') => void }) {
  return (
    <div className="settings">
      <h1>Settings</h1>
      <p className="muted">
        Signed in as @{me.handle ?? '…'} <LockMark /> on {me.provider === 'x' ? 'X' : me.provider}.
      </p>
      <KeySection me={me} />
      <RecoverySection me={me} />
      <TokensSection />
      <SessionsSection onSignedOutEverywhere={() => onSignedOut('everywhere')} />
      <ExportSection />
      <DeleteSection onDeleted={() => onSignedOut('deleted')} />
    </div>
  );
}
