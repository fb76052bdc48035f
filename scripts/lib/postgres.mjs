// A project-local PostgreSQL cluster under .local/postgres, made on first use and reused afterwards.
// initdb refuses to run as root, so as root the cluster belongs to the `postgres` system user.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { localDir, root } from './paths.mjs';
import { capture, run } from './run.mjs';

const user = 'reasonable';
const database = 'reasonable';
const firstPort = 54329;

function binDir() {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base)
    ? fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb'))).sort((a, b) => b - a)
    : [];
  if (versions.length === 0) {
    throw new Error('PostgreSQL server binaries are not installed (apt-get install postgresql), or set DATABASE_URL to use another server.');
  }
  return path.join(base, versions[0], 'bin');
}

const isRoot = process.getuid?.() === 0;

/** As root, runs a PostgreSQL tool as the postgres user; otherwise as ourselves. */
function pg(tool, args, options = {}) {
  const command = path.join(binDir(), tool);
  return isRoot ? run('runuser', ['-u', 'postgres', '--', command, ...args], options) : run(command, args, options);
}

/** The cluster folder: .local/postgres, unless the postgres user cannot reach the checkout (e.g. under /root). */
function clusterDir() {
  const local = path.join(localDir, 'postgres');
  if (!isRoot) return local;
  fs.mkdirSync(local, { recursive: true });
  try {
    run('runuser', ['-u', 'postgres', '--', 'test', '-x', local], { stdio: 'ignore' });
    return local;
  } catch {
    const hash = crypto.createHash('sha256').update(root).digest('hex').slice(0, 12);
    return path.join(os.tmpdir(), `reasonable-postgres-${hash}`);
  }
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function choosePort(dir) {
  const file = path.join(dir, 'port');
  if (fs.existsSync(file)) return Number(fs.readFileSync(file, 'utf8'));
  for (let port = firstPort; port < firstPort + 100; port++) {
    if (await portIsFree(port)) {
      fs.writeFileSync(file, String(port));
      return port;
    }
  }
  throw new Error('No free port for PostgreSQL near 54329.');
}

function isRunning(dataDir) {
  try {
    pg('pg_ctl', ['-D', dataDir, 'status'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes sure the local cluster runs. Returns its URL and a stop() that stops it only if this call started it.
 */
export async function ensurePostgres({ quiet = false } = {}) {
  const dir = clusterDir();
  const dataDir = path.join(dir, 'data');
  const passwordFile = path.join(dir, 'password');
  fs.mkdirSync(dir, { recursive: true });
  if (isRoot) fs.chownSync(dir, ...postgresIds());

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    if (!quiet) console.error(`Creating a local PostgreSQL cluster in ${dataDir} …`);
    fs.writeFileSync(passwordFile, crypto.randomBytes(18).toString('base64url'), { mode: 0o600 });
    if (isRoot) fs.chownSync(passwordFile, ...postgresIds());
    pg('initdb', ['-D', dataDir, '-U', user, '--pwfile', passwordFile, '--auth', 'scram-sha-256', '-E', 'UTF8', '--no-locale'], {
      stdio: 'pipe',
    });
  }

  const port = await choosePort(dir);
  const password = fs.readFileSync(passwordFile, 'utf8').trim();
  const connection = ['-h', '127.0.0.1', '-p', String(port), '-U', user];
  const asUser = { env: { ...process.env, PGPASSWORD: password } };
  let startedHere = false;
  if (!isRunning(dataDir)) {
    if (!(await portIsFree(port))) throw new Error(`Port ${port} is taken; free it or remove ${path.join(dir, 'port')}.`);
    pg('pg_ctl', ['-D', dataDir, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', '-o',
      `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200`, 'start'], {
      stdio: 'ignore',
    });
    startedHere = true;
    if (!quiet) console.error(`PostgreSQL is running on 127.0.0.1:${port} (data in ${dataDir}).`);
  }
  const databases = capture(path.join(binDir(), 'psql'), [...connection, '-d', 'postgres', '-Atc', 'select datname from pg_database'], asUser);
  if (!databases.split('\n').includes(database)) run(path.join(binDir(), 'createdb'), [...connection, database], asUser);

  const url = `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return {
    url,
    startedHere,
    stop() {
      if (startedHere && isRunning(dataDir)) pg('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop'], { stdio: 'ignore' });
    },
  };
}

/** A new empty database `<prefix>_<time>` on the server of `serverUrl`: its URL and a drop() that removes it. */
export function createDatabase(serverUrl, prefix) {
  const name = `${prefix}_${Date.now()}`;
  capture('psql', [serverUrl, '-v', 'ON_ERROR_STOP=1', '-qc', `create database ${name}`]);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => capture('psql', [serverUrl, '-qc', `drop database if exists ${name} with (force)`]) };
}

export function stopPostgres() {
  const dataDir = path.join(clusterDir(), 'data');
  if (isRunning(dataDir)) pg('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop'], { stdio: 'inherit' });
}

function postgresIds() {
  return [Number(capture('id', ['-u', 'postgres'])), Number(capture('id', ['-g', 'postgres']))];
}
