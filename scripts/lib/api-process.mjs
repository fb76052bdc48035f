// Builds and starts the API as a child process, and waits until /healthz answers (timed, for npm run bench).
import path from 'node:path';
import { assembly, build } from './dotnet.mjs';
import { startChild, waitForHttp } from './run.mjs';

export async function startApi({ env, port }) {
  build('api/Reasonable.Api', 'Release', env);
  const dll = assembly('Reasonable.Api');
  const spawnedAt = performance.now();
  const child = startChild('api', 'dotnet', [dll], {
    cwd: path.dirname(dll),
    env: { ASPNETCORE_ENVIRONMENT: 'Development', ...env, PORT: String(port) },
  });
  const url = `http://localhost:${port}`;
  await waitForHttp(`${url}/healthz`, child, 60_000, 20);
  return { child, url, healthyAfterMs: performance.now() - spawnedAt };
}
