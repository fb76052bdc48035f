// npm test: installs what is missing, starts PostgreSQL (a local cluster unless DATABASE_URL is set), runs every
// suite (xunit, the README checks, and the web app's: type check, build size, OpenAPI drift, Vitest, Chromium
// end-to-end), and ends with one "N passed, N failed" line. Exits non-zero on any failure.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { runClientFlows } from './lib/client-flows.mjs';
import { checkKeygenFlow } from './lib/keygen-flow.mjs';
import { restoreTools } from './lib/dotnet.mjs';
import { installNodePackages } from './lib/node-packages.mjs';
import { checkOpenApiLint } from './lib/openapi-lint.mjs';
import { checkReadmeMastodon, checkReadmeSignIn } from './lib/readme-sign-in.mjs';
import { root } from './lib/paths.mjs';
import { ensurePostgres } from './lib/postgres.mjs';
import { run } from './lib/run.mjs';
import { buildWeb, checkInitialJavaScript } from './lib/web-build.mjs';
import { checkOpenApiDrift, runE2e, runVitest } from './lib/web-tests.mjs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = []; // repeated beside the last line, since a long log is often read from its end

/** Runs dotnet test, streaming its output, and adds its summary to the totals. */
function dotnetTest(env) {
  return new Promise((resolve) => {
    const child = spawn('dotnet', ['test', path.join(root, 'Reasonable.sln'), '-nologo'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('exit', (code) => {
      let found = false;
      for (const match of output.matchAll(/Failed:\s+(\d+), Passed:\s+(\d+), Skipped:\s+(\d+)/g)) {
        found = true;
        totals.failed += Number(match[1]);
        totals.passed += Number(match[2]);
        totals.skipped += Number(match[3]);
      }
      for (const match of output.matchAll(/^\s*Failed (\S+) \[/gm)) failures.push(match[1]);
      if (code !== 0 && (!found || totals.failed === 0)) totals.failed += 1; // a build error is a failure too
      resolve();
    });
  });
}

function add(counts) {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
}

async function step(name, action) {
  try {
    const note = await action();
    totals.passed += 1;
    console.log(`✔ ${name}${typeof note === 'string' ? `: ${note}` : ''}`);
  } catch (error) {
    totals.failed += 1;
    failures.push(name);
    console.error(`✘ ${name}: ${error.message}`);
  }
}

let postgres;
try {
  installNodePackages();
  const env = { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' };
  restoreTools(env); // .config/dotnet-tools.json: the OpenAPI document's CLI and the client generators
  delete env.ARCH_KEYS; // the test build embeds the published development key set the tests know
  if (!env.DATABASE_URL) {
    postgres = await ensurePostgres();
    env.DATABASE_URL = postgres.url;
  }
  // The web app first: the API's build copies its production build (wwwroot) beside the binary.
  await step('web app type check (tsc, strict)', () => run(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', path.join(root, 'web', 'tsconfig.json')]));
  await step('web app production build, initial JavaScript within 200 KB gzipped', () => checkInitialJavaScript(buildWeb({ quiet: true })));
  await dotnetTest(env);
  await step('README key flow: keygen arch, keygen master, a Production start with ARCH_KEYS', () => checkKeygenFlow(env.DATABASE_URL));
  await step('README sign-in from a shell: npm start\'s stack, the sandbox consent form, GET /api/me with the token', () => checkReadmeSignIn(env.DATABASE_URL));
  await step('README Mastodon from a shell: sign in at fedi.example, sync, block with a reason in one step, find it by search', () => checkReadmeMastodon(env.DATABASE_URL));
  await step('web/openapi.json and schema.d.ts match the API\'s OpenAPI document', () => checkOpenApiDrift());
  await step('web/openapi.json passes redocly lint and spectral lint (spectral:oas): no errors, only the warnings README explains', () => checkOpenApiLint());
  await runClientFlows(env.DATABASE_URL, step);
  add(await runVitest(env));
  add(await runE2e(env));
} catch (error) {
  totals.failed += 1;
  console.error(`npm test could not run: ${error.message}`);
} finally {
  postgres?.stop();
}

if (failures.length > 0) console.log(`\nFailed:\n${failures.map((name) => `  ${name}`).join('\n')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
