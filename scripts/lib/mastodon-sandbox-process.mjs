// Builds and starts the sandbox Mastodon server (api/Reasonable.Sandbox.Mastodon) for `npm start`, the tests and the
// benchmark when no Mastodon instances are configured: one process serving the instances fedi.example and
// social.example, each on its own loopback port (the first on `port`, the next on port + 1).
import path from 'node:path';
import { assembly, build } from './dotnet.mjs';
import { startChild, waitForHttp } from './run.mjs';

export const sandboxInstances = ['fedi.example', 'social.example'];

export async function startMastodonSandbox({ port, rateLimits = true }) {
  build('api/Reasonable.Sandbox.Mastodon');
  const dll = assembly('Reasonable.Sandbox.Mastodon');
  const env = { ...process.env, PORT: String(port), SANDBOX_INSTANCES: sandboxInstances.join(',') };
  if (!rateLimits) env.SANDBOX_RATE_LIMITS = 'off';
  delete env.ASPNETCORE_URLS;
  const child = startChild('mastodon-sandbox', 'dotnet', [dll], { cwd: path.dirname(dll), env });
  const instances = Object.fromEntries(sandboxInstances.map((name, i) => [name, `http://127.0.0.1:${port + i}`]));
  for (const url of Object.values(instances)) await waitForHttp(`${url}/healthz`, child);
  // The API reaches each sandbox instance by name through this map (MASTODON_INSTANCES).
  const instanceMap = Object.entries(instances).map(([name, url]) => `${name}=${url}`).join(',');
  return { child, instances, instanceMap };
}
