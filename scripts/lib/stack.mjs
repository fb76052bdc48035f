// The sandbox servers (the X one when no X credentials are set, the Mastodon one when no Mastodon instances are
// configured) and the API, as `npm start` runs them.
import { startApi } from './api-process.mjs';
import { startMastodonSandbox } from './mastodon-sandbox-process.mjs';
import { startXSandbox } from './x-sandbox-process.mjs';

/**
 * Starts the stack on `port` (the X sandbox on port + 1, the Mastodon sandbox's instances on port + 2 and + 3);
 * returns its URLs and a stop function (its promise: all exited).
 */
export async function startStack({ env, port, log = console.log }) {
  const children = [];
  const stop = () => Promise.all(children.reverse().map((child) => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  })));
  try {
    let sandboxUrl = null;
    let mastodonInstances = null;
    if (!env.X_CONSUMER_KEY || !env.X_CONSUMER_SECRET) {
      const sandbox = await startXSandbox({ port: port + 1 });
      children.push(sandbox.child);
      sandboxUrl = sandbox.url;
      Object.assign(env, { X_BASE_URL: sandbox.url, X_CONSUMER_KEY: sandbox.consumerKey, X_CONSUMER_SECRET: sandbox.consumerSecret });
      log(`No X credentials (X_CONSUMER_KEY, X_CONSUMER_SECRET) are set: signing in with X uses the sandbox X server at ${sandbox.url}/`);
    }
    if (!env.MASTODON_INSTANCES && env.ASPNETCORE_ENVIRONMENT !== 'Production') {
      const mastodon = await startMastodonSandbox({ port: port + 2 });
      children.push(mastodon.child);
      mastodonInstances = mastodon.instances;
      env.MASTODON_INSTANCES = mastodon.instanceMap;
      const reached = Object.entries(mastodon.instances).map(([name, url]) => `${name} (${url}/)`).join(' and ');
      log(`No Mastodon instances (MASTODON_INSTANCES) are configured: signing in with Mastodon reaches the sandbox instances ${reached}; type fedi.example as your server. Any other server name is a real Mastodon instance.`);
    }
    const api = await startApi({ env, port });
    children.push(api.child);
    return { api, sandboxUrl, mastodonInstances, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
