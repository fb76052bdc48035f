// The provider sent the browser back to /signed-in#code=…: trade the one-time code for the session cookie (the
// token never reaches this page), start the first sync of a new account, and go back to where sign-in began.
import { useEffect, useState } from 'react';
import { Busy } from '../../components/busy';
import { ErrorAlert } from '../../components/error-alert';
import { api, unwrap } from '../../lib/api/client';
import { useDocumentTitle } from '../../lib/document-title';
import { navigate } from '../../lib/router';
import { takeReturnPath } from '../../lib/session';
import { takeKeepSignedIn } from './keep-signed-in';

let exchange: Promise<void> | null = null; // once per page load, however often React runs the effect

async function startFirstSync(): Promise<void> {
  const status = await unwrap(api.GET('/api/sync'));
  if (!status.latestRun) await unwrap(api.POST('/api/sync')); // never synced: the first sign-in starts it by itself
}

function exchangeCode(code: string): Promise<void> {
  exchange ??= unwrap(api.POST('/api/auth/browser-session', { body: { code, keepSignedIn: takeKeepSignedIn() } })).then(() =>
    startFirstSync().catch(() => undefined), // a key list needing attention, a rate limit: the accounts page offers sync
  );
  return exchange;
}

export function SignedInPage({ onSignedIn }: { onSignedIn: () => void }) {
  useDocumentTitle('Signing in');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const code = new URLSearchParams(window.location.hash.slice(1)).get('code');
    window.history.replaceState(null, '', '/signed-in'); // the code leaves the address bar at once
    if (!code && !exchange) {
      setError(new Error('This sign-in link has no code. Sign in again.'));
      return;
    }
    exchangeCode(code ?? '').then(
      () => {
        onSignedIn();
        // Back to the deep link sign-in started from; else the first run, which moves on once a recovery code exists.
        navigate(takeReturnPath() ?? '/welcome', { replace: true });
      },
      (reason: unknown) => setError(reason),
    );
  }, [onSignedIn]);
  if (error) {
    return (
      <div>
        <h1>Sign-in did not finish</h1>
        <ErrorAlert error={error} />
        <a className="button primary" href="/">
          Sign in again
        </a>
      </div>
    );
  }
  return <Busy label="Signing you in…" />;
}
