// The app shell: who is signed in, which screen the address shows, and the ways out (sign out, 401, deletion).
import { QueryCache, QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Busy } from '../components/busy';
import { ErrorAlert } from '../components/error-alert';
import { AccountsPage } from '../features/accounts/accounts-page';
import { FirstRunPage } from '../features/auth/first-run-page';
import { KeyAttentionPage } from '../features/auth/key-attention-page';
import { LandingPage } from '../features/auth/landing-page';
import { SignedInPage } from '../features/auth/signed-in-page';
import { AccountPage } from '../features/reasons/account-page';
import { ReviewPage } from '../features/review/review-page';
import { SettingsPage } from '../features/settings/settings-page';
import { LiveRegion } from '../components/live-region';
import { RecoveryReminder } from '../components/recovery-reminder';
import { api } from '../lib/api/client';
import { meQueryKey, useMe } from '../lib/api/me';
import { useReviewCount } from '../lib/api/reviews';
import { ApiError } from '../lib/api/problem';
import { followLink, navigate, useLocation } from '../lib/router';
import { onSessionEnded, rememberReturnPath } from '../lib/session';
import { NotFoundPage } from './not-found-page';

function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false, // an open editor must never be swapped under the person typing
        retry: (count, error) => !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 2,
      },
    },
    queryCache: new QueryCache({
      onError: (error) => {
        // A route found the key list missing: GET /api/me says what happened, and the shell shows the recovery path.
        if (error instanceof ApiError && error.is('key-list-needs-attention')) void client.invalidateQueries({ queryKey: meQueryKey });
      },
    }),
  });
  return client;
}

export function App() {
  const [client] = useState(createQueryClient);
  return (
    <QueryClientProvider client={client}>
      <Shell />
    </QueryClientProvider>
  );
}

function Shell() {
  const queryClient = useQueryClient();
  const { path, search } = useLocation();
  const [ended, setEnded] = useState(false);
  const onSignedIn = useCallback(() => {
    queryClient.clear(); // nothing cached for an earlier session of this browser may show for this one
    setEnded(false);
  }, [queryClient]);
  // The session is in an HttpOnly cookie: GET /api/me says whether there is one. A 401 means signed out.
  const me = useMe(path !== '/signed-in');
  const signedOut = me.error instanceof ApiError && me.error.status === 401;
  const signedIn = me.data !== undefined && !signedOut;

  // A call answered 401: the session ended (revoked, expired). Ask /api/me again; sign-in then shows right here.
  useEffect(
    () =>
      onSessionEnded(() => {
        setEnded(true);
        void queryClient.invalidateQueries({ queryKey: meQueryKey });
      }),
    [queryClient],
  );
  const reviewsDue = useReviewCount(signedIn && me.data?.keysAvailable === true);

  const leave = useCallback(
    (notice: 'out' | 'everywhere' | 'deleted' | 'expired') => {
      queryClient.clear();
      navigate(`/?signedOut=${notice}`, { replace: true, force: true });
    },
    [queryClient],
  );

  async function signOut() {
    await api.POST('/api/auth/logout').catch(() => undefined); // clears the cookie
    leave('out');
  }

  // A new screen moves keyboard and screen-reader focus to the top of its content (not on the first load).
  const firstPath = useRef(path);
  useEffect(() => {
    if (path !== firstPath.current) document.getElementById('main')?.focus({ preventScroll: true });
    firstPath.current = '';
  }, [path]);

  const needsRedirect = signedIn && (path === '/' || path === '/index.html');
  useEffect(() => {
    if (needsRedirect) navigate('/accounts', { replace: true });
  }, [needsRedirect]);
  const firstRunDone = path === '/welcome' && me.data?.recoveryConfigured === true;
  useEffect(() => {
    if (firstRunDone) navigate('/accounts', { replace: true });
  }, [firstRunDone]);
  // Signed out on a deep link: the sign-in shows here, and signing in comes back to this address.
  const returnPath = signedOut ? `${path}${search}` : null;
  useEffect(() => {
    if (returnPath !== null) rememberReturnPath(returnPath);
  }, [returnPath]);

  const known = knownPath(path);
  let page;
  if (path === '/signed-in') {
    page = <SignedInPage onSignedIn={onSignedIn} />;
  } else if (signedOut) {
    page = known ? <LandingPage notice={ended ? 'expired' : new URLSearchParams(search).get('signedOut')} /> : <NotFoundPage signedIn={false} />;
  } else if (me.isPending) {
    page = <Busy label="Opening Reasonable…" />;
  } else if (me.error) {
    page = <ErrorAlert error={me.error} />;
  } else if (!known) {
    page = <NotFoundPage signedIn />;
  } else if (!me.data.keysAvailable) {
    page = <KeyAttentionPage me={me.data} onDeleted={() => leave('deleted')} />;
  } else if (path === '/welcome') {
    page = <FirstRunPage />;
  } else if (path === '/settings') {
    page = <SettingsPage me={me.data} onSignedOut={leave} />;
  } else if (path.startsWith('/accounts/')) {
    const accountId = decodeURIComponent(path.slice('/accounts/'.length));
    page = <AccountPage key={accountId} id={accountId} />; // another account starts with an empty editor and no status
  } else if (path === '/review') {
    page = <ReviewPage />;
  } else {
    page = <AccountsPage />;
  }

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <a className="brand" href="/" onClick={followLink}>
          Reasonable
        </a>
        {signedIn && (
          <nav aria-label="Main">
            <a href="/accounts" onClick={followLink} aria-current={path.startsWith('/accounts') ? 'page' : undefined}>
              Accounts
            </a>
            <a href="/review" onClick={followLink} aria-current={path === '/review' ? 'page' : undefined}>
              Review
              {reviewsDue !== undefined && reviewsDue > 0 && (
                <span className="nav-count">
                  {reviewsDue}
                  <span className="visually-hidden"> due</span>
                </span>
              )}
            </a>
            <a href="/settings" onClick={followLink} aria-current={path === '/settings' ? 'page' : undefined}>
              Settings
            </a>
            <button type="button" className="link" onClick={() => void signOut()}>
              Sign out
            </button>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {signedIn && me.data?.keysAvailable && path !== '/welcome' && path !== '/signed-in' && (
          <RecoveryReminder recoveryConfigured={me.data.recoveryConfigured === true} />
        )}
        {page}
      </main>
      <LiveRegion />
    </>
  );
}

/** The app's screens; anything else is the not-found page. */
function knownPath(path: string): boolean {
  if (['/', '/index.html', '/signed-in', '/welcome', '/settings', '/accounts', '/review'].includes(path)) return true;
  return /^\/accounts\/[^/]+$/.test(path);
}
