// Working through many accounts, in Chromium against the real stack: each test signs in its own person in its own
// browser context and makes what it needs through the API, so one failing test leaves the others standing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mastodonCarol, screenshot, signIn, signInWithMastodon, startE2e } from './e2e-stack.mjs';

let e2e;
const pageErrors = [];

async function apiOn(page, route, init = {}) {
  // The page's own session: its cookie (page.request shares the context's cookies), never a token it can read.
  const response = await page.request.fetch(`${e2e.url}${route}`, {
    method: init.method ?? 'GET',
    headers: { 'X-Reasonable-Request': '1', 'Content-Type': 'application/json', ...init.headers },
    data: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status(), body: response.status() === 204 ? null : await response.json().catch(() => null) };
}

async function newPage() {
  const context = await e2e.browser.newContext({ viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { context, page };
}

/** Today in the page's own calendar, as its date fields hold it, and a day as the page formats dates. */
const today = (page) => page.evaluate(() => new Date().toLocaleDateString('sv-SE'));
const shown = (page, day) => page.evaluate((value) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(`${value}T12:00:00`)), day);

/** Waits for the signed-in person's first sync, which their first sign-in started by itself. */
async function syncNow(page) {
  await page.goto(`${e2e.url}/accounts`);
  await page.getByText('Sync complete.').waitFor({ timeout: 120_000 });
}

describe('working through many accounts', { timeout: 300_000 }, () => {
  before(async () => {
    e2e = await startE2e();
  });

  after(async () => {
    await e2e?.stop();
    assert.deepEqual(pageErrors, [], 'the app threw no uncaught exception');
  });

  test('a backdated reason shows when it happened, beside when it was written', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, e2e, { id: '1000000002', handle: 'bob' });
      // Someone bob has no relation with on the sandbox: his first sync (started by signing in) would rename dave.
      const account = await apiOn(page, '/api/accounts', { method: 'POST', body: { providerAccountId: '1000000099', handle: 'backdated_dave' } });
      assert.equal(account.status, 201);
      await page.goto(`${e2e.url}/accounts/${account.body.id}`);
      await page.getByRole('heading', { name: '@backdated_dave' }).waitFor();
      const form = page.getByRole('form', { name: 'Save reason' });
      assert.equal(await form.getByLabel('When it happened').inputValue(), await today(page), 'a new reason happened today unless told otherwise');
      await form.getByLabel('Reason').fill('Blocked back in 2021 for a pile-on');
      await form.getByLabel('When it happened').fill('2021-06-01');
      await form.getByRole('button', { name: 'Save reason' }).click();
      const reason = page.getByRole('listitem', { name: `Reason from ${await shown(page, '2021-06-01')}` });
      await reason.waitFor();
      assert.match(await reason.locator('.reason-meta').innerText(), /written /);
      await page.goto(`${e2e.url}/accounts`);
      const row = page.locator('.account-row', { hasText: '@backdated_dave' });
      assert.match(await row.locator('.snippet').innerText(), new RegExp(`^${(await shown(page, '2021-06-01')).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · block`));
    } finally {
      await context.close();
    }
  });

  test('review: what is due shows in Review with a count, one is kept for later and one undone on the network', async () => {
    const { context, page } = await newPage();
    try {
      await signInWithMastodon(page, e2e, mastodonCarol);
      await syncNow(page);
      const blocked = (await apiOn(page, '/api/accounts?relation=blocked&limit=2')).body.items;
      assert.equal(blocked.length, 2, 'carol blocks at least two accounts');
      const [kept, undone] = blocked;

      // One review date set on the account page (on a date: today), one through the API.
      await page.goto(`${e2e.url}/accounts/${kept.id}`);
      const later = page.getByRole('form', { name: 'Review this account later' });
      await later.getByLabel('Look again', { exact: true }).selectOption('date');
      await later.getByLabel('Review date').fill(await today(page));
      await later.getByRole('button', { name: 'Set review date' }).click();
      await page.getByText('You will look at this account again on').waitFor();
      assert.equal((await apiOn(page, `/api/accounts/${undone.id}/review`, { method: 'PUT', body: { reviewOn: await today(page) } })).status, 200);

      await page.goto(`${e2e.url}/accounts`);
      const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Review/ });
      await nav.getByText('2').waitFor();
      await nav.click();
      await page.getByRole('heading', { name: 'Review' }).waitFor();
      await page.getByText('2 things due, oldest first.').waitFor();
      await screenshot(page, 'review');

      const keptItem = page.getByRole('listitem', { name: `@${kept.handle}` });
      await keptItem.getByLabel('Look again', { exact: true }).selectOption('1m');
      await keptItem.getByRole('button', { name: 'Keep' }).click();
      await keptItem.waitFor({ state: 'detached' });
      const review = (await apiOn(page, `/api/accounts/${kept.id}/review`)).body;
      assert.ok(review.reviewOn > (await today(page)), `kept until a later day (${review.reviewOn})`);

      const undoneItem = page.getByRole('listitem', { name: `@${undone.handle}` });
      await undoneItem.getByRole('button', { name: 'Unblock' }).click();
      await undoneItem.getByRole('button', { name: 'Yes, unblock' }).click();
      await undoneItem.waitFor({ state: 'detached', timeout: 20_000 });
      await page.getByText('Nothing is due.', { exact: false }).waitFor();
      const detail = (await apiOn(page, `/api/accounts/${undone.id}`)).body;
      assert.equal(detail.account.relations.blocked.active, false, 'the block ended on the network');
      assert.equal(await page.getByRole('navigation', { name: 'Main' }).locator('.nav-count').count(), 0, 'nothing due: no count');
    } finally {
      await context.close();
    }
  });

  test('bulk: one reason with a tag, and a review date, over 300 accounts selected at once', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, e2e, { id: '1000000003', handle: 'carol' });
      await syncNow(page); // her first sign-in synced her own few accounts; the 300 are found apart by their handles
      for (let start = 0; start < 300; start += 20) {
        const batch = Array.from({ length: 20 }, (_, i) => start + i);
        const made = await Promise.all(
          batch.map((i) => apiOn(page, '/api/accounts', { method: 'POST', body: { providerAccountId: String(3000000000 + i), handle: `bulk${String(i).padStart(3, '0')}` } })),
        );
        assert.ok(made.every((answer) => answer.status === 201), 'each account was added');
      }
      await page.goto(`${e2e.url}/accounts?q=bulk`);
      await page.getByText('300 accounts match.', { exact: false }).waitFor();
      // Tick the first, shift-tick the fifth: five selected; then all 300 that match.
      await page.getByRole('checkbox').nth(0).click();
      await page.getByRole('checkbox').nth(4).click({ modifiers: ['Shift'] });
      const bar = page.getByRole('region', { name: 'Selected accounts' });
      await bar.getByText('5 accounts selected.').waitFor();
      await bar.getByRole('button', { name: 'Select all 300 matching accounts' }).click();
      await bar.getByText('300 accounts selected.').waitFor({ timeout: 30_000 });
      await bar.getByLabel('Reason for all').fill('Part of the pile-on, noted in bulk');
      await bar.getByLabel('Tags').fill('bulk-e2e');
      await screenshot(page, 'bulk', { fullPage: false });
      await bar.getByRole('button', { name: 'Write to 300 accounts' }).click();
      await bar.waitFor({ state: 'detached', timeout: 30_000 });
      assert.equal((await apiOn(page, '/api/accounts/count?tag=bulk-e2e')).body.matching, 300, 'every account got the reason and its tag');
      assert.equal((await apiOn(page, '/api/accounts/count?q=bulk&hasReasons=false')).body.matching, 0);

      await page.getByRole('checkbox').nth(0).click();
      await bar.getByRole('button', { name: 'Select all 300 matching accounts' }).click();
      await bar.getByText('300 accounts selected.').waitFor({ timeout: 30_000 });
      const later = bar.getByRole('form', { name: 'Review all selected later' });
      await later.getByLabel('Look again', { exact: true }).selectOption('date');
      await later.getByLabel('Review date').fill(await today(page));
      await later.getByRole('button', { name: 'Set review date on 300 accounts' }).click();
      await bar.waitFor({ state: 'detached', timeout: 30_000 });
      const due = (await apiOn(page, `/api/reviews?until=${await today(page)}&limit=1`)).body;
      assert.equal(due.due, 300, 'all 300 are due for review');
    } finally {
      await context.close();
    }
  });

  test('keyboard only: move through 20 accounts, select them all, see the keys, open one and write a reason', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, e2e, { id: '1000000004', handle: 'dave' });
      await syncNow(page); // his first sign-in synced the one account he follows; the 20 are found by their handles
      const made = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          apiOn(page, '/api/accounts', { method: 'POST', body: { providerAccountId: String(4000000000 + i), handle: `keys${String(i).padStart(2, '0')}` } })),
      );
      assert.ok(made.every((answer) => answer.status === 201));
      await page.goto(`${e2e.url}/accounts?q=keys`);
      await page.getByText('20 accounts match.', { exact: false }).waitFor();
      const current = page.locator('.account-row.current .account-title a');

      for (let i = 0; i < 20; i++) {
        await page.keyboard.press(i % 2 === 0 ? 'j' : 'ArrowDown');
        await page.keyboard.press(i % 2 === 0 ? 'x' : ' ');
      }
      await page.getByRole('region', { name: 'Selected accounts' }).getByText('20 accounts selected.').waitFor();
      const last = await current.innerText();
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), last, 'focus follows the current account');

      await page.keyboard.press('?');
      const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await help.getByText('write a reason about it').waitFor();
      await page.keyboard.press('Escape');
      await help.waitFor({ state: 'detached' });

      // Keys typed into a field stay in the field.
      await page.getByLabel('Search handles, names, reasons and tags').focus();
      await page.keyboard.type('jkx r');
      assert.equal(await page.getByLabel('Search handles, names, reasons and tags').inputValue(), 'keysjkx r');
      assert.equal(await current.innerText(), last, 'typing in a field moved nothing');
      await page.getByLabel('Search handles, names, reasons and tags').fill('keys');

      await current.focus();
      await page.keyboard.press('k');
      const opened = await current.innerText();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: opened }).waitFor();
      await page.goBack();
      await page.getByText('20 accounts match.', { exact: false }).waitFor();
      await page.keyboard.press('j');
      const noted = await current.innerText();
      await page.keyboard.press('r');
      await page.getByRole('heading', { name: noted }).waitFor();
      await page.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA');
      await page.keyboard.type('Triaged with the keyboard only');
      await page.keyboard.press('Control+Enter');
      await page.locator('.timeline .reason-text').getByText('Triaged with the keyboard only').waitFor();
    } finally {
      await context.close();
    }
  });
});
