// Open-loop load at a fixed rate, for latency at a load (docs/performance.md, "at half of maximum"). autocannon's
// rate is a per-connection budget refilled once a second, so every second starts with all connections sending back
// to back and then idles, and its coordinated-omission correction assumes a 1 ms interval whatever the rate. Here
// request i is due at start + i / rate, is sent when due whether or not earlier ones have answered (at most
// `connections` are on the wire; the rest wait in the pool's queue), and its latency runs from when it was due, so
// a late timer, a busy connection or a queue in this process all count, and nothing is synthesised.

// Latencies in microseconds: 1 µs to 60 s, 3 significant digits (p99s are read to 0.01 ms).
const histogram = (hdr) => hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
const ms = (micros) => Math.round(micros / 10) / 100;

/** Answers that count as errors: every non-2xx but an edit's 412 (a conflict is an answer, counted apart). */
export const failedAnswers = (statuses) =>
  Object.entries(statuses).filter(([code]) => !code.startsWith('2') && code !== '412').reduce((sum, [, count]) => sum + count, 0);

function keepSlowest(slowest, answer, count = 10) {
  if (slowest.length === count && answer.ms <= slowest[count - 1].ms) return;
  slowest.push(answer);
  slowest.sort((a, b) => b.ms - a.ms);
  slowest.length = Math.min(slowest.length, count);
}

/**
 * `requests` as autocannon takes them (method, path, headers, body, setupRequest(request, context), onResponse(status,
 * body, context)), taken in turn; each request has a context of its own. First `warmSeconds` at the same rate on the
 * same connections, unmeasured (the first answers of a new pool wait for its connections and this process's JIT),
 * then `seconds` measured. Returns the figures `load` returns, and the schedule's own precision: how late the sends
 * left (`sendLag`) and the most requests outstanding at once.
 */
export async function paced({ url, headers, requests, seconds, rate, connections, warmSeconds = 1, timeoutSeconds = 10 }) {
  // Imported when first used: `npm run bench` installs the packages after this module loads.
  const [{ default: hdr }, { Pool }] = await Promise.all([import('hdr-histogram-js'), import('undici')]);
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections, pipelining: 1, headersTimeout: timeoutSeconds * 1000, bodyTimeout: timeoutSeconds * 1000 });
  try {
    if (warmSeconds > 0) (await schedule({ pool, target, headers, requests, seconds: warmSeconds, rate, hdr })).destroy();
    const tally = await schedule({ pool, target, headers, requests, seconds, rate, hdr });
    const figures = tally.figures();
    tally.destroy();
    return figures;
  } finally {
    await pool.close();
  }
}

/** One evenly spaced run on `pool`; resolves once every request has answered or failed. */
async function schedule({ pool, target, headers, requests, seconds, rate, hdr }) {
  const latency = histogram(hdr);
  const sendLag = histogram(hdr);
  const statuses = {};
  let connectionErrors = 0;
  let timeouts = 0;
  let outstanding = 0;
  let mostOutstanding = 0;
  let lastAnswer = 0;
  // The slowest answers and when they were due (seconds into the run; `startedAt` is its wall clock), to tell a
  // pause that delays many requests at once (GC, a checkpoint) from queueing spread over the run.
  const slowest = [];
  const interval = 1000 / rate;
  const total = Math.max(1, Math.round(rate * seconds));
  const start = performance.now();
  const startedAt = new Date().toISOString();

  const send = async (spec, due) => {
    const context = {};
    const base = { method: spec.method ?? 'GET', path: spec.path ?? `${target.pathname}${target.search}`, headers: { ...headers, ...spec.headers }, body: spec.body };
    const request = spec.setupRequest ? spec.setupRequest(base, context) : base;
    outstanding++;
    mostOutstanding = Math.max(mostOutstanding, outstanding);
    sendLag.recordValue(Math.max(1, Math.round((performance.now() - due) * 1000)));
    try {
      const answer = await pool.request({ path: request.path, method: request.method, headers: request.headers, body: request.body });
      const body = await answer.body.text();
      const end = performance.now();
      lastAnswer = end;
      statuses[answer.statusCode] = (statuses[answer.statusCode] ?? 0) + 1;
      // Only 2xx latencies, as autocannon records them; every other answer is counted by its status.
      if (answer.statusCode >= 200 && answer.statusCode < 300) latency.recordValue(Math.max(1, Math.round((end - due) * 1000)));
      keepSlowest(slowest, { atSeconds: Math.round(due - start) / 1000, ms: Math.round((end - due) * 100) / 100 });
      spec.onResponse?.(answer.statusCode, body, context);
    } catch (error) {
      if (error.code === 'UND_ERR_HEADERS_TIMEOUT' || error.code === 'UND_ERR_BODY_TIMEOUT') timeouts++;
      else connectionErrors++;
    } finally {
      outstanding--;
    }
  };

  const inFlight = [];
  await new Promise((resolve) => {
    let sent = 0;
    // Everything already due goes out now (after a late timer too, so the rate holds); then sleep until the next one.
    const tick = () => {
      while (sent < total && start + sent * interval <= performance.now()) {
        inFlight.push(send(requests[sent % requests.length], start + sent * interval));
        sent++;
      }
      if (sent === total) resolve();
      else setTimeout(tick, start + sent * interval - performance.now());
    };
    tick();
  });
  await Promise.all(inFlight);

  return {
    figures: () => {
      const answered = Object.values(statuses).reduce((sum, count) => sum + count, 0);
      return {
        rate,
        requestsPerSecond: Math.round(answered / ((lastAnswer - start) / 1000 || seconds)),
        p50: ms(latency.getValueAtPercentile(50)),
        p99: ms(latency.getValueAtPercentile(99)),
        max: ms(latency.maxValue),
        requests: total,
        errors: failedAnswers(statuses) + connectionErrors + timeouts,
        conflicts: statuses['412'] ?? 0,
        statuses,
        connectionErrors,
        timeouts,
        sendLag: { p50: ms(sendLag.getValueAtPercentile(50)), p99: ms(sendLag.getValueAtPercentile(99)), max: ms(sendLag.maxValue) },
        mostOutstanding,
        startedAt,
        slowest,
      };
    },
    destroy: () => {
      latency.destroy();
      sendLag.destroy();
    },
  };
}
