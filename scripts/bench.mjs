// npm run bench [-- --duration 10] [-- --reasons 10000] [-- --only sync|search|list] [-- --autocannon-at-half]: prints performance figures beside the
// design's targets and writes them to .local/bench/latest.json. Never a test: it fails only when something breaks (errors, non-2xx
// answers), never because a target was missed. It starts its own stack (sandbox X and Mastodon servers + API) on free ports over a
// fresh database, seeds it through the API, measures, and stops and drops everything it started, even on Ctrl-C.
import { parseArgs } from 'node:util';
import { signIn, signInMastodon } from './lib/bench-client.mjs';
import { atHalf, atHalfWithAutocannon, connections, creates, load as loadRun, rotatingGets, sequentialLatency, updates, warmThenLoad } from './lib/bench-load.mjs';
import { latestJson, machine, printReport, writeJson } from './lib/bench-report.mjs';
import { commonWord, rareWord, reasonMaker, seedUser } from './lib/bench-seed.mjs';
import { bulkUserId, mastodonBulk, measureSync } from './lib/bench-sync.mjs';
import { loadEnvFile } from './lib/env-file.mjs';
import { installNodePackages } from './lib/node-packages.mjs';
import { freePortRun } from './lib/ports.mjs';
import { createDatabase, ensurePostgres } from './lib/postgres.mjs';
import { capture } from './lib/run.mjs';
import { startStack } from './lib/stack.mjs';

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' }, // seconds per load run
    reasons: { type: 'string', default: '10000' }, // the heavy user's reasons (accounts: one for five)
    'sync-timeout': { type: 'string', default: '300' },
    'warm-up': { type: 'string', default: '30' }, // seconds of mixed reads before the first measured run
    only: { type: 'string' }, // sync: only the sync figures (no seeding, no load); search: only the search figures; list: only list, raw list and ceiling
    'autocannon-at-half': { type: 'boolean', default: false }, // also each fixed-rate run the old way, for comparison
  },
});
const seconds = Number(flags.duration);
const heavyReasons = Number(flags.reasons);
const warmUpSeconds = Number(flags['warm-up']);
const onlySync = flags.only === 'sync';
const onlySearch = flags.only === 'search';
const onlyList = flags.only === 'list';
if (!(seconds > 0) || !(heavyReasons >= 100) || !(warmUpSeconds >= 0) || (flags.only !== undefined && !onlySync && !onlySearch && !onlyList)) {
  console.error('Usage: npm run bench [-- --duration <seconds>] [--reasons <at least 100>] [--sync-timeout <seconds>] [--warm-up <seconds>] [--only sync|search|list] [--autocannon-at-half]');
  process.exit(2);
}

// Seeded sandbox users (api/Reasonable.Sandbox.X/README.md): alice is the heavy user, bob takes the writes.
const users = [
  { name: 'alice', id: '1000000001', accounts: Math.round(heavyReasons / 5), reasons: heavyReasons },
  { name: 'bob', id: '1000000002', accounts: 200, reasons: 400 },
  { name: 'carol', id: '1000000003', accounts: 50, reasons: 100 },
  { name: 'dave', id: '1000000004', accounts: 50, reasons: 100 },
];

// The benchmark database's URL (it holds a password: never into the figures or the output).
let databaseUrl;
// The API's process, whose CPU time each load run reports per request.
let apiPid;
const cleanups = [];
let cleaning;
/** Stops the servers, drops the database and stops the cluster if we started it; every caller waits for the one run. */
function cleanUp() {
  cleaning ??= (async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`Cleaning up: ${error.message}`);
      }
    }
  })();
  return cleaning;
}
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    interrupted = true;
    console.error('bench: stopping …');
    cleanUp().then(() => process.exit(130));
  });
}

function step(text) {
  console.error(`bench: ${text}`);
}

