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
import { api } from '../lib/api/client';
import { meQueryKey, useMe } from '../lib/api/me';
import { useReviewCount } from '../lib/api/reviews';
import { ApiError } from '../lib/api/problem';
import { followLink, navigate, useLocation } from '../lib/router';
import { clearToken, readToken } from '../lib/session-token';

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
  const [, setSignIns] = useState(0);
  const onSignedIn = useCallback(() => {
    queryClient.clear(); // nothing cached for an earlier session of this tab may show for this one
    setSignIns((count) => count + 1);
  }, [queryClient]);
  const token = readToken();
  const me = useMe(token !== null && path !== '/signed-in');
  const reviewsDue = useReviewCount(token !== null && me.data?.keysAvailable === true);

  const leave = useCallback(
    (notice: 'out' | 'everywhere' | 'deleted' | 'expired') => {
      clearToken();
      queryClient.clear();
      navigate(`/?signedOut=${notice}`, { replace: true, force: true });
    },
    [queryClient],
  );

  async function signOut() {
    await api.POST('/api/auth/logout').catch(() => undefined);
    leave('out');
  }

  // A new screen moves keyboard and screen-reader focus to the top of its content (not on the first load).
  const firstPath = useRef(path);
  useEffect(() => {
    if (path !== firstPath.current) document.getElementById('main')?.focus({ preventScroll: true });
    firstPath.current = '';
  }, [path]);

  const needsRedirect = token !== null && (path === '/' || path === '/index.html');
  useEffect(() => {
    if (needsRedirect) navigate('/accounts', { replace: true });
  }, [needsRedirect]);
  const firstRunDone = path === '/welcome' && me.data?.recoveryConfigured === true;
  useEffect(() => {
    if (firstRunDone) navigate('/accounts', { replace: true });
  }, [firstRunDone]);
  useEffect(() => {
    if (token === null && path !== '/' && path !== '/signed-in') navigate('/', { replace: true });
  }, [token, path]);

  let page;
  if (path === '/signed-in') {
    page = <SignedInPage onSignedIn={onSignedIn} />;
  } else if (token === null) {
    page = <LandingPage notice={new URLSearchParams(search).get('signedOut')} />;
  } else if (me.isPending) {
    page = <Busy label="Opening Reasonable…" />;
  } else if (me.error) {
    page = <ErrorAlert error={me.error} />;
  } else if (!me.data.keysAvailable) {
    page = <KeyAttentionPage me={me.data} />;
  } else if (path === '/welcome') {
    page = <FirstRunPage />;
  } else if (path === '/settings') {
    page = <SettingsPage me={me.data} onSignedOut={leave} />;
  } else if (path.startsWith('/accounts/')) {
    const accountId = decodeURIComponent(path.slice('/accounts/'.length));
    page = <AccountPage key={accountId} id={accountId} />; // another account starts with an empty editor and no status
  } else if (path === '/accounts') {
    page = <AccountsPage />;
  } else if (path === '/review') {
    page = <ReviewPage />;
  } else {
    page = (
      <div>
        <h1>Nothing here</h1>
        <p>
          This address is not part of Reasonable. <a href="/accounts" onClick={followLink}>Go to your accounts</a>.
        </p>
      </div>
    );
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
        {token !== null && me.data && (
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
        {page}
      </main>
    </>
  );
}
