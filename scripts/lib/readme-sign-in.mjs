// Runs the README's shell blocks word for word against a stack started as `npm start` starts it, on free ports: the
// sign-in ("Call the API from a script"), which must end with the signed-in user's /api/me, then the notes example
// ("Accounts and reasons"), whose search must find the reason it wrote and whose CSV export must hold it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from './paths.mjs';
import { freePortRun } from './ports.mjs';
import { createDatabase } from './postgres.mjs';
import { capture } from './run.mjs';
import { startStack } from './stack.mjs';

export function readmeSignInScript() {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const match = readme.match(/```sh\n(api=http:\/\/localhost:5180;[\s\S]*?)```/);
  if (!match) throw new Error('README.md has no shell sign-in block starting with api=http://localhost:5180');
  return match[1];
}

function readmeNotesScript() {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const match = readme.match(/```sh\n(acct=\$\(curl[\s\S]*?)```/);
  if (!match) throw new Error('README.md has no shell notes block starting with acct=$(curl');
  return match[1];
}

function readmeMastodonScript() {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const match = readme.match(/```sh\n(api=http:\/\/localhost:5180; jar=[\s\S]*?)```/);
  if (!match) throw new Error('README.md has no Mastodon shell block starting with api=http://localhost:5180; jar=');
  return match[1];
}

/**
 * The README's Mastodon block, word for word, on npm start's stack: sign in at fedi.example, sync, block with a
 * reason in one request, and find that reason by search.
 */
export async function checkReadmeMastodon(serverUrl) {
  const database = createDatabase(serverUrl, 'reasonable_readme_mastodon');
  const port = await freePortRun();
  const env = { ...process.env, DATABASE_URL: database.url, SIGN_IN_RATE_LIMIT: '1000', SYNC_SCHEDULE_POLL_SECONDS: '1' };
  for (const name of ['X_CONSUMER_KEY', 'X_CONSUMER_SECRET', 'X_BASE_URL', 'MASTODON_INSTANCES', 'PUBLIC_URL', 'WEB_APP_URL', 'ASPNETCORE_URLS']) delete env[name];
  const { stop } = await startStack({ env, port, log: () => {} });
  try {
    const script = readmeMastodonScript().replaceAll('localhost:5180', `localhost:${port}`);
    const output = capture('timeout', ['120', 'bash', '-euo', 'pipefail', '-c', script]);
    const found = JSON.parse(output.slice(output.lastIndexOf('{"items"')));
    const account = found.items?.[0];
    if (found.items?.length !== 1 || account.handle !== 'longname@social.example' || account.latestReason?.text !== 'Reply-guy on every post about the election') {
      throw new Error(`the README's Mastodon search answered ${output.slice(output.lastIndexOf('{"items"'), 400)}`);
    }
    return 'signed in at fedi.example, synced, blocked with a reason, found it';
  } finally {
    await stop();
    database.drop();
  }
}

export async function checkReadmeSignIn(serverUrl) {
  const database = createDatabase(serverUrl, 'reasonable_readme'); // a fresh user for the script each run
  try {
    await runScript(database.url);
  } finally {
    database.drop();
  }
}

async function runScript(databaseUrl) {
  const port = await freePortRun();
  const script = readmeSignInScript().replaceAll('localhost:5180', `localhost:${port}`).replaceAll('127.0.0.1:5181', `127.0.0.1:${port + 1}`);
  const env = { ...process.env, DATABASE_URL: databaseUrl, SIGN_IN_RATE_LIMIT: '1000' };
  for (const name of ['X_CONSUMER_KEY', 'X_CONSUMER_SECRET', 'X_BASE_URL', 'MASTODON_INSTANCES', 'PUBLIC_URL', 'WEB_APP_URL', 'ASPNETCORE_URLS']) delete env[name];
  const { stop } = await startStack({ env, port, log: () => {} });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reasonable-readme-'));
  try {
    const output = capture('bash', ['-euo', 'pipefail', '-c', script]);
    const me = JSON.parse(output.split('\n').pop());
    if (me.handle !== 'alice' || me.keyStatus !== 'active') throw new Error(`the script's /api/me was ${output.split('\n').pop()}`);

    const notes = capture('bash', ['-euo', 'pipefail', '-c', `${script}\n${readmeNotesScript()}`], { cwd: workDir });
    // curl prints no newline after a body: the search's page is the last thing on stdout (the export goes to a file).
    const found = JSON.parse(notes.includes('{"items"') ? notes.slice(notes.lastIndexOf('{"items"')) : '{}');
    if (found.items?.length !== 1 || found.items[0].latestReason?.text !== 'Replied to every post with spam') {
      throw new Error(`the README's search found ${JSON.stringify(found.items?.length)} accounts, expected the one it noted`);
    }
    const exported = fs.readdirSync(workDir).filter((name) => name.endsWith('.csv'));
    if (exported.length !== 1 || !fs.readFileSync(path.join(workDir, exported[0]), 'utf8').includes('Replied to every post with spam')) {
      throw new Error('the README\'s CSV export did not save a file holding the reason');
    }
  } finally {
    stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
