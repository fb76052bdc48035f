// Where things live, resolved from this file so the scripts work from any working directory.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const localDir = path.join(root, '.local');
