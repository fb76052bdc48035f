// The provider sent the browser back to /signed-in#code=…: trade the one-time code for this tab's session token.
import { useEffect, useState } from 'react';
import { Busy } from '../../components/busy';
import { ErrorAlert } from '../../components/error-alert';
import { api, unwrap } from '../../lib/api/client';
import { navigate } from '../../lib/router';
import { saveToken } from '../../lib/session-token';

let exchange: Promise<void> | null = null; // once per page load, however often React runs the effect

function exchangeCode(code: string): Promise<void> {
  exchange ??= unwrap(api.POST('/api/auth/session', { body: { code } })).then((session) => {
    if (!session.token) throw new Error('The sign-in answered no session. Sign in again.');
    saveToken(session.token);
  });
  return exchange;
}

export function SignedInPage({ onSignedIn }: { onSignedIn: () => void }) {
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
        navigate('/welcome', { replace: true }); // the first run offers a recovery code; it moves on when one exists
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
