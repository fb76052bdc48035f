// The sandbox X server (when no X credentials are set) and the API, as `npm start` runs them.
import { startApi } from './api-process.mjs';
import { startSandbox } from './sandbox-process.mjs';

/** Starts the stack on `port` (sandbox on port + 1); returns its URLs and a stop function (its promise: all exited). */
export async function startStack({ env, port, log = console.log }) {
  const children = [];
  const stop = () => Promise.all(children.reverse().map((child) => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  })));
  try {
    let sandboxUrl = null;
    if (!env.X_CONSUMER_KEY || !env.X_CONSUMER_SECRET) {
      const sandbox = await startSandbox({ port: port + 1 });
      children.push(sandbox.child);
      sandboxUrl = sandbox.url;
      Object.assign(env, { X_BASE_URL: sandbox.url, X_CONSUMER_KEY: sandbox.consumerKey, X_CONSUMER_SECRET: sandbox.consumerSecret });
      log(`No X credentials (X_CONSUMER_KEY, X_CONSUMER_SECRET) are set: signing in uses the sandbox X server at ${sandbox.url}/`);
    }
    const api = await startApi({ env, port });
    children.push(api.child);
    return { api, sandboxUrl, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
