// What every benchmark measures with: percentiles, CPU of processes and of the machine (from /proc).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Nearest-rank percentile of sorted values; null when there are none. */
export function percentile(sorted, p) {
  return sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const round1 = (v) => (v === null ? null : Number(v.toFixed(1)));

/** count, p50, p95, p99, max and mean of latencies (ms, one decimal). */
export function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: round1(percentile(sorted, 50)), p95: round1(percentile(sorted, 95)), p99: round1(percentile(sorted, 99)), max: round1(sorted.at(-1) ?? null),
    mean: round1(sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : null),
  };
}

/** utime + stime of a process in seconds (0 once it has gone). */
export function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds of the PostgreSQL server of `dataDir`: the postmaster, its live backends, and (cutime /
 * cstime of the postmaster) the backends that have ended, so closed connections keep their time.
 */
export function postgresCpuSeconds(dataDir) {
  if (!dataDir) return 0;
  let postmaster;
  try {
    postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return 0;
  }
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ');
      if (Number(entry) === postmaster) total += (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100;
      else if (Number(fields[1]) === postmaster) total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** Busy and total jiffies of the whole machine, from /proc/stat. */
export function machineCpu() {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = values[3] + values[4];
  const total = values.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}
