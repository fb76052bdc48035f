// Reads .env (NAME=value lines, as `npm run keygen` prints them) without overriding the real environment.
import fs from 'node:fs';
import path from 'node:path';
import { root } from './paths.mjs';

/** Offline-only secrets that must never reach the server process. */
const offlineOnly = ['REASONABLE_CHECK_SECRET_KEY'];

export function loadEnvFile() {
  const file = path.join(root, '.env');
  const env = { ...process.env };
  if (fs.existsSync(file)) {
    for (const [name, value] of parseEnvFile(fs.readFileSync(file, 'utf8'))) {
      if (env[name] === undefined) env[name] = value;
    }
  }
  for (const name of offlineOnly) {
    if (env[name] !== undefined) {
      console.error(`Note: ${name} is set; the server does not need it. Keep it offline and remove it from .env.`);
      delete env[name];
    }
  }
  return env;
}

/** NAME=value lines (an `export ` prefix and quotes allowed); anything else, such as npm's banner, is skipped. */
export function parseEnvFile(text) {
  const entries = [];
  for (const line of text.split('\n')) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (match) entries.push([match[1], match[2].trim().replace(/^(['"])(.*)\1$/, '$2')]);
  }
  return entries;
}
