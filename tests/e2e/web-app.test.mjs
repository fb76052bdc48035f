// The web app in Debian's Chromium against the real API, PostgreSQL and sandbox X server: one person's journey from
// the landing page to deleting their account, in order (each step starts where the previous one left off).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { alice, mastodonAlice, mastodonCarol, mastodonSandbox, sandbox, screenshot, signIn, signInWithMastodon, startE2e } from './e2e-stack.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const bob = { id: '1000000002', handle: 'bob' }; // signs in only in the start-over test

let e2e;
let context;
let page;
let bobPath; // the account page the reason tests use
let recoveryCode; // taken at the first run, used when the key list goes missing
const pageErrors = []; // uncaught exceptions in the app, from every page of the run

function api(route, init = {}) {
  return apiOn(page, route, init);
}

async function apiOn(p, route, init = {}) {
  // The same session as the page: a call from inside it, with its cookie and the header the app sends.
  return p.evaluate(
    async ({ route, init }) => {
      const response = await fetch(route, {
        ...init,
        headers: { 'X-Reasonable-Request': '1', 'Content-Type': 'application/json', ...init.headers },
      });
      return { status: response.status, body: response.status === 204 ? null : await response.json().catch(() => null) };
    },
    { route, init },
  );
}

/** axe-core's serious and critical violations on the page as it is now. */
async function axeViolations(p) {
  if (!(await p.evaluate(() => 'axe' in window))) await p.addScriptTag({ path: axePath });
  return p.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')}`);
  });
}

/** Runs axe on the screen in the light and the dark theme, at desktop and at phone width. */
async function assertAccessible(p, screen) {
  const problems = [];
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [1100, 360]) {
      await p.emulateMedia({ colorScheme });
      await p.setViewportSize({ width, height: 800 });
      for (const violation of await axeViolations(p)) problems.push(`${screen}, ${colorScheme}, ${width}px: ${violation}`);
    }
  }
  await p.emulateMedia({ colorScheme: 'light' });
  await p.setViewportSize({ width: 1100, height: 800 });
  assert.deepEqual(problems, [], `axe on ${screen}`);
}

/** The page's session cookie, as the browser keeps it (never printed). */
async function sessionCookie(c) {
  return (await c.cookies()).find((cookie) => cookie.name === 'reasonable_session');
}