async function run() {
  installNodePackages();
  // Quiet logs for both servers (the sandbox takes this process's environment). autocannon cuts its connections at the
  // end of each run, and the API logs the cancelled session touch of those requests as an authentication error.
  process.env.Logging__LogLevel__Default = 'Warning';
  process.env['Logging__LogLevel__Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler'] = 'Critical';
  const env = loadEnvFile();
  for (const name of ['X_CONSUMER_KEY', 'X_CONSUMER_SECRET', 'X_BASE_URL', 'MASTODON_INSTANCES', 'PUBLIC_URL', 'WEB_APP_URL', 'ASPNETCORE_URLS', 'PORT']) delete env[name];
  if (!env.DATABASE_URL) {
    const postgres = await ensurePostgres({ quiet: true });
    cleanups.push(() => postgres.stop());
    env.DATABASE_URL = postgres.url;
  }
  const database = createDatabase(env.DATABASE_URL, 'reasonable_bench');
  databaseUrl = database.url;
  cleanups.push(() => database.drop());
  Object.assign(env, {
    DATABASE_URL: database.url,
    BENCHMARK_ROUTES: '1',
    WRITE_RATE_LIMIT: '1000000',
    SIGN_IN_RATE_LIMIT: '1000000',
    SYNC_START_RATE_LIMIT: '1000',
    // Development keeps the published development keys (Production refuses them).
    ASPNETCORE_ENVIRONMENT: 'Development',
  });

  step('building and starting the sandbox X and Mastodon servers and the API …');
  const port = await freePortRun();
  const stack = await startStack({ env, port, log: () => {} });
  cleanups.push(() => stack.stop());
  const apiUrl = stack.api.url;
  apiPid = stack.api.child.pid;
  const figures = {
    measuredAt: new Date().toISOString(),
    commit: commit(),
    machine: machine(),
    connections,
    durationSeconds: seconds,
    startToHealthySeconds: Math.round(stack.api.healthyAfterMs / 10) / 100,
  };

  if (onlySearch) return finish(figures, await measureSearchOnly(apiUrl, stack, database, figures));
  if (onlyList) return finish(figures, await measureListOnly(apiUrl, stack, database, figures));
  if (!onlySync) await measureApi(apiUrl, stack.sandboxUrl, database, figures);

  step('signing in bulkblocker on the sandbox X and on the sandbox Mastodon (fedi.example) …');
  const bulk = await signIn(apiUrl, stack.sandboxUrl, bulkUserId);
  const mastodonBulkClient = await signInMastodon(apiUrl, mastodonBulk.instance, mastodonBulk.id);
  step('sync: X bulkblocker, 100,000 blocks, sandbox rate limits off …');
  const timeoutSeconds = Number(flags['sync-timeout']);
  figures.sync = await syncFigure({ client: bulk, sandboxUrl: stack.sandboxUrl, apiPid: stack.api.child.pid, timeoutSeconds });
  if (!figures.sync.available) console.log('sync: not available in this build');
  if (!onlySync && !figures.sync.error) await measureBulk(apiUrl, bulk, figures);
  step(`sync: Mastodon bulkblocker@${mastodonBulk.instance}, ${mastodonBulk.blocks.toLocaleString('en')} blocks, sandbox rate limits off …`);
  const fedi = stack.mastodonInstances[mastodonBulk.instance];
  figures.mastodonSync = await syncFigure({ client: mastodonBulkClient, sandboxUrl: fedi, apiPid: stack.api.child.pid, timeoutSeconds });

  return finish(figures);
}

/** Prints and writes the figures; 1 when something broke under load or in a sync. */
function finish(figures) {
  figures.loadAverageAtEnd = machine().loadAverageAtStart;
  printReport(figures);
  writeJson(figures);
  const broken = Object.entries(figures.load ?? {}).filter(([, figure]) => figure.errors > 0).map(([name]) => name);
  if (figures.sync?.error) broken.push('sync');
  if (figures.mastodonSync?.error) broken.push('Mastodon sync');
  if (broken.length > 0) {
    console.error(`\nnpm run bench: errors in ${broken.join(', ')} (see above); the figures are in ${latestJson}.`);
    return 1;
  }
  return 0;
}

