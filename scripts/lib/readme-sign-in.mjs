// Runs the README's shell sign-in ("Call the API from a script") word for word against a stack started as
// `npm start` starts it, on free ports, and checks it ends with the signed-in user's /api/me.
import fs from 'node:fs';
import path from 'node:path';
import { root } from './paths.mjs';
import { freePortPair } from './ports.mjs';
import { createDatabase } from './postgres.mjs';
import { capture } from './run.mjs';
import { startStack } from './stack.mjs';

export function readmeSignInScript() {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const match = readme.match(/```sh\n(api=http:\/\/localhost:5180;[\s\S]*?)```/);
  if (!match) throw new Error('README.md has no shell sign-in block starting with api=http://localhost:5180');
  return match[1];
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
  const port = await freePortPair();
  const script = readmeSignInScript().replaceAll('localhost:5180', `localhost:${port}`).replaceAll('127.0.0.1:5181', `127.0.0.1:${port + 1}`);
  const env = { ...process.env, DATABASE_URL: databaseUrl, SIGN_IN_RATE_LIMIT: '1000' };
  for (const name of ['X_CONSUMER_KEY', 'X_CONSUMER_SECRET', 'X_BASE_URL', 'PUBLIC_URL', 'WEB_APP_URL', 'ASPNETCORE_URLS']) delete env[name];
  const { stop } = await startStack({ env, port, log: () => {} });
  try {
    const output = capture('bash', ['-euo', 'pipefail', '-c', script]);
    const me = JSON.parse(output.split('\n').pop());
    if (me.handle !== 'alice' || me.keyStatus !== 'active') throw new Error(`the script's /api/me was ${output.split('\n').pop()}`);
  } finally {
    stop();
  }
}
