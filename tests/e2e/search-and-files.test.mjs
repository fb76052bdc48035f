// Finding accounts by what people remember, and files the import refuses or has seen before, in Chromium: each
// test signs in its own person in its own browser context, so one failing test leaves the others standing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { screenshot, signIn, startE2e } from './e2e-stack.mjs';

let e2e;
const pageErrors = [];

async function newPage(user) {
  const context = await e2e.browser.newContext({ viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await signIn(page, e2e, user);
  return { context, page };
}

/** A call in the page's own session (its cookie, and the header the API asks of cookie-borne writes). */
async function apiOn(page, route, body) {
  const response = await page.request.fetch(`${e2e.url}${route}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'X-Reasonable-Request': '1', 'Content-Type': 'application/json' },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(response.ok(), `${route} answered ${response.status()}`);
  return response.json();
}

/** Types the search as a person would and answers the handles the list then shows, with where each was found. */
async function searchFor(page, text) {
  const answered = page.waitForResponse((response) => response.url().includes('/api/accounts?') && response.url().includes('q='));
  const box = page.getByLabel('Search handles, names, reasons and tags');
  await box.fill(text);
  await box.press('Enter');
  await answered;
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  const rows = page.locator('.account-row');
  const found = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    found.push({ handle: (await row.locator('.account-title a').innerText()).trim(), where: (await row.locator('.matched-in').innerText().catch(() => '')).trim() });
  }
  return found;
}

function blocks(...ids) {
  const items = ids.map((id) => `{"blocking":{"accountId":"${id}","userLink":"https://twitter.com/intent/user?user_id=${id}"}}`);
  return `window.YTD.block.part0 = [ ${items.join(', ')} ]`;
}

async function choose(page, file) {
  await page.getByLabel('File to import').setInputFiles(file);
}

describe('search and refused files in Chromium', { timeout: 240_000 }, () => {
  before(async () => {
    e2e = await startE2e();
  });

  after(async () => {
    await e2e?.stop();
    assert.deepEqual(pageErrors, [], 'the app threw no uncaught exception');
  });

  test('search finds @handle, two words anywhere in an account, and a quoted phrase, and says where it matched', async () => {
    const { context, page } = await newPage({ id: '1000000004', handle: 'dave' });
    try {
      const people = [
        { providerAccountId: '3200000001', handle: 'dogpile_dan', text: 'Joined the election pile-on under my thread', tags: ['harassment'] },
        { providerAccountId: '3200000002', handle: 'carol_votes', text: 'Posted election results all night', tags: [] },
        { providerAccountId: '3200000003', handle: 'replyguy42', text: 'A reply guy, every single day', tags: [] },
      ];
      for (const person of people) {
        const account = await apiOn(page, '/api/accounts', { providerAccountId: person.providerAccountId, handle: person.handle });
        await apiOn(page, '/api/reasons', { accountId: account.id, action: 'block', text: person.text, tags: person.tags });
      }
      await page.goto(`${e2e.url}/accounts`);
      await page.locator('.account-row').first().waitFor();

      assert.deepEqual(await searchFor(page, '@carol'), [{ handle: '@carol_votes', where: 'Found in handle' }]);
      assert.deepEqual(await searchFor(page, 'election dogpile'), [{ handle: '@dogpile_dan', where: 'Found in handle and a reason' }]);
      await screenshot(page, 'search', { fullPage: false });
      assert.deepEqual(await searchFor(page, 'harass thread'), [{ handle: '@dogpile_dan', where: 'Found in a reason and a tag' }]);
      assert.deepEqual(await searchFor(page, '"reply guy"'), [{ handle: '@replyguy42', where: 'Found in a reason' }]);
      assert.deepEqual(await searchFor(page, '"guy reply"'), []);
      assert.deepEqual((await searchFor(page, 'ELECT')).map((row) => row.handle).sort(), ['@carol_votes', '@dogpile_dan']);
      assert.match(page.url(), /q=ELECT/, 'the search lives in the address');
    } finally {
      await context.close();
    }
  });

  test('a file imported twice adds nothing the second time, and says it matched what is already there', async () => {
    const { context, page } = await newPage({ id: '1000000004', handle: 'dave' });
    try {
      await page.goto(`${e2e.url}/settings`);
      const file = { name: 'block.js', mimeType: 'text/javascript', buffer: Buffer.from(blocks('3300000001', '3300000002')) };
      await choose(page, file);
      await page.getByRole('region', { name: 'Import preview' }).waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.getByText(/^Imported X's data archive/).waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Import another file' }).click();

      await choose(page, file);
      const preview = page.getByRole('region', { name: 'Import preview' });
      await preview.waitFor({ timeout: 20_000 });
      assert.match(await preview.innerText(), /0 new accounts to add/);
      assert.match(await preview.innerText(), /2 accounts you already have/);
    } finally {
      await context.close();
    }
  });

  for (const [what, file, sentence] of [
    ['a malformed block.js', { name: 'block.js', mimeType: 'text/javascript', buffer: Buffer.from('window.YTD.block.part0 = [ {"blocking": ') }, /line|JSON|not/i],
    ['a picture', { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) }, /not|kind|recogni/i],
    ['a file over 32 MiB', { name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(33 * 1024 * 1024, 0x20) }, /up to 32 MiB/],
  ]) {
    test(`${what} is refused with a sentence, and nothing is written`, async () => {
      const { context, page } = await newPage({ id: '1000000004', handle: 'dave' });
      try {
        const before = (await apiOn(page, '/api/accounts')).items.length;
        await page.goto(`${e2e.url}/settings`);
        await choose(page, file);
        const alert = page.locator('#file-import-heading ~ * [role="alert"], section[aria-labelledby="file-import-heading"] [role="alert"]').first();
        await alert.waitFor({ timeout: 20_000 });
        assert.match(await alert.innerText(), sentence);
        assert.equal(await page.getByRole('region', { name: 'Import preview' }).count(), 0, 'no preview to confirm');
        assert.equal((await apiOn(page, '/api/accounts')).items.length, before, 'nothing was written');
      } finally {
        await context.close();
      }
    });
  }
});