/** The seeding and the load figures (everything but sync), into `figures`. */
async function measureApi(apiUrl, sandboxUrl, database, figures) {
  step(`signing in ${users.map((user) => user.name).join(', ')} through the sandbox …`);
  const clients = {};
  for (const user of users) clients[user.name] = await signIn(apiUrl, sandboxUrl, user.id);

  step(`seeding ${users.map((user) => `${user.name} ${user.reasons} reasons / ${user.accounts} accounts`).join(', ')} …`);
  const seedStart = performance.now();
  const seeded = {};
  for (const [index, user] of users.entries()) {
    seeded[user.name] = await seedUser(clients[user.name], { userIndex: index, accountCount: user.accounts, reasonCount: user.reasons });
  }
  // A live database has been vacuumed and analysed since its rows arrived; measure that, not fresh statistics.
  step('settling the database (VACUUM ANALYZE) …');
  capture('psql', [database.url, '-qc', 'vacuum analyze']);
  figures.seed = {
    seconds: Math.round((performance.now() - seedStart) / 100) / 10,
    accounts: users.reduce((sum, user) => sum + user.accounts, 0),
    reasons: users.reduce((sum, user) => sum + user.reasons, 0),
    heavy: { accounts: users[0].accounts, reasons: users[0].reasons },
  };

  const heavy = clients.alice;
  const writer = clients.bob;
  const measure = measurer(apiUrl);
  await measureList(apiUrl, heavy, seeded.alice, figures, measure);
  const { load } = figures;

  await measureSearch(heavy, load, figures, measure);
  const gets = () => rotatingGets(seeded.alice.accountIds.map((id) => `/api/accounts/${id}`));
  load.get = await measure('get', heavy, gets);
  load.create = await measure('create', writer, () => creates(seeded.bob.accountIds, reasonMaker(101)));
  // The warm-up and the measured run edit different reasons: edits cut off at the end of the warm-up still land.
  let slice = 0;
  const editable = () => seeded.bob.reasons.slice(slice * 4 * connections, ++slice * 4 * connections);
  load.update = await measure('update', writer, () => updates(editable(), reasonMaker(202)));

  const half = (name, client, makeRequests) => atHalfFigure(name, { url: apiUrl, headers: client.headers, makeRequests, maximum: load[name], seconds });
  figures.atHalf = {
    list: await half('list', heavy, listRequests),
    get: await half('get', heavy, gets),
    search: await half('search', heavy, commonWordRequests),
    create: await half('create', writer, () => creates(seeded.bob.accountIds, reasonMaker(303))),
    update: await half('update', writer, () => updates(editable(), reasonMaker(404))),
  };

  // How each cost grows: the same list, get and search figures for a small user (carol: 100 reasons); the heavy
  // user's are above, the bulkblocker's (100,000 accounts) come after its sync.
  figures.growth = {
    small: await userFigures({ name: 'carol', client: clients.carol, accountIds: seeded.carol.accountIds, search: rareWord, measure }),
    heavy: { name: 'alice', accounts: users[0].accounts, reasons: users[0].reasons, list: load.list, get: load.get, search: figures.search },
  };
}

/** The list between two raw-list runs, and the ceiling: `figures.load` and the two ratios. */
async function measureList(apiUrl, heavy, seeded, figures, measure) {
  await checkRawMatchesList(heavy);
  await warmUp(apiUrl, heavy, seeded);
  const load = {};
  figures.load = load;
  // The raw list is measured before and after the list, and the ratio takes their mean, so a machine that gets
  // busier or quieter during the run (other work on the same cores) skews it less.
  const rawList = () => rotatingGets(['/api/_bench/accounts?limit=50']);
  load.rawBefore = await measure('raw list (no decryption)', heavy, rawList);
  load.list = await measure('list', heavy, listRequests);
  load.rawAfter = await measure('raw list again', heavy, rawList);
  const raw = (load.rawBefore.requestsPerSecond + load.rawAfter.requestsPerSecond) / 2;
  figures.encryptionRatio = Math.round((load.list.requestsPerSecond / raw) * 100) / 100;
  await measureCeiling(apiUrl, heavy, seeded.accountIds[0], figures, measure);
}

/**
 * Every read route in turn at 32 connections for `--warm-up` seconds, unmeasured, before the first measured run.
 * The API gets faster for its first tens of seconds under load: the tiered JIT recompiles hot methods with full
 * optimisation in the background, and on 2 busy cores that work waits its turn (the raw list went from 335 to
 * 910 req/s over its first minute). Each route's own 2-second warm-up is too short for that.
 */
async function warmUp(apiUrl, client, seeded) {
  if (warmUpSeconds === 0) return;
  step(`warm-up: the read routes in turn, ${connections} connections, ${warmUpSeconds} s …`);
  const paths = ['/api/_bench/accounts?limit=50', '/api/accounts?limit=50', `/api/_bench/ceiling?user=${userIdOf(seeded.accountIds[0])}&limit=50`,
    `/api/accounts?q=${commonWord}&limit=50`, `/api/accounts?q=${rareWord}&limit=50`, ...seeded.accountIds.slice(0, 20).map((id) => `/api/accounts/${id}`)];
  await loadRun({ url: apiUrl, headers: client.headers, requests: rotatingGets(paths), seconds: warmUpSeconds });
}

