// What the browser tests drive: the real API, PostgreSQL (a fresh database) and the sandbox X server, started the
// way `npm start` starts them but on free ports, and Debian's Chromium through playwright-core.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { root } from '../../scripts/lib/paths.mjs';
import { freePortRun } from '../../scripts/lib/ports.mjs';
import { createDatabase, ensurePostgres } from '../../scripts/lib/postgres.mjs';
import { startStack } from '../../scripts/lib/stack.mjs';
import { buildWeb, webRoot } from '../../scripts/lib/web-build.mjs';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The README's copies are refreshed only on request (UPDATE_SCREENSHOTS=1 npm test): every run would otherwise
// change tracked files, since the pages show today's date.
export const screenshotDir = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(root, 'docs', 'screenshots') : path.join(root, '.local', 'screenshots');
export const alice = { id: '1000000001', handle: 'alice' };
// Seeded users of the Mastodon sandbox (api/Reasonable.Sandbox.Mastodon/README.md): alice's world on fedi.example
// (251 blocks, 31 mutes of which 3 timed, 122 follows), carol's on social.example (6 blocks, 2 mutes, 2 follows).
export const mastodonAlice = { instance: 'fedi.example', id: '109000000000000001', handle: 'alice@fedi.example' };
export const mastodonCarol = { instance: 'social.example', id: '109001000000000001', handle: 'carol@social.example' };

export async function startE2e() {
  if (!fs.existsSync(chromiumPath)) throw new Error(`Chromium is not at ${chromiumPath}: apt-get install -y chromium (.ci/run does)`);
  if (!fs.existsSync(path.join(webRoot, 'index.html'))) buildWeb({ quiet: true });
  let postgres = null;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    postgres = await ensurePostgres({ quiet: true });
    serverUrl = postgres.url;
  }
  const database = createDatabase(serverUrl, 'reasonable_e2e');
  const port = await freePortRun();
  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    SIGN_IN_RATE_LIMIT: '1000',
    WRITE_RATE_LIMIT: '10000',
    SYNC_SCHEDULE_POLL_SECONDS: '1',
    SYNC_RETRY_SECONDS: '1',
  };
  for (const name of ['X_CONSUMER_KEY', 'X_CONSUMER_SECRET', 'X_BASE_URL', 'MASTODON_INSTANCES', 'PUBLIC_URL', 'WEB_APP_URL', 'ASPNETCORE_URLS']) delete env[name];
  const stack = await startStack({ env, port, log: () => {} });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  return {
    url: stack.api.url,
    sandboxUrl: stack.sandboxUrl,
    mastodonInstances: stack.mastodonInstances,
    browser,
    async stop() {
      await browser.close().catch(() => {});
      await stack.stop();
      database.drop();
      postgres?.stop();
    },
  };
}

/** Calls a sandbox control endpoint (/_sandbox/…). */
export async function sandbox(e2e, method, route, body) {
  const response = await fetch(`${e2e.sandboxUrl}${route}`, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`sandbox ${method} ${route} answered ${response.status}`);
  return response;
}

/** Signs in through the landing page and the sandbox consent page (a plain form) as `user`; ends on /welcome or later. */
export async function signIn(page, e2e, user = alice) {
  await page.goto(`${e2e.url}/`);
  await page.getByRole('link', { name: 'Sign in with X' }).click();
  // X shows its consent page, or skips it for a browser that approved this app before ("Sign in with X").
  await page.waitForURL((url) => url.origin === e2e.sandboxUrl || (url.origin === e2e.url && !['/', '/signed-in'].includes(url.pathname)));
  if (new URL(page.url()).origin === e2e.sandboxUrl) {
    await page.locator(`input[name="user_id"][value="${user.id}"]`).check();
    await page.getByRole('button', { name: 'Authorize app' }).click();
  }
  await page.waitForURL((url) => url.origin === e2e.url && url.pathname !== '/signed-in', { timeout: 20_000 });
}

/**
 * Signs in with Mastodon through the landing page's server field and the sandbox instance's consent page (a plain form:
 * radio user_id, buttons Authorize and Deny) as `user`; ends on /welcome or later.
 */
export async function signInWithMastodon(page, e2e, user = mastodonAlice) {
  const instanceUrl = e2e.mastodonInstances[user.instance];
  await page.goto(`${e2e.url}/`);
  await page.getByLabel('Your server').fill(user.instance);
  await page.getByRole('button', { name: 'Sign in with Mastodon' }).click();
  await page.waitForURL((url) => url.origin === instanceUrl || (url.origin === e2e.url && !['/', '/signed-in'].includes(url.pathname)), { timeout: 20_000 });
  if (new URL(page.url()).origin === instanceUrl) {
    await page.locator(`input[type="radio"][name="user_id"][value="${user.id}"]`).check();
    await page.getByRole('button', { name: 'Authorize', exact: true }).click();
  }
  await page.waitForURL((url) => url.origin === e2e.url && url.pathname !== '/signed-in', { timeout: 20_000 });
}

/** Calls a control endpoint (/_sandbox/…) of one Mastodon sandbox instance. */
export async function mastodonSandbox(e2e, instance, method, route, body) {
  const response = await fetch(`${e2e.mastodonInstances[instance]}${route}`, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`Mastodon sandbox ${instance} ${method} ${route} answered ${response.status}`);
  return response;
}

/** Saves <name>.png in screenshotDir (the README shows docs/screenshots); never while a token or code is on screen. */
export function screenshot(page, name, { fullPage = true } = {}) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  return page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage });
}
