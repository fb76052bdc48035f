// Importing files in Chromium: each test signs in on its own browser context, so they run alone or together.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { alice, screenshot, signIn, signInWithMastodon, startE2e } from './e2e-stack.mjs';

let e2e;

/** A fresh browser context signed in as `user` (X) or, with `mastodon`, as the Mastodon sandbox's alice. */
async function signedInPage({ user = alice, mastodon = false } = {}) {
  const context = await e2e.browser.newContext({ viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  if (mastodon) await signInWithMastodon(page, e2e);
  else await signIn(page, e2e, user);
  return { context, page, session: context.request }; // the page's own session: its cookie, never a session it can read
}

function blocks(...ids) {
  const items = ids.map((id) => `{"blocking":{"accountId":"${id}","userLink":"https://twitter.com/intent/user?user_id=${id}"}}`);
  return `window.YTD.block.part0 = [ ${items.join(', ')} ]`;
}

/** A call in a signed-in context's session (its cookie and the header the API asks of cookie-borne writes). */
async function call(session, route, init = {}) {
  const { body, ...rest } = init;
  const response = await session.fetch(`${e2e.url}${route}`, {
    ...rest,
    headers: { 'X-Reasonable-Request': '1', ...init.headers },
    ...(body instanceof FormData ? { multipart: body } : body === undefined ? {} : { data: body }),
  });
  return { status: response.status(), body: response.status() === 204 ? null : await response.json().catch(() => null) };
}

function upload(session, text, preview = false) {
  const form = new FormData();
  form.append('file', new Blob([text]), 'export.json');
  return call(session, `/api/imports${preview ? '?preview=true' : ''}`, { method: 'POST', body: form });
}

describe('importing files in Chromium', { timeout: 240_000 }, () => {
  before(async () => {
    e2e = await startE2e();
  });

  after(async () => {
    await e2e?.stop();
  });

  test("settings: X's block.js is previewed with counts and why entries are skipped, then imported once", async () => {
    const { context, page, session } = await signedInPage();
    try {
      await page.goto(`${e2e.url}/settings`);
      await page.getByRole('heading', { name: 'Import a file' }).waitFor();
      await page.getByLabel('File to import').setInputFiles({
        name: 'block.js',
        mimeType: 'text/javascript',
        buffer: Buffer.from(blocks('3100000001', '3100000002', '3100000001')),
      });
      const preview = page.getByRole('region', { name: 'Import preview' });
      await preview.waitFor({ timeout: 20_000 });
      const previewText = await preview.innerText();
      assert.match(previewText, /X's data archive/);
      assert.match(previewText, /2 new accounts to add/);
      assert.match(previewText, /1 entry skipped/);
      assert.match(previewText, /more than once; it is imported once/);
      await screenshot(page, 'import-preview');
      assert.equal((await call(session, '/api/accounts')).body.items.length, 0, 'the preview wrote nothing');

      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.getByText(/^Imported X's data archive/).waitFor({ timeout: 20_000 });
      assert.match(await page.getByRole('status').filter({ hasText: 'Imported' }).innerText(), /2 new accounts added/);
      const accounts = (await call(session, '/api/accounts?relation=blocked')).body.items;
      assert.deepEqual(accounts.map((account) => account.providerAccountId).sort(), ['3100000001', '3100000002']);
      assert.ok(accounts.every((account) => account.relations.blocked.unconfirmed), 'unconfirmed until a sync sees them');

      await page.goto(`${e2e.url}/accounts`);
      await page.getByText('Blocked (unconfirmed)').first().waitFor();
    } finally {
      await context.close();
    }
  });

  test("settings: a Mastodon user's X archive is refused with a sentence, and nothing is imported", async () => {
    const { context, page, session } = await signedInPage({ mastodon: true });
    try {
      await page.goto(`${e2e.url}/settings`);
      await page.getByLabel('File to import').setInputFiles({ name: 'block.js', mimeType: 'text/javascript', buffer: Buffer.from(blocks('3100000009')) });
      const alert = page.getByRole('alert');
      await alert.waitFor({ timeout: 20_000 });
      assert.match(await alert.innerText(), /This is X's data archive.*but you signed in with Mastodon/s);
      await page.getByLabel('File to import').waitFor();
      assert.equal((await call(session, '/api/accounts?providerAccountId=3100000009')).body.items.length, 0);
    } finally {
      await context.close();
    }
  });

  test('API: export, delete the account, sign in afresh, import: the same accounts, relations, reasons, tags and dates', async () => {
    const bob = { id: '1000000002', handle: 'bob' };
    const first = await signedInPage({ user: bob });
    const json = { 'Content-Type': 'application/json' };
    const account = await call(first.session, '/api/accounts', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ providerAccountId: '3100000005', handle: 'pest', displayName: 'A Pest' }),
    });
    await call(first.session, '/api/reasons', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ accountId: account.body.id, action: 'block', text: 'Spam, spam, 🥫 spam', tags: ['spam', 'Bots'] }),
    });
    const exported = (await call(first.session, '/api/export')).body;
    assert.equal((await call(first.session, '/api/me', { method: 'DELETE', headers: json, body: JSON.stringify({ confirm: 'delete my account' }) })).status, 200);
    await first.context.close();

    const again = await signedInPage({ user: bob });
    try {
      assert.equal((await call(again.session, '/api/export')).body.accounts.length, 0, 'a fresh account');
      const result = await upload(again.session, JSON.stringify(exported));
      assert.equal(result.status, 200, JSON.stringify(result.body));
      assert.equal(result.body.added, 1);
      const back = (await call(again.session, '/api/export')).body;
      const strip = ({ id, accountId, latestReason, ...rest }) => rest;
      const [before] = exported.accounts;
      const [after] = back.accounts;
      assert.deepEqual(strip(after.account), strip(before.account));
      assert.deepEqual(after.reasons.map(strip), before.reasons.map(strip));
      assert.equal((await upload(again.session, JSON.stringify(exported))).body.added, 0, 'the same file again adds nothing');
    } finally {
      await again.context.close();
    }
  });
});
