// Free TCP ports on loopback for the stacks the scripts start beside whatever else runs.
import net from 'node:net';

export function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function listen(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/**
 * A free port whose next `count - 1` ports are free too: the API on it, the sandbox X server on port + 1 and the
 * sandbox Mastodon instances on port + 2 and + 3.
 */
export async function freePortRun(count = 4) {
  for (;;) {
    const first = await listen(0);
    const port = first.address().port;
    const servers = [first];
    for (let i = 1; i < count; i++) {
      const next = port + i <= 65535 ? await listen(port + i) : null;
      if (!next) break;
      servers.push(next);
    }
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    if (servers.length === count) return port;
  }
}