describe('web app in Chromium', { timeout: 480_000 }, () => {
  before(async () => {
    e2e = await startE2e();
    context = await e2e.browser.newContext({ acceptDownloads: true, viewport: { width: 1100, height: 800 } });
    context.on('page', (opened) => opened.on('pageerror', (error) => pageErrors.push(error.message)));
    page = await context.newPage();
  });

  after(async () => {
    await context?.close().catch(() => {});
    await e2e?.stop();
  });

  test('the landing page lists both providers, and the Mastodon sign-in needs a server', async () => {
    await page.goto(`${e2e.url}/`);
    const x = page.getByRole('link', { name: 'Sign in with X' });
    await x.waitFor();
    assert.equal(await x.getAttribute('href'), '/api/auth/x/login');
    const mastodon = page.getByRole('button', { name: 'Sign in with Mastodon' });
    assert.equal(await page.getByLabel('Your server').getAttribute('placeholder'), 'mastodon.social');
    await mastodon.click();
    await page.getByRole('alert').getByText('Type the name of your Mastodon server').waitFor();
    assert.equal(new URL(page.url()).pathname, '/', 'an empty server stays on the landing page');
    const text = await page.locator('main').innerText();
    assert.match(text, /On X, your first sign-in makes the private list/);
    assert.match(text, /On Mastodon, your first sign-in makes/);
  });

  test('the landing page says what is kept and who can read it, and signing in as alice lands on the first run', async () => {
    await page.goto(`${e2e.url}/`);
    await page.getByRole('heading', { name: 'Who can read your notes' }).waitFor();
    const text = await page.locator('main').innerText();
    assert.match(text, /Only you/);
    assert.match(text, /Not us/);
    assert.match(text, /Not someone with our database/);
    await screenshot(page, 'landing');
    await signIn(page, e2e);
    await page.waitForURL(`${e2e.url}/welcome`);
    assert.equal(new URL(page.url()).hash, '', 'the one-time code left the address bar');
    const cookie = await sessionCookie(context);
    assert.ok(cookie, 'the session is in a cookie');
    assert.equal(cookie.httpOnly, true, 'page scripts cannot read it');
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(cookie.expires, -1, 'without "keep me signed in" it ends with the browser');
    assert.equal(await page.evaluate(() => document.cookie.includes('reasonable_session')), false);
    assert.equal(await page.evaluate(() => Object.values(sessionStorage).some((value) => value.startsWith('eyJ'))), false, 'no token in sessionStorage');
  });

  test('the recovery code is shown once, and moving on needs the "I saved it" confirmation', async () => {
    await page.getByRole('button', { name: 'Make my recovery code' }).click();
    const code = (await page.getByTestId('recovery-code').innerText()).trim();
    recoveryCode = code;
    assert.ok(code.length >= 16, `a recovery code was shown (${code.length} characters)`);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download as a file' }).click();
    const file = await (await download).path();
    assert.ok(fs.readFileSync(file, 'utf8').includes(code), 'the downloaded file holds the code');
    const proceed = page.getByRole('button', { name: 'Continue' });
    assert.equal(await proceed.isDisabled(), true, 'Continue waits for the confirmation');
    await page.getByLabel('I saved my recovery code somewhere safe').check();
    await proceed.click();
    await page.waitForURL(`${e2e.url}/accounts`);
    const me = await api('/api/me');
    assert.equal(me.body.recoveryConfigured, true);
  });

  test('the first sign-in started the first sync by itself', async () => {
    await page.getByRole('heading', { name: 'Sync from X' }).waitFor();
    await page.getByText('Sync complete.').waitFor({ timeout: 90_000 });
    const sync = await api('/api/sync');
    assert.equal(sync.body.latestRun.status, 'completed');
  });

  test('sync shows a progress bar per relation and a countdown while X rate-limits, then fills the list', async () => {
    await page.getByRole('heading', { name: 'Sync from X' }).waitFor();
    await sandbox(e2e, 'POST', '/_sandbox/faults', { path_prefix: '/2/users/1000000001/blocking', kind: 'rate_limit', count: 1, reset_seconds: 6 });
    await page.getByRole('button', { name: 'Sync again' }).click(); // the first sign-in ran the first sync
    await page.getByRole('timer').first().waitFor({ timeout: 20_000 });
    assert.match(await page.getByRole('timer').first().innerText(), /\d+ s/);
    assert.ok((await page.locator('.sync-relations progress').count()) >= 3, 'one bar per relation');
    await screenshot(page, 'sync-progress');
    await page.getByText('Sync complete.').waitFor({ timeout: 90_000 });
    const bars = await page.locator('.sync-relations progress').evaluateAll((nodes) => nodes.map((node) => [node.value, node.max]));
    assert.deepEqual(bars, bars.map(() => [1, 1]), 'every relation ends full');
    await page.getByText(/Showing 50 accounts \(more below\)/).waitFor({ timeout: 20_000 });
    await screenshot(page, 'accounts', { fullPage: false });
  });

  test('search, filters and "Load more" narrow and page the list, and the filters live in the address', async () => {
    assert.equal(await page.getByRole('form', { name: 'Block or mute someone by handle' }).count(), 0, 'X has no actions: no form to act by handle');
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByText(/Showing 100 accounts/).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.closest('.account-row') !== null), true, 'focus moves to the first account "Load more" brought');
    await page.getByLabel('Relation').selectOption('muted');
    await page.waitForURL(/relation=muted/);
    await page.getByText(/Showing 31 accounts\./).waitFor();
    assert.equal(await page.locator('.account-row .badge-muted').count(), 31);
    await page.getByLabel('Relation').selectOption('');
    await page.getByLabel('Search handles, names, reasons and tags').fill('bob');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=bob/);
    const first = page.locator('.account-row a').first();
    await first.waitFor();
    assert.match(await first.innerText(), /bob/i);
    bobPath = new URL(await first.evaluate((link) => link.href)).pathname;
  });

  test('a reason is added, edited and deleted with the keyboard alone, and shown as text', async () => {
    await page.goto(`${e2e.url}${bobPath}`);
    const editor = page.getByRole('form', { name: 'Save reason' });
    await editor.getByLabel('Reason').focus();
    await page.keyboard.type('Replied to every post with <b>spam</b>');
    await page.keyboard.press('Tab');
    await page.keyboard.type('spam, scam');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Control+Enter');
    const item = page.locator('.timeline .reason').first();
    await item.locator('.reason-text').getByText('Replied to every post with <b>spam</b>', { exact: true }).waitFor();
    assert.equal(await item.locator('b').count(), 0, 'the text is rendered as text, never HTML');
    assert.equal(await item.getByRole('img', { name: 'Stored encrypted' }).count(), 1);

    await item.getByRole('button', { name: 'Edit' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' for a week');
    await page.keyboard.press('Control+Enter');
    await item.locator('textarea').waitFor({ state: 'detached' });
    assert.equal(await item.locator('.reason-text').innerText(), 'Replied to every post with <b>spam</b> for a week');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Edit', 'focus returns to the Edit button');
    await screenshot(page, 'account');

    await item.getByRole('button', { name: 'Delete' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter'); // "Yes, delete it" takes the focus
    await page.getByText('No reasons yet.').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'timeline', 'after a delete, focus is on the timeline, not lost');
    await page.waitForFunction(() => document.querySelector('[data-testid="announcer"]')?.textContent === 'Reason deleted.'); // said aloud
    const detail = await api(`/api/accounts/${bobPath.split('/').pop()}`);
    assert.equal(detail.body.reasons.length, 0);
  });

  test('unsaved text holds navigation until the person chooses to leave', async () => {
    await page.getByRole('form', { name: 'Save reason' }).getByLabel('Reason').fill('half a thought');
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await page.getByRole('link', { name: '← Your accounts' }).click();
    assert.match(asked, /unsaved reason/);
    assert.equal(new URL(page.url()).pathname, bobPath, 'dismissing keeps the page');
    await page.getByRole('form', { name: 'Save reason' }).getByLabel('Reason').fill('');
  });

  test('an edit conflict between two pages shows the other text and lets the person reapply theirs', async () => {
    const created = await api('/api/reasons', {
      method: 'POST',
      body: JSON.stringify({ accountId: bobPath.split('/').pop(), action: 'mute', text: 'First version', tags: ['rude'] }),
    });
    assert.equal(created.status, 201);
    await page.reload();
    // A second tab of the same browser: the session cookie signs it in too.
    const other = await context.newPage();
    await other.goto(`${e2e.url}${bobPath}`);
    await page.locator('.timeline .reason').first().getByRole('button', { name: 'Edit' }).click();
    await other.locator('.timeline .reason').first().getByRole('button', { name: 'Edit' }).click();
    await other.locator('.timeline textarea').fill('Their version from the other tab');
    await other.getByRole('button', { name: 'Save changes' }).click();
    await other.locator('.timeline').getByText('Their version from the other tab').waitFor();
    await other.close();

    await page.locator('.timeline textarea').fill('My version');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByTestId('conflict-current').waitFor();
    assert.equal(await page.getByTestId('conflict-current').innerText(), 'Their version from the other tab');
    assert.equal(await page.locator('.timeline textarea').inputValue(), 'My version', 'my text is kept');
    await page.getByRole('button', { name: 'Save mine over theirs' }).click();
    await page.locator('.timeline .reason-text').getByText('My version').waitFor();
    const detail = await api(`/api/accounts/${bobPath.split('/').pop()}`);
    assert.equal(detail.body.reasons[0].text, 'My version');
    assert.equal(detail.body.reasons[0].version, 3);
  });

  test('the reasons and tag filters find the one account with a reason, by its tag', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click();
    await page.getByLabel('Reasons', { exact: true }).selectOption('with');
    await page.waitForURL(/reasons=with/);
    await page.getByText('Showing 1 account.').waitFor();
    assert.match(await page.locator('.account-row').innerText(), /@bob[\s\S]*My version/);
    await page.getByLabel('Tag', { exact: true }).fill('rude');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/tag=rude/);
    await page.getByText('Showing 1 account.').waitFor();
    await page.getByLabel('Tag', { exact: true }).fill('kind');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No account matches these filters.').waitFor();
    await page.getByLabel('Tag', { exact: true }).fill('');
    await page.getByLabel('Reasons', { exact: true }).selectOption('without');
    await page.getByText(/Showing 50 accounts \(more below\)/).waitFor();
    assert.equal(await page.locator('.account-row', { hasText: '@bob' }).count(), 0, 'bob has a reason');
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.waitForURL(`${e2e.url}/accounts`);
  });

  // ── Habits of a web app: deep links, reloads, history, titles, not-found, and axe on every screen. Each test opens
  // its own tab or browser and leaves the journey's page as it was. ──

  test('a deep link opens signed in in a new tab, with its own title, and a reload keeps the page', async () => {
    const tab = await context.newPage();
    try {
      await tab.goto(`${e2e.url}${bobPath}`);
      await tab.getByRole('heading', { name: '@bob' }).waitFor();
      assert.equal(await tab.title(), '@bob — Reasonable');
      await tab.reload();
      await tab.getByRole('heading', { name: '@bob' }).waitFor();
      assert.equal(new URL(tab.url()).pathname, bobPath, 'the reload stayed on the account');
      await tab.goto(`${e2e.url}/settings`);
      await tab.getByRole('heading', { name: 'Settings' }).waitFor();
      assert.equal(await tab.title(), 'Settings — Reasonable');
    } finally {
      await tab.close();
    }
  });

  test('Back and Forward move through the filters and the screens', async () => {
    const tab = await context.newPage();
    try {
      await tab.goto(`${e2e.url}/accounts`);
      await tab.getByText(/Showing 50 accounts/).waitFor();
      await tab.getByLabel('Relation').selectOption('muted');
      await tab.getByText(/Showing 31 accounts\./).waitFor();
      await tab.getByLabel('Relation').selectOption('blocked');
      await tab.waitForURL(/relation=blocked/);
      await tab.goBack();
      await tab.waitForURL(/relation=muted/);
      await tab.getByText(/Showing 31 accounts\./).waitFor();
      assert.equal(await tab.getByLabel('Relation').inputValue(), 'muted', 'the filter follows the address back');
      await tab.goBack();
      await tab.waitForURL(`${e2e.url}/accounts`);
      await tab.getByText(/Showing 50 accounts/).waitFor();
      assert.equal(await tab.getByLabel('Relation').inputValue(), '');
      await tab.goForward();
      await tab.waitForURL(/relation=muted/);
      await tab.locator('.account-row a').first().click();
      await tab.getByRole('form', { name: 'Save reason' }).waitFor();
      assert.equal(await tab.getByLabel('What you did').inputValue(), 'mute', 'a muted account\'s new reason defaults to "mute"');
      await tab.goBack();
      await tab.waitForURL(/relation=muted/);
      await tab.getByText(/Showing 31 accounts\./).waitFor();
    } finally {
      await tab.close();
    }
  });

  test('an unknown address shows the app\'s not-found page, as a 404', async () => {
    const tab = await context.newPage();
    try {
      const response = await tab.goto(`${e2e.url}/no-such-page`);
      assert.equal(response.status(), 404);
      await tab.getByRole('heading', { name: 'Page not found' }).waitFor();
      assert.equal(await tab.title(), 'Page not found — Reasonable');
      await screenshot(tab, 'not-found', { fullPage: false });
      await tab.getByRole('link', { name: 'Go to your accounts' }).click();
      await tab.getByRole('heading', { name: 'Your accounts' }).waitFor();
    } finally {
      await tab.close();
    }
  });

  test('signing in from a deep link returns to it, and "keep me signed in" is a choice', async () => {
    const other = await e2e.browser.newContext();
    try {
      const p = await other.newPage();
      await p.goto(`${e2e.url}/settings`);
      const keep = p.getByLabel('Keep me signed in on this device');
      assert.equal(await keep.isChecked(), false, 'off unless chosen');
      await keep.check();
      await p.getByRole('link', { name: 'Sign in with X' }).click();
      await p.waitForURL((url) => url.origin === e2e.sandboxUrl);
      await p.locator(`input[name="user_id"][value="${alice.id}"]`).check();
      await p.getByRole('button', { name: 'Authorize app' }).click();
      await p.waitForURL(`${e2e.url}/settings`, { timeout: 20_000 });
      await p.getByRole('heading', { name: 'Settings' }).waitFor();
      const cookie = await sessionCookie(other);
      assert.ok(cookie.expires * 1000 > Date.now() + 29 * 86_400_000, 'the chosen cookie lasts 30 days');
      await p.getByRole('button', { name: 'Sign out', exact: true }).click();
      await p.getByText('You are signed out.').waitFor();
      assert.equal(await sessionCookie(other), undefined, 'signing out clears the cookie');
    } finally {
      await other.close();
    }
  });

  test('someone without a recovery code is reminded, and whose key list is gone can start over', async () => {
    const other = await e2e.browser.newContext({ bypassCSP: true }); // axe is injected as a script
    other.on('page', (opened) => opened.on('pageerror', (error) => pageErrors.push(error.message)));
    try {
      const p = await other.newPage();
      await signIn(p, e2e, bob);
      await p.waitForURL(`${e2e.url}/welcome`);
      await assertAccessible(p, 'first run');
      await p.goto(`${e2e.url}/accounts`);
      const reminder = p.getByRole('complementary', { name: 'Recovery code reminder' });
      await reminder.waitFor();
      await p.getByText('Sync complete.').waitFor({ timeout: 90_000 });
      await reminder.getByRole('button', { name: 'Not now' }).click();
      await reminder.waitFor({ state: 'detached' });

      const lists = await (await sandbox(e2e, 'GET', `/_sandbox/users/${bob.id}/lists`)).json();
      await sandbox(e2e, 'DELETE', `/_sandbox/lists/${lists.data.find((list) => list.name === 'Reasonable key (pls keep)').id}`);
      await p.getByRole('button', { name: 'Sign out', exact: true }).click();
      await signIn(p, e2e, bob);
      await p.getByRole('heading', { name: 'Your key list is missing from X' }).waitFor();
      await p.getByRole('heading', { name: 'Start over' }).waitFor();
      await assertAccessible(p, 'key list missing, no recovery code');
      await screenshot(p, 'start-over');
      await p.getByLabel('Type delete my account to confirm').fill('delete my account');
      await p.getByRole('button', { name: 'Start over: delete my account' }).click();
      await p.getByText('Your account and every note in it are deleted.').waitFor({ timeout: 20_000 });
      await signIn(p, e2e, bob);
      await p.waitForURL(`${e2e.url}/welcome`);
      await p.getByRole('heading', { name: 'Welcome to Reasonable' }).waitFor();
    } finally {
      await other.close();
    }
  });

  test('axe finds no serious or critical problem on any screen, in both themes and at phone width', async () => {
    const other = await e2e.browser.newContext({ bypassCSP: true }); // axe is injected as a script
    try {
      const p = await other.newPage();
      await p.goto(`${e2e.url}/`);
      await p.getByRole('heading', { name: 'Who can read your notes' }).waitFor();
      await assertAccessible(p, 'landing');
      await signIn(p, e2e);
      await p.getByRole('heading', { name: 'Your accounts' }).waitFor();
      await p.locator('.account-row').first().waitFor();
      await assertAccessible(p, 'accounts');
      await p.goto(`${e2e.url}${bobPath}`);
      await p.locator('.timeline .reason').first().waitFor();
      await assertAccessible(p, 'account');
      await p.goto(`${e2e.url}/settings`);
      await p.getByRole('heading', { name: 'Sessions' }).waitFor();
      await p.locator('[aria-label="Your browser sessions"] li').first().waitFor();
      await assertAccessible(p, 'settings');
      await p.getByRole('button', { name: 'Rotate my key' }).click();
      await p.getByRole('dialog').waitFor();
      await assertAccessible(p, 'a confirmation dialog');
      await p.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      await p.goto(`${e2e.url}/no-such-page`);
      await p.getByRole('heading', { name: 'Page not found' }).waitFor();
      await assertAccessible(p, 'not found');
      await p.getByRole('button', { name: 'Sign out', exact: true }).click();
      await p.getByText('You are signed out.').waitFor();
    } finally {
      await other.close();
    }
  });

  test('settings: export downloads JSON and CSV with the notes in them', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await screenshot(page, 'settings');
    for (const [button, check] of [
      ['Download JSON', (text) => JSON.parse(text) && text.includes('My version')],
      ['Download CSV (spreadsheets)', (text) => text.split('\n')[0].includes(',') && text.includes('My version')],
    ]) {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: button }).click();
      const text = fs.readFileSync(await (await download).path(), 'utf8');
      assert.ok(check(text), `${button} saved a file with the notes`);
    }
  });

  test('settings: key rotation says so and the notes still open', async () => {
    await page.getByRole('button', { name: 'Rotate my key' }).click();
    const ask = page.getByRole('dialog', { name: 'Rotate your key?' });
    assert.equal(await ask.getByRole('button', { name: 'Cancel' }).evaluate((button) => button === document.activeElement), true, 'focus starts on the safe choice');
    await ask.getByRole('button', { name: 'Rotate my key' }).click();
    await page.getByText(/Key rotated to version 2/).waitFor({ timeout: 20_000 });
    const detail = await api(`/api/accounts/${bobPath.split('/').pop()}`);
    assert.equal(detail.body.reasons[0].text, 'My version');
  });

  test('settings: data-key rotation asks first, shows progress, and the notes still open', async () => {
    await page.getByRole('button', { name: 'Rotate my data key' }).click();
    const ask = page.getByRole('dialog', { name: 'Re-encrypt your notes?' });
    await ask.getByRole('button', { name: 'Rotate my data key' }).click();
    await page.getByTestId('data-key-progress').getByText(/every note is sealed under it/).waitFor({ timeout: 30_000 });
    const keys = await api('/api/keys');
    assert.equal(keys.body.dataKeyVersion, 2, JSON.stringify(keys.body));
    const detail = await api(`/api/accounts/${bobPath.split('/').pop()}`);
    assert.equal(detail.body.reasons[0].text, 'My version', 'the notes open under the new data key');
  });

  test('a deleted key list gets a clear screen, and the recovery code brings the notes back', async () => {
    const lists = await (await sandbox(e2e, 'GET', `/_sandbox/users/${alice.id}/lists`)).json();
    const keyList = lists.data.find((list) => list.name === 'Reasonable key (pls keep)');
    assert.ok(keyList, 'alice has a key list on the sandbox');
    await sandbox(e2e, 'DELETE', `/_sandbox/lists/${keyList.id}`);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByText('You are signed out.').waitFor();
    await signIn(page, e2e);
    await page.getByRole('heading', { name: 'Your key list is missing from X' }).waitFor();
    await screenshot(page, 'key-list-missing');
    await page.getByLabel('Your recovery code').fill(recoveryCode);
    await page.getByRole('button', { name: 'Restore my key list' }).click();
    await page.getByRole('heading', { name: 'Your accounts' }).waitFor({ timeout: 20_000 });
    const detail = await api(`/api/accounts/${bobPath.split('/').pop()}`);
    assert.equal(detail.status, 200, JSON.stringify(detail.body));
    assert.equal(detail.body.reasons[0].text, 'My version', 'the notes open again');
    await page.getByRole('link', { name: 'Settings' }).click();
  });

  test('the API serves the app on its client routes and keeps unknown API routes 404', async () => {
    for (const route of ['/accounts', '/settings', bobPath]) {
      const response = await fetch(`${e2e.url}${route}`);
      assert.equal(response.status, 200, route);
      assert.match(await response.text(), /<div id="root">/, route);
    }
    assert.equal((await fetch(`${e2e.url}/api/no-such-route`)).status, 404);
    const unknown = await fetch(`${e2e.url}/no-such-page`);
    assert.equal(unknown.status, 404, 'an unknown page is a 404…');
    assert.match(await unknown.text(), /<div id="root">/, '…that still serves the app, which says so');
  });

  test('at phone width, in the dark theme, the accounts list fits without sideways scrolling', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 360, height: 740 });
    await phone.emulateMedia({ colorScheme: 'dark' });
    await phone.goto(`${e2e.url}/accounts`);
    await phone.locator('.account-row').first().waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
    const background = await phone.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const [red, green, blue] = background.match(/\d+/g).map(Number);
    assert.ok(red + green + blue < 150, `the dark theme has a dark background (${background})`);
    await screenshot(phone, 'accounts-phone-dark', { fullPage: false });
    await phone.close();
  });

  test('settings: a personal token is shown once, works, and stops working when revoked', async () => {
    await page.getByLabel('Name').fill('e2e script');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.getByTestId('new-token').innerText()).trim();
    const me = await fetch(`${e2e.url}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(me.status, 200, 'the new token opens /api/me');
    await page.getByRole('button', { name: 'I copied it' }).click();
    await page.getByTestId('new-token').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Revoke e2e script' }).click();
    await page.getByRole('dialog', { name: 'Revoke “e2e script”?' }).getByRole('button', { name: 'Revoke the token' }).click();
    await page.getByText('No personal access tokens.').waitFor();
    const after = await fetch(`${e2e.url}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(after.status, 401, 'the revoked token is refused');
  });

  test('settings: ending another browser\'s session signs it out there, and "sign out everywhere" ends them all', async () => {
    const otherContext = await e2e.browser.newContext();
    try {
      const other = await otherContext.newPage();
      await signIn(other, e2e);
      await other.getByRole('heading', { name: 'Your accounts' }).waitFor();
      await page.reload();
      const end = page.getByRole('button', { name: /^End the session of .+ on .+ from / });
      await end.first().waitFor();
      assert.equal(await end.count(), 1, 'one other session, named by its browser and system');
      await end.click();
      await end.waitFor({ state: 'detached' });
      await other.getByRole('link', { name: 'Settings' }).click();
      await other.getByText('Your session ended. Sign in again to carry on.').waitFor();
      assert.equal(await sessionCookie(otherContext), undefined, 'the ended session\'s cookie is gone');
    } finally {
      await otherContext.close();
    }
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByText('You are signed out on every browser.').waitFor();
    await signIn(page, e2e);
    await page.getByRole('heading', { name: 'Your accounts' }).waitFor();
    await page.getByRole('link', { name: 'Settings' }).click();
  });

  test('settings: deleting the account needs the typed phrase, then signs out', async () => {
    const button = page.getByRole('button', { name: 'Delete my account and every note' });
    await page.getByLabel('Type delete my account to confirm').fill('delete');
    assert.equal(await button.isDisabled(), true);
    await page.getByLabel('Type delete my account to confirm').fill('delete my account');
    const cookie = await sessionCookie(context);
    await button.click();
    await page.getByText('Your account and every note in it are deleted.').waitFor({ timeout: 20_000 });
    const me = await fetch(`${e2e.url}/api/me`, { headers: { Cookie: `${cookie.name}=${cookie.value}` } });
    assert.equal(me.status, 401, 'the old session is gone');
  });

  // ── Mastodon: alice on fedi.example (the sandbox's seeded world), then carol on social.example, each in a browser
  // of their own. ──
  let mastodonContext;
  let mastodonPage;

  /** Today + `days`, as the app writes dates (the browser's locale and time zone). */
  function dateIn(p, days) {
    return p.evaluate((ms) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(Date.now() + ms)), days * 86_400_000);
  }

  /** Opens the account page of `handle` from the accounts list, by searching for `query`. */
  async function openAccount(p, query, handle) {
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click();
    await p.getByRole('heading', { name: 'Your accounts' }).waitFor();
    await p.getByLabel('Search handles, names, reasons and tags').fill(query);
    await p.getByRole('button', { name: 'Search' }).click();
    await p.waitForURL(new RegExp(`q=${encodeURIComponent(query)}`));
    await p.locator('.account-row a', { hasText: `@${handle}` }).click();
    await p.getByRole('heading', { name: `@${handle}` }).waitFor();
    await p.getByRole('form', { name: 'Save reason' }).waitFor();
  }

  test('signing in with Mastodon on fedi.example goes through its consent page and speaks of Mastodon, never X', async () => {
    mastodonContext = await e2e.browser.newContext({ viewport: { width: 1100, height: 800 } });
    mastodonContext.on('page', (opened) => opened.on('pageerror', (error) => pageErrors.push(error.message)));
    mastodonPage = await mastodonContext.newPage();
    await signInWithMastodon(mastodonPage, e2e, mastodonAlice);
    await mastodonPage.waitForURL(`${e2e.url}/welcome`);
    assert.equal(new URL(mastodonPage.url()).hash, '', 'the one-time code left the address bar');
    await mastodonPage.getByRole('heading', { name: 'Welcome to Reasonable' }).waitFor();
    const welcome = await mastodonPage.locator('main').innerText();
    assert.match(welcome, /on your Mastodon account/);
    assert.doesNotMatch(welcome, /\bX\b/, 'a Mastodon user reads nothing about X');
    const me = await apiOn(mastodonPage, '/api/me');
    assert.equal(me.body.provider, 'mastodon');
    assert.equal(me.body.handle, mastodonAlice.handle);
    const lists = await (await mastodonSandbox(e2e, 'fedi.example', 'GET', `/_sandbox/users/${mastodonAlice.id}/lists`)).json();
    const titles = (Array.isArray(lists) ? lists : (lists.lists ?? lists.data ?? [])).map((list) => list.title ?? list.name);
    assert.ok(titles.some((title) => /^Reasonable key/.test(title)), `alice has a key list on fedi.example (${titles.join(', ')})`);
    await mastodonPage.getByRole('button', { name: 'Not now' }).click();
    await mastodonPage.getByRole('heading', { name: 'Sync from Mastodon' }).waitFor();
  });

  test('sync from Mastodon brings in the seeded relations, and the three timed mutes say until when', async () => {
    const p = mastodonPage;
    await p.getByRole('button', { name: 'Sync now' }).click();
    await p.getByText('Sync complete.').waitFor({ timeout: 90_000 });
    await p.getByText(/Showing 50 accounts \(more below\)/).waitFor({ timeout: 20_000 });
    await p.getByLabel('Relation').selectOption('muted');
    await p.waitForURL(/relation=muted/);
    await p.getByText(/Showing 31 accounts\./).waitFor();
    assert.equal(await p.locator('.account-row .badge-muted').count(), 31);
    assert.equal(await p.locator('.account-row .badge-muted', { hasText: /until/ }).count(), 3, 'bob, rainbow and user001000 are muted for a while');
    const inAWeek = await dateIn(p, 7);
    const rainbow = p.locator('.account-row', { hasText: '@rainbow@social.example' });
    assert.equal(await rainbow.locator('.badge-muted').innerText(), `Muted until ${inAWeek}`);
    await rainbow.locator('a').first().click();
    await p.getByRole('heading', { name: '@rainbow@social.example' }).waitFor();
    assert.match(await p.locator('.relation-history').innerText(), new RegExp(`Muted: first seen by Reasonable on .+, until ${inAWeek.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await p.getByRole('link', { name: 'View on Mastodon' }).waitFor();
    await p.getByRole('link', { name: '← Your accounts' }).click();
    await p.getByLabel('Relation').selectOption('');
  });

  test('settings: importing the notes alice keeps on Mastodon makes them reasons, once', async () => {
    const p = mastodonPage;
    await p.goto(`${e2e.url}/settings`);
    await p.getByRole('heading', { name: 'Your notes on Mastodon' }).waitFor();
    await p.getByRole('button', { name: 'Import my notes from Mastodon' }).click();
    await p.getByText(/notes imported/).waitFor({ timeout: 20_000 });
    assert.match(await p.getByRole('status').filter({ hasText: 'notes imported' }).innerText(), /: 5 notes imported, 0 already here/);
    await p.getByRole('button', { name: 'Import my notes from Mastodon' }).click();
    await p.getByText(/0 notes imported, 5 already here/).waitFor({ timeout: 20_000 });
    await p.goto(`${e2e.url}/accounts?tag=imported-note`);
    await p.getByText(/Showing 5 accounts\./).waitFor();
    await p.goto(`${e2e.url}/accounts`);
  });

  test('acting from an account page: a block with a reason, and a 1-day mute of another; the timeline shows both', async () => {
    const p = mastodonPage;
    // newhandle: followed, not blocked.
    await openAccount(p, 'newhandle', 'newhandle@fedi.example');
    await p.getByRole('button', { name: 'Block', exact: true }).click();
    let dialog = p.getByRole('dialog', { name: 'Block newhandle@fedi.example?' });
    await dialog.getByLabel('Reason (optional)').fill('Spam replies, seen in the e2e run <b>twice</b>');
    await dialog.getByLabel('Tags, separated by commas').fill('e2e-spam');
    await dialog.getByRole('button', { name: 'Block newhandle@fedi.example' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 20_000 });
    await p.getByRole('status').getByText('Blocked newhandle@fedi.example on Mastodon.').waitFor();
    const blockReason = p.locator('.timeline .reason').first();
    await blockReason.locator('.reason-text').getByText('Spam replies, seen in the e2e run <b>twice</b>', { exact: true }).waitFor();
    assert.equal(await p.locator('.timeline b').count(), 0, 'the reason is text, never HTML');
    assert.equal(await blockReason.locator('.action').innerText(), 'block');
    assert.equal(await blockReason.locator('.tag').innerText(), 'e2e-spam');
    assert.equal(await p.evaluate(() => document.activeElement?.textContent), 'Unblock', 'focus is back on the (now Unblock) button');
    assert.match(await p.locator('.relation-history').innerText(), /Blocked: since /);
    const blocks = await (await mastodonSandbox(e2e, 'fedi.example', 'GET', `/_sandbox/users/${mastodonAlice.id}/blocks`)).json();
    assert.ok(blocks.some((row) => row.acct === 'newhandle'), 'the sandbox has the block');

    // user002000 (synthetic): followed, not muted.
    await openAccount(p, 'user002000', 'user002000@fedi.example');
    await p.getByRole('button', { name: 'Mute', exact: true }).click();
    dialog = p.getByRole('dialog', { name: 'Mute user002000@fedi.example?' });
    await dialog.getByLabel('How long').selectOption({ label: '1 day' });
    await dialog.getByLabel('Reason (optional)').fill('Spoilers all week, muted for a day');
    await dialog.getByRole('button', { name: 'Mute user002000@fedi.example' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 20_000 });
    await p.getByRole('status').getByText('Muted user002000@fedi.example on Mastodon.').waitFor();
    const tomorrow = await dateIn(p, 1);
    const muteReason = p.locator('.timeline .reason').first();
    await muteReason.locator('.reason-text').getByText('Spoilers all week, muted for a day', { exact: true }).waitFor();
    assert.equal(await muteReason.locator('.action').innerText(), 'mute');
    assert.equal(await p.locator('.timeline .reason').count(), 1);
    assert.ok((await p.locator('.relation-history').innerText()).includes(`until ${tomorrow}`), 'the history says until tomorrow');
    assert.equal(await p.locator('.account-header .badge-muted').innerText(), `Muted until ${tomorrow}`);
    const detail = await apiOn(p, `/api/accounts/${new URL(p.url()).pathname.split('/').pop()}`);
    const left = Date.parse(detail.body.account.relations.muted.expiresAt) - Date.now();
    assert.ok(left > 86_000_000 && left <= 86_400_000, `the mute ends in a day (${left} ms)`);
    const mutes = await (await mastodonSandbox(e2e, 'fedi.example', 'GET', `/_sandbox/users/${mastodonAlice.id}/mutes`)).json();
    const muted = mutes.find((row) => row.acct === 'user002000');
    assert.ok(muted?.expires_at, 'the sandbox mute has an end');
    await screenshot(p, 'account-mastodon');

    // Both reasons are found by search, each on its account.
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click();
    await p.getByLabel('Search handles, names, reasons and tags').fill('seen in the e2e run');
    await p.getByRole('button', { name: 'Search' }).click();
    await p.getByText('Showing 1 account.').waitFor();
    assert.match(await p.locator('.account-row').innerText(), /Blocked[\s\S]*Spam replies, seen in the e2e run/);
    await p.getByLabel('Search handles, names, reasons and tags').fill('Spoilers all week');
    await p.getByRole('button', { name: 'Search' }).click();
    await p.locator('.account-row', { hasText: '@user002000@fedi.example' }).waitFor();
    await p.getByText('Showing 1 account.').waitFor();
    await p.getByRole('button', { name: 'Clear' }).click();
  });

  test('someone not in Reasonable yet is blocked by handle from the accounts page, and their page opens', async () => {
    const p = mastodonPage;
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click();
    await p.waitForURL(`${e2e.url}/accounts`);
    const form = p.getByRole('form', { name: 'Block or mute someone by handle' });
    await form.waitFor();
    await screenshot(p, 'accounts-mastodon', { fullPage: false });
    await p.setViewportSize({ width: 360, height: 740 });
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `at phone width the page with the handle form is ${overflow}px wider than the screen`);
    await p.setViewportSize({ width: 1100, height: 800 });
    await form.getByLabel('Handle').fill('nobody-here@social.example');
    await form.getByRole('button', { name: 'Block on Mastodon' }).click();
    await p.getByRole('alert').getByText('Mastodon has no account nobody-here@social.example.', { exact: false }).waitFor({ timeout: 20_000 });
    assert.equal(new URL(p.url()).pathname, '/accounts', 'an unknown handle stays on the list');

    const before = await apiOn(p, '/api/accounts?q=longname');
    assert.equal(before.body.items.length, 0, 'longname is not in Reasonable yet');
    await form.getByLabel('Handle').fill('@longname@social.example');
    await form.getByLabel('Action').selectOption('block');
    await form.getByLabel('Reason (optional)').fill('Impersonates a friend, reported');
    await form.getByRole('button', { name: 'Block on Mastodon' }).click();
    await p.waitForURL(/\/accounts\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    await p.getByRole('heading', { name: '@longname@social.example' }).waitFor();
    await p.locator('.timeline .reason-text').getByText('Impersonates a friend, reported', { exact: true }).waitFor();
    assert.equal(await p.locator('.account-header .badge-blocked').innerText(), 'Blocked');
    await p.getByRole('button', { name: 'Unblock', exact: true }).waitFor();
    const blocks = await (await mastodonSandbox(e2e, 'fedi.example', 'GET', `/_sandbox/users/${mastodonAlice.id}/blocks`)).json();
    assert.ok(blocks.some((row) => row.acct === 'longname@social.example'), 'the sandbox has the block');
    await mastodonContext.close();
  });

  test('signing in with Mastodon on social.example as carol: her own key list, her own relations', async () => {
    const carolContext = await e2e.browser.newContext({ viewport: { width: 1100, height: 800 } });
    carolContext.on('page', (opened) => opened.on('pageerror', (error) => pageErrors.push(error.message)));
    try {
      const p = await carolContext.newPage();
      await signInWithMastodon(p, e2e, mastodonCarol);
      await p.waitForURL(`${e2e.url}/welcome`);
      const me = await apiOn(p, '/api/me');
      assert.equal(me.body.handle, mastodonCarol.handle);
      assert.equal(me.body.provider, 'mastodon');
      const lists = await (await mastodonSandbox(e2e, 'social.example', 'GET', `/_sandbox/users/${mastodonCarol.id}/lists`)).json();
      const titles = (Array.isArray(lists) ? lists : (lists.lists ?? lists.data ?? [])).map((list) => list.title ?? list.name);
      assert.ok(titles.some((title) => /^Reasonable key/.test(title)), `carol has a key list on social.example (${titles.join(', ')})`);
      await p.getByRole('button', { name: 'Not now' }).click();
      await p.getByRole('button', { name: 'Sync now' }).click();
      await p.getByText('Sync complete.').waitFor({ timeout: 90_000 });
      await p.locator('.account-row', { hasText: '@bob@fedi.example' }).locator('.badge-blocked').waitFor({ timeout: 20_000 });
      const list = await apiOn(p, '/api/accounts?limit=100');
      const counts = { blocked: 0, muted: 0, following: 0 };
      for (const item of list.body.items) for (const name of Object.keys(counts)) if (item.relations?.[name]?.active) counts[name]++;
      assert.deepEqual(counts, { blocked: 6, muted: 2, following: 2 }, 'carol sees her relations, not alice’s');
      assert.equal(await p.locator('.account-row', { hasText: 'Spam replies, seen in the e2e run' }).count(), 0, 'nothing of alice’s');
    } finally {
      await carolContext.close();
    }
  });
  // ── end Mastodon ──

  test('the app threw no uncaught error on any page of the run', () => {
    assert.deepEqual(pageErrors, []);
  });
});
