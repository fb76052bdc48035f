// The benchmark's HTTP side: signing in as a seeded sandbox user without a browser (the README's shell sign-in,
// in fetch calls) and a small JSON client that keeps the token in memory and never prints it.

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
  const code = new URL(redirectOf(callback, 'sign-in callback')).hash.replace(/^#code=/, '');
  const session = await fetch(`${apiUrl}/api/auth/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  if (!session.ok) throw new Error(`signing in as ${userId}: POST /api/auth/session answered ${session.status}`);
  const { token } = await session.json();
  return apiClient(apiUrl, token);
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
