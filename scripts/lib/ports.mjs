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

/** A free port whose next port is free too (the API on it, the sandbox X server on port + 1). */
export function freePortPair() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      const second = net.createServer();
      second.once('error', () => server.close(() => freePortPair().then(resolve, reject)));
      second.listen(port + 1, '127.0.0.1', () => second.close(() => server.close(() => resolve(port))));
    });
  });
}
