// The benchmark's HTTP side: signing in as a seeded sandbox user (X or Mastodon) without a browser (the README's
// shell sign-in, in fetch calls) and a small JSON client that keeps the token in memory and never prints it.

/** Signs in through the sandbox's consent form as `userId`; returns a client for that user. */
export async function signIn(apiUrl, sandboxUrl, userId) {
  const login = await fetch(`${apiUrl}/api/auth/x/login`, { redirect: 'manual' });
  const cookies = login.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
  const consent = new URL(redirectOf(login, 'sign-in start'));
  const approved = await fetch(`${sandboxUrl}/oauth/authorize`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ oauth_token: consent.searchParams.get('oauth_token'), user_id: userId, action: 'approve' }),
  });
  const callback = await fetch(redirectOf(approved, 'sandbox consent'), { redirect: 'manual', headers: { cookie: cookies } });
  return exchange(apiUrl, new URL(redirectOf(callback, 'sign-in callback')), userId);
}

/** Exchanges the one-time code in the web app's #code=… address for a session token. */
async function exchange(apiUrl, signedIn, userId) {
  const code = signedIn.hash.replace(/^#code=/, '');
  const session = await fetch(`${apiUrl}/api/auth/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  if (!session.ok) throw new Error(`signing in as ${userId}: POST /api/auth/session answered ${session.status}`);
  const { token } = await session.json();
  return apiClient(apiUrl, token);
}

/**
 * Signs in with Mastodon as the seeded user `userId` of the sandbox instance `instance` (e.g. fedi.example): the
 * API's login redirects to the instance's consent page, whose form (hidden fields, then user_id and decision) is
 * posted as a browser would; the callback's one-time code is exchanged for a session. Returns a client for that user.
 */
export async function signInMastodon(apiUrl, instance, userId) {
  const login = await fetch(`${apiUrl}/api/auth/mastodon/login?instance=${encodeURIComponent(instance)}`, { redirect: 'manual' });
  const cookies = login.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
  const authorize = new URL(redirectOf(login, 'Mastodon sign-in start'));
  const page = await fetch(authorize, { redirect: 'manual' });
  if (!page.ok) throw new Error(`the Mastodon consent page answered ${page.status}`);
  const fields = Object.fromEntries([...(await page.text()).matchAll(/<input type="hidden" name="([a-z_]+)" value="([^"]*)">/g)]
    .map(([, name, value]) => [name, decodeHtml(value)]));
  const approved = await fetch(new URL('/oauth/authorize', authorize), {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ ...fields, user_id: userId, decision: 'authorize' }),
  });
  const callback = await fetch(redirectOf(approved, 'Mastodon consent'), { redirect: 'manual', headers: { cookie: cookies } });
  return exchange(apiUrl, new URL(redirectOf(callback, 'Mastodon sign-in callback')), userId);
}

function decodeHtml(text) {
  const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity) => {
    if (entity[0] !== '#') return named[entity.toLowerCase()] ?? whole;
    return String.fromCodePoint(entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
  });
}

function redirectOf(response, step) {
  const location = response.headers.get('location');
  if (response.status < 300 || response.status > 399 || !location) throw new Error(`${step} answered ${response.status} instead of a redirect`);
  return location;
}

/** JSON calls as one user. The token stays in this closure; `headers` is for the load generator, in memory only. */
function apiClient(apiUrl, token) {
  const headers = { authorization: `Bearer ${token}` };
  async function call(method, path, body, { allow = [] } = {}) {
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok && !allow.includes(response.status)) {
      throw new Error(`${method} ${path.split('?')[0]} answered ${response.status}: ${text.slice(0, 300)}`);
    }
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }
  return {
    headers,
    get: (path, options) => call('GET', path, undefined, options),
    post: (path, body, options) => call('POST', path, body, options),
  };
}
