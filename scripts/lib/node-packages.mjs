// Installs the npm packages the scripts use (npm ci) when node_modules is missing or older than the lock file.
import fs from 'node:fs';
import path from 'node:path';
import { root } from './paths.mjs';
import { run } from './run.mjs';

export function installNodePackages() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (!fs.existsSync(marker) || fs.statSync(marker).mtimeMs < fs.statSync(lock).mtimeMs) {
    run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root });
  }
}
