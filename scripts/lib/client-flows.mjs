// npm test's generated clients: builds tests/clients (one restore and build for all three), which generates C# clients
// from the committed web/openapi.json (NSwag with System.Text.Json, NSwag with its default Newtonsoft.Json, Kiota),
// then runs the README's notes flow with each against the real API and the sandbox X server, one step per client.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { restoreTools } from './dotnet.mjs';
import { root } from './paths.mjs';
import { freePortRun } from './ports.mjs';
import { createDatabase } from './postgres.mjs';
import { readmeSignInScript } from './readme-sign-in.mjs';
import { capture, run } from './run.mjs';
import { startStack } from './stack.mjs';

const clientsDir = path.join(root, 'tests', 'clients');
export const clients = [
  { name: 'NSwag (System.Text.Json)', project: 'nswag-stj', assembly: 'NSwagStj' },
  { name: 'NSwag (Newtonsoft.Json, its default)', project: 'nswag-newtonsoft', assembly: 'NSwagNewtonsoft' },
  { name: 'Kiota', project: 'kiota', assembly: 'Kiota' },
];

/** Generates and compiles the three clients (Release); throws with the compiler's errors. */
export function buildClients(env = process.env) {
  restoreTools(env);
  run('dotnet', ['build', path.join(clientsDir, 'ReasonableClients.slnx'), '-c', 'Release', '-nologo', '-v', 'q', '-clp:ErrorsOnly'], {
    env: { ...env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' },
    stdio: 'pipe',
    encoding: 'utf8',
  });
}

/**
 * Runs `step(name, action)` once per client: each signs in from the shell as the README does (the sandbox's consent
 * form), then its program makes a personal token and runs the notes flow. A build failure fails every client's step.
 */
export async function runClientFlows(serverUrl, step) {
  let built;
  try {
    buildClients();
    built = true;
  } catch (error) {
    built = error;
  }
  const database = createDatabase(serverUrl, 'reasonable_clients');
  const port = await freePortRun();
  const env = { ...process.env, DATABASE_URL: database.url, SIGN_IN_RATE_LIMIT: '1000' };
  for (const name of ['X_CONSUMER_KEY', 'X_CONSUMER_SECRET', 'X_BASE_URL', 'MASTODON_INSTANCES', 'PUBLIC_URL', 'WEB_APP_URL', 'ASPNETCORE_URLS']) delete env[name];
  let stack;
  try {
    if (built === true) stack = await startStack({ env, port, log: () => {} });
    const api = `http://localhost:${port}`;
    const signIn = readmeSignInScript().replaceAll('localhost:5180', `localhost:${port}`).replaceAll('127.0.0.1:5181', `127.0.0.1:${port + 1}`);
    for (const client of clients) {
      await step(`generated client ${client.name}: personal token, accounts, reasons, paging, If-Match edit, typed 412, delete, CSV and JSON export`, () => {
        if (built !== true) throw new Error(`tests/clients did not build: ${built.message}`);
        const token = capture('bash', ['-euo', 'pipefail', '-c', `${signIn}\necho\necho "$TOKEN"`]).split('\n').pop();
        const dll = path.join(clientsDir, client.project, 'bin', 'Release', 'net10.0', `${client.assembly}.dll`);
        // The token goes in the environment, never on a command line that an error message would repeat.
        const result = spawnSync('timeout', ['120', 'dotnet', dll, api], { env: { ...process.env, REASONABLE_TOKEN: token }, encoding: 'utf8' });
        if (result.status !== 0) throw new Error(`the ${client.project} flow failed: ${(result.stdout + result.stderr).split('\n').slice(0, 12).join('\n')}`);
        return result.stdout.trim().split('\n').join('; ');
      });
    }
  } finally {
    await stack?.stop();
    database.drop();
  }
}
