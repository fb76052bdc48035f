// CPU time spent by the API process and by PostgreSQL's processes during a load run, from /proc (Linux only): per
// request it separates the API's own cost from the database's, which throughput on shared cores cannot.
import fs from 'node:fs';

const ticksPerSecond = 100; // USER_HZ on Linux

/** utime + stime (+ reaped children's) of one process, in seconds; null when it cannot be read. */
function processSeconds(pid, withChildren) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3; utime is field 14.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const own = Number(fields[11]) + Number(fields[12]);
    return (withChildren ? own + Number(fields[13]) + Number(fields[14]) : own) / ticksPerSecond;
  } catch {
    return null;
  }
}

/** Every PostgreSQL process's CPU seconds, ended backends included (they are counted in the postmaster's children). */
function postgresSeconds() {
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let comm;
    try {
      comm = fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (comm === 'postgres') total += processSeconds(entry, true) ?? 0;
  }
  return total;
}

/** A sample to hand to `cpuPerRequest` after the run; null off Linux. */
export function cpuSample(apiPid) {
  if (!apiPid || !fs.existsSync('/proc/self/stat')) return null;
  return { api: processSeconds(apiPid, false), postgres: postgresSeconds() };
}

/** Microseconds of API and PostgreSQL CPU per request between `before` and now, or undefined. */
export function cpuPerRequest(apiPid, before, requests) {
  const after = cpuSample(apiPid);
  if (!before || !after || before.api === null || after.api === null || !(requests > 0)) return undefined;
  const perRequest = (seconds) => Math.round((seconds * 1e6) / requests);
  return { apiMicroseconds: perRequest(after.api - before.api), postgresMicroseconds: perRequest(after.postgres - before.postgres) };
}
