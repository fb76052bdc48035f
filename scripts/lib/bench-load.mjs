// Load runs with autocannon against the API on loopback, fixed-rate runs (bench-paced.mjs), and sequential latency
// samples. Every non-2xx answer is counted by status; a 412 on an edit is counted apart (an edit conflict is an
// answer, not a failure).
import { cpuPerRequest, cpuSample } from './bench-cpu.mjs';
import { failedAnswers, paced } from './bench-paced.mjs';

// Imported when first used: `npm run bench` installs the packages (autocannon among them) after this module loads.
async function autocannon(options) {
  const { default: run } = await import('autocannon');
  return run(options);
}

export const connections = 32;

/**
 * One autocannon run; `requests` as autocannon takes them. With `rate`, the connections together send that many
 * requests a second (autocannon's overallRate) instead of as many as they can. With `apiPid`, also the API's and
 * PostgreSQL's CPU time per request. Returns the figures the report prints.
 */
export async function load({ url, headers, requests, seconds, rate, apiPid }) {
  const before = cpuSample(apiPid);
  const result = await autocannon({ url, headers, requests, connections, duration: seconds, timeout: 10, ...(rate ? { overallRate: rate } : {}) });
  const cpu = cpuPerRequest(apiPid, before, result.requests.total);
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, Number(count)]));
  return {
    ...(rate ? { rate } : {}),
    requestsPerSecond: Math.round(result.requests.total / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: failedAnswers(statuses) + result.errors + result.timeouts,
    conflicts: statuses['412'] ?? 0,
    statuses,
    connectionErrors: result.errors,
    timeouts: result.timeouts,
    ...(cpu ? { cpu } : {}),
  };
}

/**
 * A short untimed run first, so the JIT and connection pools are warm, then the measured one. `makeRequests` is
 * called for each, so requests cut off at the end of the warm-up leave nothing behind.
 */
export async function warmThenLoad({ makeRequests, warmSeconds, apiPid, ...options }) {
  await autocannon({ ...options, requests: makeRequests(), connections, duration: warmSeconds, timeout: 10 });
  return load({ ...options, requests: makeRequests(), apiPid });
}

/**
 * The same requests at a fixed rate of about half of `maximum` (a run's figures at 32 connections): latency at a
 * load, not at saturation, where a p99 is mostly queueing. Open loop and evenly spaced (bench-paced.mjs), at most
 * 32 connections.
 */
export function atHalf({ makeRequests, maximum, ...options }) {
  return paced({ ...options, requests: makeRequests(), rate: halfOf(maximum), connections });
}

/**
 * The same with autocannon's `overallRate`, as the benchmark measured it before, for comparison
 * (`--autocannon-at-half`): a per-connection budget refilled each second, so bursts at saturation, then idle.
 */
export function atHalfWithAutocannon({ makeRequests, maximum, ...options }) {
  return load({ ...options, requests: makeRequests(), rate: halfOf(maximum) });
}

const halfOf = (maximum) => Math.max(1, Math.round(maximum.requestsPerSecond / 2));

/** GET requests cycling through `paths`. */
export function rotatingGets(paths) {
  let i = 0;
  return [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[i++ % paths.length] }) }];
}

/** POST /api/reasons with a fresh body each time, about accounts taken in turn. */
export function creates(accountIds, makeBody) {
  let i = 0;
  return [{
    method: 'POST',
    path: '/api/reasons',
    setupRequest: (request) => ({
      ...request,
      headers: { ...request.headers, 'content-type': 'application/json' },
      body: JSON.stringify(makeBody(accountIds[i++ % accountIds.length])),
    }),
  }];
}

/**
 * PUT /api/reasons/{id} with If-Match. A request takes a reason nobody else is editing (each connection edits its
 * own), and learns the new version from the answer, so conflicts stay rare; a 412 carries the current version.
 */
export function updates(reasons, makeBody) {
  const free = [...reasons];
  let spare = 0;
  return [{
    method: 'PUT',
    setupRequest: (request, context) => {
      const reason = free.pop() ?? reasons[spare++ % reasons.length];
      context.reason = reason;
      const { action, text, tags } = makeBody(reason.accountId);
      return {
        ...request,
        path: `/api/reasons/${reason.id}`,
        headers: { ...request.headers, 'content-type': 'application/json', 'if-match': `"${reason.version}"` },
        body: JSON.stringify({ action, text, tags }),
      };
    },
    onResponse: (status, body, context) => {
      const { reason } = context;
      if (status === 200) reason.version = JSON.parse(body).version;
      if (status === 412) reason.version = JSON.parse(body).currentVersion;
      if (!free.includes(reason)) free.push(reason);
    },
  }];
}

/** Median and p95 (ms) of `count` sequential calls of `call`, after `warmUp` unmeasured ones. */
export async function sequentialLatency(call, { count, warmUp }) {
  for (let i = 0; i < warmUp; i++) await call();
  const times = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await call();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  return { median: round(at(0.5)), p95: round(at(0.95)), count };
}

const round = (ms) => Math.round(ms * 10) / 10;
