// Builds and starts the sandbox X server (api/Reasonable.Sandbox.X) for `npm start` when no X credentials are set.
import path from 'node:path';
import { assembly, build } from './dotnet.mjs';
import { startChild, waitForHttp } from './run.mjs';

// The sandbox's published development consumer; see api/Reasonable.Sandbox.X/README.md.
const consumerKey = 'sandbox-consumer-key';
const consumerSecret = 'sandbox-consumer-secret';

export async function startXSandbox({ port }) {
  build('api/Reasonable.Sandbox.X');
  const dll = assembly('Reasonable.Sandbox.X');
  const env = { ...process.env, PORT: String(port), SANDBOX_CONSUMER_KEY: consumerKey, SANDBOX_CONSUMER_SECRET: consumerSecret };
  delete env.ASPNETCORE_URLS;
  const child = startChild('x-sandbox', 'dotnet', [dll], { cwd: path.dirname(dll), env });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`, child);
  return { child, url, consumerKey, consumerSecret };
}
