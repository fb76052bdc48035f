// npm run api: only the API, against DATABASE_URL (no local cluster). Ctrl-C stops it.
import { loadEnvFile } from './lib/env-file.mjs';
import { startApi } from './lib/api-process.mjs';

const env = loadEnvFile();
if (!env.DATABASE_URL) {
  console.error('npm run api needs DATABASE_URL (postgres://user:password@host:port/database); npm start makes a local cluster instead.');
  process.exit(2);
}
try {
  const api = await startApi({ env, port: Number(env.PORT ?? 5180) });
  process.on('SIGINT', () => api.child.kill('SIGTERM'));
  process.on('SIGTERM', () => api.child.kill('SIGTERM'));
  api.child.on('exit', (code) => process.exit(code ?? 0));
  console.log(`API running on ${api.url} (Swagger UI at ${api.url}/swagger). Ctrl-C stops it.`);
} catch (error) {
  console.error(`npm run api failed: ${error.message}`);
  process.exit(1);
}
