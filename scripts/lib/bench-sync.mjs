// The sync figures: one user with many blocks on a sandbox (X: 100,000; Mastodon: 50,000 on fedi.example), its
// rate limits off. POST /api/sync starts a run; each GET /api/sync reports it (status, and per relation
// phase/fetched/folded) and folds some fetched pages, so we poll until it completes. Memory is the API process's peak
// resident set (VmHWM) during the run, and its growth over the resident set just before.
import fs from 'node:fs';

export const bulkUserId = '1000000005';

/** The Mastodon sandbox's bulkblocker (api/Reasonable.Sandbox.Mastodon/README.md): 50,000 blocks, read 80 a page. */
export const mastodonBulk = { instance: 'fedi.example', id: '109000000000000003', blocks: 50_000 };

/**
 * Sync figures, or { available: false } when this build has no sync routes yet. `sandboxUrl` is the sandbox (or
 * sandbox instance) the user is on: its rate limits are switched off through its control endpoint.
 */
export async function measureSync({ client, sandboxUrl, apiPid, timeoutSeconds }) {
  const probe = await client.get('/api/sync', { allow: [404, 405] });
  if (probe.status === 404 || probe.status === 405) return { available: false };

  await fetch(`${sandboxUrl}/_sandbox/rate-limits`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enabled: false }),
  }).then((response) => {
    if (!response.ok) throw new Error(`the sandbox refused to switch rate limits off (${response.status})`);
  });

  const rssBeforeMb = memory(apiPid, 'VmRSS');
  const peakReset = resetPeak(apiPid);
  const start = performance.now();
  await client.post('/api/sync', {});
  let run;
  let polls = 0;
  let sampledPeakMb = rssBeforeMb;
  while (true) {
    run = runOf((await client.get('/api/sync')).body);
    polls++;
    sampledPeakMb = Math.max(sampledPeakMb, memory(apiPid, 'VmRSS'));
    if (run?.status === 'completed' || run?.status === 'failed') break;
    if (performance.now() - start > timeoutSeconds * 1000) {
      throw new Error(`sync did not finish within ${timeoutSeconds} s (status ${run?.status}, folded ${folded(run)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const seconds = (performance.now() - start) / 1000;
  if (run.status === 'failed') throw new Error(`sync failed: ${run.lastError}`);
  // VmHWM since the reset is the true peak; without the reset it is the process's lifetime peak, so take the samples.
  const peakRssMb = peakReset ? memory(apiPid, 'VmHWM') : sampledPeakMb;
  return {
    available: true,
    seconds: Math.round(seconds * 10) / 10,
    folded: folded(run),
    pages: (run.relations ?? []).reduce((sum, relation) => sum + relation.pages, 0),
    polls,
    rssBeforeMb,
    peakRssMb,
    rssGrowthMb: peakRssMb - rssBeforeMb,
    peakIsSampled: !peakReset,
  };
}

/** The latest run in GET /api/sync's answer (`latestRun`; `completed` means fetched and folded into accounts). */
function runOf(body) {
  return body?.latestRun;
}

/** Accounts folded, summed over the run's relations. */
function folded(run) {
  return (run?.relations ?? []).reduce((sum, relation) => sum + relation.folded, 0);
}

/** A line of /proc/<pid>/status, in MB. */
function memory(pid, field) {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : null;
}

/** Resets the process's peak RSS (Linux: "5" into clear_refs) so VmHWM covers the sync alone; false if refused. */
function resetPeak(pid) {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
