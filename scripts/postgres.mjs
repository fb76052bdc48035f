// npm run postgres -- start|stop|url : manage the project-local PostgreSQL cluster by hand.
import { ensurePostgres, stopPostgres } from './lib/postgres.mjs';

const command = process.argv[2] ?? 'url';
if (command === 'stop') {
  stopPostgres();
} else if (command === 'start' || command === 'url') {
  const { url } = await ensurePostgres({ quiet: command === 'url' });
  console.log(url);
} else {
  console.error('usage: npm run postgres -- start|stop|url');
  process.exit(2);
}