/** The user's id, from the database (the API names no user ids), by one of the user's accounts. */
const userIdOf = (accountId) => capture('psql', [databaseUrl, '-Atc', `select user_id from accounts where id = '${accountId}'`]).trim();

const listRequests = () => rotatingGets(['/api/accounts?limit=50']);
const commonWordRequests = () => rotatingGets([`/api/accounts?q=${commonWord}&limit=50`]);

/**
 * One route at about half of its maximum, evenly paced; with `--autocannon-at-half` also with autocannon's
 * overallRate right after, in the same API, so the two methods can be compared.
 */
async function atHalfFigure(name, options) {
  step(`fixed rate: ${name} at half of its ${options.maximum.requestsPerSecond} req/s, paced, ${seconds} s …`);
  const figure = await atHalf(options);
  if (!flags['autocannon-at-half']) return figure;
  step(`fixed rate: ${name}, the same with autocannon's overallRate, ${seconds} s …`);
  return { ...figure, autocannon: await atHalfWithAutocannon(options) };
}

/** A load run after a short warm-up, as one user (32 connections, `--duration` seconds). */
function measurer(apiUrl) {
  return (name, client, makeRequests) => {
    step(`load: ${name}, ${connections} connections, ${seconds} s …`);
    return warmThenLoad({ url: apiUrl, headers: client.headers, makeRequests, seconds, warmSeconds: Math.min(2, seconds), apiPid });
  };
}

/**
 * The ceiling: the same 50 account rows by the same index, anonymous, one query, nothing decrypted
 * (`GET /api/_bench/ceiling?user=`), and the list as a ratio of it. The user's id comes from the database (the API
 * names no user ids), by one of the user's accounts.
 */
async function measureCeiling(apiUrl, client, accountId, figures, measure) {
  const userId = userIdOf(accountId);
  figures.load.ceiling = await measure('ceiling (anonymous, one query, no decryption)', { headers: {} }, () => rotatingGets([`/api/_bench/ceiling?user=${userId}&limit=50`]));
  figures.ceilingRatio = Math.round((figures.load.list.requestsPerSecond / figures.load.ceiling.requestsPerSecond) * 100) / 100;
}

/** List and get at 32 connections and a search's sequential median and p95, as one user. */
async function userFigures({ name, client, accountIds, search, measure }) {
  const list = await measure(`list as ${name}`, client, listRequests);
  const get = await measure(`get as ${name}`, client, () => rotatingGets(accountIds.map((id) => `/api/accounts/${id}`)));
  const query = `/api/accounts?q=${encodeURIComponent(search)}&limit=50`;
  step(`search: ${search} as ${name}, sequential …`);
  const matches = (await client.get(query)).body.items.length;
  const accounts = (await client.get('/api/accounts/count')).body.matching;
  return { name, accounts, list, get, search: { query: search, matches, ...(await sequentialLatency(() => client.get(query), { count: 100, warmUp: 10 })) } };
}

/** The bulkblocker after its sync (100,000 accounts): the search for one handle, and its list and get figures. */
async function measureBulk(apiUrl, client, figures) {
  // As after seeding: a live database has been vacuumed and analysed since 100,000 rows arrived (autovacuum would be
  // at it right now, and the planner's figures would still be those of before the sync).
  step('settling the database after the sync (VACUUM ANALYZE) …');
  capture('psql', [databaseUrl, '-qc', 'vacuum analyze']);
  figures.bulkSearch = await bulkSearchFigure(client);
  const ids = (await client.get('/api/accounts?limit=200')).body.items.map((item) => item.id);
  figures.growth ??= {};
  figures.growth.bulk = { ...(await userFigures({ name: 'bulkblocker', client, accountIds: ids, search: '@user123456', measure: measurer(apiUrl) })) };
}

