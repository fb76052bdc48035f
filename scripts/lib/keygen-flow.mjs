// Checks the README's key flow end to end: keygen arch → keygen master → a build with ARCH_KEYS starts in
// Production with that master key. Uses its own build configuration so the test build keeps the development set.
import path from 'node:path';
import { assembly, build } from './dotnet.mjs';
import { parseEnvFile } from './env-file.mjs';
import { freePort } from './ports.mjs';
import { capture, startChild, waitForHttp } from './run.mjs';

function keygen(args, env) {
  return new Map(parseEnvFile(capture('dotnet', [assembly('Reasonable.Keygen'), ...args], { env })));
}

export async function checkKeygenFlow(databaseUrl) {
  build('api/Reasonable.Keygen');
  const arch = keygen(['arch'], process.env);
  const master = keygen(['master', arch.get('ARCH_PUBLIC_KEY')], { ...process.env, REASONABLE_CHECK_SECRET_KEY: arch.get('REASONABLE_CHECK_SECRET_KEY') });
  if (!master.get('REASONABLE_MASTER_KEY')?.startsWith('rmk1.')) throw new Error('keygen master printed no REASONABLE_MASTER_KEY line');

  const configuration = 'KeygenCheck';
  build('api/Reasonable.Api', configuration, { ...process.env, ARCH_KEYS: arch.get('ARCH_KEYS') });
  const dll = assembly('Reasonable.Api', configuration);
  const port = await freePort();
  const env = { ...process.env, ASPNETCORE_ENVIRONMENT: 'Production', DATABASE_URL: databaseUrl, PORT: String(port), REASONABLE_MASTER_KEY: master.get('REASONABLE_MASTER_KEY') };
  delete env.ASPNETCORE_URLS;
  let output = '';
  const child = startChild('keygen-check', 'dotnet', [dll], { cwd: path.dirname(dll), env });
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  try {
    await waitForHttp(`http://localhost:${port}/healthz`, child, 30_000);
    if (output.includes('INSECURE')) throw new Error('the ARCH_KEYS build still warned about development keys');
  } finally {
    child.kill('SIGTERM');
  }
}
