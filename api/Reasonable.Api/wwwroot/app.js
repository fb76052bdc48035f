// The minimal web page until the SPA lands: sign in, see who you are and your key status, take a recovery code,
// restore a lost key list, copy your token for scripts, sign out. Everything shown is set as text, never as HTML.
'use strict';

const app = document.getElementById('app');
const tokenKey = 'reasonable.token';

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'onclick' || name === 'onsubmit') node[name] = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

function show(...nodes) {
  app.replaceChildren(el('h1', {}, 'Reasonable'), ...nodes);
}

async function api(method, path, body) {
  const token = sessionStorage.getItem(tokenKey);
  const response = await fetch(path, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) throw Object.assign(new Error(data?.detail ?? `The server answered ${response.status}.`), { status: response.status });
  return data;
}

function landing(message) {
  show(
    ...(message ? [el('p', { class: 'error', role: 'alert' }, message)] : []),
    el('p', {}, 'Keep private notes on why you blocked, muted or followed someone. Only you can read them: they are encrypted with a key that lives on your own X account, not in our database.'),
    el('a', { class: 'button primary', href: '/api/auth/x/login' }, 'Sign in with X'),
    el('p', {}, 'Scripts and API clients: see ', el('a', { href: '/swagger' }, 'the API documentation'), '.'),
  );
}

async function signedIn(code) {
  history.replaceState(null, '', '/');
  try {
    const session = await api('POST', '/api/auth/session', { code });
    sessionStorage.setItem(tokenKey, session.token);
    await home();
  } catch (error) {
    landing(error.message);
  }
}

async function home(extra = []) {
  let me;
  try {
    me = await api('GET', '/api/me');
  } catch (error) {
    sessionStorage.removeItem(tokenKey);
    landing(error.status === 401 ? null : error.message);
    return;
  }
  const details = el('dl', {},
    el('dt', {}, 'Signed in as'), el('dd', {}, me.handle ? `@${me.handle} on ${me.provider === 'x' ? 'X' : me.provider}` : '(hidden until your key list is restored)'),
    el('dt', {}, 'Key list'), el('dd', {}, me.keyStatus),
    el('dt', {}, 'Recovery code'), el('dd', {}, me.recoveryConfigured ? `set up ${new Date(me.recoveryCreatedAt).toLocaleString()}` : 'not set up'),
    el('dt', {}, 'Session ends'), el('dd', {}, new Date(me.session.expiresAt).toLocaleString()));
  const actions = [];
  if (me.keyStatusHelp) actions.push(el('p', { class: 'notice', role: 'status' }, me.keyStatusHelp));
  if (!me.keysAvailable && me.recoveryConfigured) actions.push(restoreForm());
  if (me.keysAvailable) {
    actions.push(el('button', { class: me.recoveryConfigured ? '' : 'primary', onclick: recoveryCode }, me.recoveryConfigured ? 'Make a new recovery code' : 'Get a recovery code'));
  }
  actions.push(el('button', { onclick: showToken }, 'Show my token for scripts'));
  actions.push(el('button', { onclick: signOut }, 'Sign out'));
  show(details, ...actions, ...extra);
}

function restoreForm() {
  const input = el('input', { id: 'recovery', name: 'recovery', autocomplete: 'off', size: '40' });
  return el('form', {
    onsubmit: async (event) => {
      event.preventDefault();
      try {
        const session = await api('POST', '/api/me/recovery/restore', { recoveryCode: input.value });
        sessionStorage.setItem(tokenKey, session.token);
        await home([el('p', { role: 'status' }, 'Your key list is restored.')]);
      } catch (error) {
        await home([el('p', { class: 'error', role: 'alert' }, error.message)]);
      }
    },
  }, el('label', { for: 'recovery' }, 'Recovery code '), input, ' ', el('button', { type: 'submit', class: 'primary' }, 'Restore my key list'));
}

async function recoveryCode() {
  try {
    const result = await api('POST', '/api/me/recovery-code');
    await home([
      el('p', { class: 'notice' }, 'Your recovery code. It is shown only now: store it somewhere safe, away from your X account.'),
      el('p', {}, el('code', { id: 'recovery-code' }, result.recoveryCode)),
    ]);
  } catch (error) {
    await home([el('p', { class: 'error', role: 'alert' }, error.message)]);
  }
}

async function showToken() {
  const token = sessionStorage.getItem(tokenKey);
  await home([
    el('p', {}, 'This session\'s token (it ends when the session does; make a personal access token for long-running scripts):'),
    el('textarea', { readonly: 'readonly', 'aria-label': 'Session token' }, token),
    el('p', {}, el('code', {}, `curl -H "Authorization: Bearer $TOKEN" ${location.origin}/api/me`)),
  ]);
}

async function signOut() {
  try {
    await api('POST', '/api/auth/logout');
  } finally {
    sessionStorage.removeItem(tokenKey);
    landing();
  }
}

const code = location.pathname === '/signed-in' ? new URLSearchParams(location.hash.slice(1)).get('code') : null;
if (code) signedIn(code);
else if (sessionStorage.getItem(tokenKey)) home();
else landing();
