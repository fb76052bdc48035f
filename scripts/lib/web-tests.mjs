// The web app's suites for npm test: Vitest component tests, the browser tests in tests/e2e (node's test runner
// driving Debian's Chromium), and the check that the committed OpenAPI document and schema match the API.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDocument, changedOperations, documentPath, generateSchema, readCommitted, schemaPath } from './openapi-document.mjs';
import { root } from './paths.mjs';

/** Runs a command, streaming its output, and resolves with its exit code and everything it printed. */
function stream(command, args, options) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    for (const source of [child.stdout, child.stderr]) {
      source.setEncoding('utf8');
      source.on('data', (chunk) => {
        output += chunk;
        (source === child.stdout ? process.stdout : process.stderr).write(chunk);
      });
    }
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Vitest over web/src: { passed, failed, skipped }. */
export async function runVitest(env) {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'reasonable-vitest-')), 'report.json');
  const { code } = await stream(path.join(root, 'node_modules', '.bin', 'vitest'),
    ['run', '--config', 'vite.config.mts', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { cwd: path.join(root, 'web'), env });
  if (!fs.existsSync(report)) return { passed: 0, failed: 1, skipped: 0 };
  const result = JSON.parse(fs.readFileSync(report, 'utf8'));
  const counts = { passed: result.numPassedTests, failed: result.numFailedTests, skipped: result.numPendingTests + result.numTodoTests };
  if (code !== 0 && counts.failed === 0) counts.failed = 1; // a file that failed to load is a failure too
  return counts;
}

/** tests/e2e with node's test runner: { passed, failed, skipped }. */
export async function runE2e(env) {
  const files = fs.readdirSync(path.join(root, 'tests', 'e2e')).filter((name) => name.endsWith('.test.mjs')).map((name) => path.join('tests', 'e2e', name));
  const { code, output } = await stream(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', ...files], { cwd: root, env });
  const count = (name) => Number(output.match(new RegExp(`^ℹ ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  const counts = { passed: count('pass'), failed: count('fail') + count('cancelled'), skipped: count('skipped') + count('todo') };
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

/** Fails, naming the operations that differ, when web/openapi.json or schema.d.ts no longer match the API. */
export async function checkOpenApiDrift() {
  const fresh = buildDocument();
  const committed = readCommitted(documentPath);
  const problems = [];
  if (fresh !== committed) {
    const changed = changedOperations(committed, fresh);
    problems.push(`web/openapi.json differs from the API's document${changed.length > 0 ? `: ${changed.join(', ')}` : ' (schemas or metadata)'}`);
  }
  if ((await generateSchema(fresh)) !== readCommitted(schemaPath)) problems.push('web/src/lib/api/schema.d.ts differs from what openapi-typescript makes of it');
  if (problems.length > 0) throw new Error(`${problems.join('; ')}. Run \`npm run openapi\` and commit the result.`);
}