/** The rare word over the heavy user's reasons, sequentially, and the common word's first page under load. */
async function measureSearch(heavy, load, figures, measure) {
  step(`search: ${rareWord} over ${heavyReasons} reasons, sequential …`);
  const rare = `/api/accounts?q=${rareWord}&limit=50`;
  const matches = (await heavy.get(rare)).body.items.length;
  figures.search = { word: rareWord, matches, reasons: heavyReasons, ...(await sequentialLatency(() => heavy.get(rare), { count: 100, warmUp: 10 })) };
  load.search = await measure('search', heavy, commonWordRequests);
  figures.searchToList = Math.round((load.search.requestsPerSecond / load.list.requestsPerSecond) * 100) / 100;
}

/** One handle among the 100,000 accounts of the synced bulkblocker (sandbox users user100000 … user199999). */
async function bulkSearchFigure(client) {
  const query = '/api/accounts?q=%40user123456&limit=50';
  step('search: @user123456 over the bulkblocker\'s 100,000 accounts, sequential …');
  const matches = (await client.get(query)).body.items.length;
  return { query: '@user123456', matches, ...(await sequentialLatency(() => client.get(query), { count: 100, warmUp: 10 })) };
}

/** The heavy user alone, signed in, seeded and vacuumed, for `--only list` and `--only search`. */
async function seedHeavyAlone(apiUrl, stack, database, figures) {
  const [user] = users;
  step(`signing in ${user.name} and seeding ${user.reasons} reasons over ${user.accounts} accounts …`);
  const heavy = await signIn(apiUrl, stack.sandboxUrl, user.id);
  const seedStart = performance.now();
  const seeded = await seedUser(heavy, { userIndex: 0, accountCount: user.accounts, reasonCount: user.reasons });
  capture('psql', [database.url, '-qc', 'vacuum analyze']);
  figures.seed = { seconds: Math.round((performance.now() - seedStart) / 100) / 10, accounts: user.accounts, reasons: user.reasons, heavy: { accounts: user.accounts, reasons: user.reasons } };
  return { heavy, seeded };
}

/** --only list: the heavy user alone (seeded, vacuumed), the list, the raw list and the ceiling. */
async function measureListOnly(apiUrl, stack, database, figures) {
  const { heavy, seeded } = await seedHeavyAlone(apiUrl, stack, database, figures);
  await measureList(apiUrl, heavy, seeded, figures, measurer(apiUrl));
}

/** --only search: the heavy user alone (seeded, vacuumed), list and search figures, then the bulkblocker's sync and search. */
async function measureSearchOnly(apiUrl, stack, database, figures) {
  const { heavy } = await seedHeavyAlone(apiUrl, stack, database, figures);
  const measure = measurer(apiUrl);
  figures.load = {};
  figures.load.list = await measure('list', heavy, listRequests);
  await measureSearch(heavy, figures.load, figures, measure);
  figures.atHalf = { search: await atHalfFigure('search', { url: apiUrl, headers: heavy.headers, makeRequests: commonWordRequests, maximum: figures.load.search, seconds }) };
  step('sync: X bulkblocker, 100,000 blocks, sandbox rate limits off …');
  const bulk = await signIn(apiUrl, stack.sandboxUrl, bulkUserId);
  figures.sync = await syncFigure({ client: bulk, sandboxUrl: stack.sandboxUrl, apiPid: stack.api.child.pid, timeoutSeconds: Number(flags['sync-timeout']) });
  if (!figures.sync.error) await measureBulk(apiUrl, bulk, figures);
}

/** One sync figure; an error is a figure too (reported, and the run exits non-zero). */
async function syncFigure(options) {
  try {
    return await measureSync(options);
  } catch (error) {
    return { available: true, error: error.message };
  }
}

/** The ratio is only fair if the raw route reads the very rows the list shows. */
async function checkRawMatchesList(client) {
  const ids = async (path) => (await client.get(path)).body.items.map((item) => `${item.id}:${item.reasonCount}:${item.latestReason?.id}`).join();
  if ((await ids('/api/accounts?limit=50')) !== (await ids('/api/_bench/accounts?limit=50'))) {
    throw new Error('GET /api/_bench/accounts does not answer the same accounts and reasons as GET /api/accounts');
  }
}

function commit() {
  try {
    return capture('git', ['describe', '--always', '--dirty']);
  } catch {
    return 'unknown';
  }
}

let code;
try {
  code = await run();
} catch (error) {
  if (!interrupted) console.error(`npm run bench failed: ${error.message}`);
  code = interrupted ? 130 : 1;
}
await cleanUp();
process.exit(code);
