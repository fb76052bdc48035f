// npm run keygen -- arch | master <arch public key> : see README ("Keys for a real deployment").
import { spawnSync } from 'node:child_process';
import { assembly, build } from './lib/dotnet.mjs';

build('api/Reasonable.Keygen');
const result = spawnSync('dotnet', [assembly('Reasonable.Keygen'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
