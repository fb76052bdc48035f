// For someone who skipped the recovery code: a reminder on every screen until they make one. "Not now" hides it
// for this browser tab; it comes back in the next one, since without a code a lost key list loses every note.
import { useState } from 'react';
import { followLink } from '../lib/router';

const dismissedKey = 'reasonable.recoveryReminderDismissed';

export function RecoveryReminder({ recoveryConfigured }: { recoveryConfigured: boolean }) {
  const [dismissed, setDismissed] = useState(() => sessionStorage.getItem(dismissedKey) === '1');
  if (recoveryConfigured || dismissed) return null;
  return (
    <aside className="notice reminder" aria-label="Recovery code reminder">
      <p>
        You have no recovery code yet. If your key list is ever deleted, it is the only way back to your notes.{' '}
        <a href="/settings" onClick={followLink}>
          Make one in Settings
        </a>
      </p>
      <button
        type="button"
        onClick={() => {
          sessionStorage.setItem(dismissedKey, '1');
          setDismissed(true);
        }}
      >
        Not now
      </button>
    </aside>
  );
}
