// npm start: the web app (built into the API's wwwroot, which the API serves), PostgreSQL (local cluster unless
// DATABASE_URL is set), migrations, the sandbox X server (unless X credentials are set), the API; prints the one URL
// to open.
// Ctrl-C stops everything it started.
import { loadEnvFile } from './lib/env-file.mjs';
import { restoreTools } from './lib/dotnet.mjs';
import { installNodePackages } from './lib/node-packages.mjs';
import { ensurePostgres } from './lib/postgres.mjs';
import { startStack } from './lib/stack.mjs';
import { buildWeb } from './lib/web-build.mjs';

const env = loadEnvFile();
const port = Number(env.PORT ?? 5180);
const stops = [];
let stopping = false;

function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const stop of stops.reverse()) {
    try {
      stop();
    } catch (error) {
      console.error(error.message);
    }
  }
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

try {
  installNodePackages();
  restoreTools(); // .config/dotnet-tools.json, for `dotnet swagger` and the client generators the README shows
  console.log(`Building the web app … ${buildWeb({ quiet: true }).text}`); // into the API's wwwroot, before the API builds
  if (!env.DATABASE_URL) {
    const postgres = await ensurePostgres();
    env.DATABASE_URL = postgres.url;
    stops.push(() => postgres.stop());
  }
  const { api, stop } = await startStack({ env, port });
  stops.unshift(stop);
  api.child.on('exit', (code) => {
    if (!stopping) {
      console.error(`The API stopped (exit code ${code}).`);
      stopAll(code || 1);
    }
  });
  console.log(`\nReasonable is running: open ${api.url}/\n  API docs: ${api.url}/swagger\n  Health:   ${api.url}/healthz\nPress Ctrl-C to stop.\n`);
} catch (error) {
  console.error(`npm start failed: ${error.message}`);
  stopAll(1);
}
