// Citizen applications benchmark (issue 6 "Speed"): N citizens at once, each doing the whole
// journey for item 210100-GG-00003-C (居住证核发) against the real API: start a draft, save the
// form, upload two small PDFs, attach them to the three mandatory materials, submit with an
// Idempotency-Key. Target: submit p95 < 300 ms with 50 citizens on 2 cores.
//
// A citizen is a person: between two requests of the journey they read, type and pick files. Each
// level says how long they pause (about that long: 0.5–1.5 × at random, so they do not move in
// step). The default runs 50 citizens pausing ~1 s (a fast person: a real one takes minutes to
// fill a form) for the target, then 50 citizens with no pause at all — every answer followed at
// once by the next request, a saturation test that shows the platform's throughput.
//
// Production layout on one machine: embedded PostgreSQL (fsync on), the engine CLI and the API's
// own entry point (apps/api/dist/main.js) as separate processes. The API fetches its signing keys
// from a local JWKS endpoint served here, so tokens are minted with a local RS256 key.
// Writes bench/results/applications.json (one entry per level of concurrency, kept across runs)
// and the figures into bench/README.md.
//
// Usage: node bench/applications.mjs [--citizens 50:1000,50 | --citizens 10,20,50] [--submissions 400]
// Env: BENCH_CITIZENS (50:1000,50) citizens at once, optionally `:pause-ms` between their requests
// (none without), or a list run one after the other on fresh processes,
// BENCH_SUBMISSIONS (400) measured submissions,
// BENCH_WARMUP (one per citizen) journeys before measuring, BENCH_LOG_LEVEL (info) of the API,
// BENCH_NO_BUILD=1 to skip `tsc -b apps/api libs/engine`, DATABASE_URL for an external PostgreSQL,
// BENCH_STALL_SECONDS (20): when no request is answered for this long, the run stops and reports a stall;
// BENCH_API_PROF=<file> to write a V8 tick log of the API (read it with `node --prof-process <file>`).
// The stack each run starts: bench/lib/stack.mjs.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { cpuSeconds, machineCpu, postgresCpuSeconds, summary } from './lib/measure.mjs';
import { citizen, pdf } from './lib/people.mjs';
import { startStack } from './lib/stack.mjs';

const here = import.meta.dirname;
const root = path.resolve(here, '..');
const log = (message) => process.stderr.write(`[bench] ${message}\n`);

function setting(flag, variable, fallback) {
  const at = process.argv.indexOf(flag);
  const raw = at >= 0 ? process.argv[at + 1] : process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} / ${variable} must be a positive whole number, got ${raw}`);
  return value;
}
/** Levels: citizens at once with their pause between requests (`50:1000`) or none (`50`); each run on fresh processes. */
const levels = String((process.argv.includes('--citizens') ? process.argv[process.argv.indexOf('--citizens') + 1] : process.env.BENCH_CITIZENS) || '50:1000,50')
  .split(',').map((raw) => {
    const [citizens, pauseMs = 0] = raw.split(':').map(Number);
    if (!Number.isInteger(citizens) || citizens < 1 || !Number.isInteger(pauseMs) || pauseMs < 0) {
      throw new Error(`--citizens / BENCH_CITIZENS must be levels like 50 or 50:1000 (citizens:pause ms) separated by commas, got ${raw}`);
    }
    return { citizens, pauseMs };
  });
/** How a level is named in the results and the README. */
const levelKey = ({ citizens, pauseMs }) => (pauseMs ? `${citizens}@${pauseMs}ms` : String(citizens));
const levelLabel = ({ citizens, pauseMs }) => `${citizens} citizens at once, ${pauseMs ? `~${pauseMs / 1000} s between requests` : 'no pause'}`;
const submissions = setting('--submissions', 'BENCH_SUBMISSIONS', 400);
const warmupSetting = setting('--warmup', 'BENCH_WARMUP', null);
const apiLogLevel = process.env.BENCH_LOG_LEVEL || 'info';
const stallSeconds = setting('--stall-seconds', 'BENCH_STALL_SECONDS', 20);

const ITEM = '210100-GG-00003-C';
const STEPS = ['create', 'form', 'upload', 'attach', 'submit'];
const CITIZENS = { kind: 'bench', subPrefix: 'b0a80101', bornFrom: 1965, sequenceFrom: 100 };


// ---- citizens (bench/lib/people.mjs)

function formFor(person) {
  return {
    name: person.name, idNumber: person.idNumber, address: '沈阳市和平区太原街1号', residentSince: '2025-06-01',
    basis: 'employment', delivery: 'counter', phone: `138${String(person.idNumber.slice(-8).replace('X', '0')).padStart(8, '0')}`,
  };
}

// ---- measuring (bench/lib/measure.mjs)

/**
 * Samples what the API's database sessions are doing (10 per second): how many run, how many wait
 * on a lock and behind which statement. Shows serialisation that latency alone cannot explain.
 */
function startActivitySampler(url, database) {
  const client = new pg.Client({ connectionString: url });
  const waits = new Map();
  let samples = 0;
  let active = 0;
  let stopped = false;
  const done = (async () => {
    await client.connect();
    while (!stopped) {
      const { rows } = await client.query(
        `SELECT wait_event_type, wait_event, regexp_replace(left(query, 70), '\\s+', ' ', 'g') AS query FROM pg_stat_activity
         WHERE datname = $1 AND state IN ('active', 'idle in transaction') AND pid <> pg_backend_pid()`, [database]);
      samples++;
      active += rows.length;
      for (const row of rows) {
        if (row.wait_event_type !== 'Lock') continue;
        const key = `${row.wait_event}: ${row.query}`;
        waits.set(key, (waits.get(key) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await client.end();
  })();
  return async () => {
    stopped = true;
    await done;
    const perSample = (n) => Number((n / Math.max(samples, 1)).toFixed(2));
    return {
      samples,
      busySessionsAvg: perSample(active),
      lockWaitsAvg: perSample([...waits.values()].reduce((a, b) => a + b, 0)),
      lockWaitsByStatement: Object.fromEntries([...waits].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, n]) => [k, perSample(n)])),
    };
  };
}

// ---- the journey

class StepError extends Error {
  constructor(step, status, body) {
    super(`${step}: HTTP ${status} ${body}`);
    this.step = step;
    this.status = status;
    this.body = body;
  }
}

/**
 * Runs journeys and watches for a stall: when no request has finished for `stallSeconds` while
 * some are in flight, every request in flight is aborted and the phase ends (a hung API would
 * otherwise hold the benchmark for Node's 5-minute request timeout).
 */
function journeyRunner(baseUrl, { stallSeconds }) {
  // One controller per request (a shared signal would collect a listener per fetch).
  const pending = new Set();
  let stopped = false;
  let inFlight = 0;
  let answered = 0;
  let lastProgress = performance.now();
  let stalledAt = null;

  const call = async (step, token, method, url, { json, form, headers = {}, expect = [200] } = {}) => {
    if (stopped) throw new StepError(step, 0, 'not sent: the API stalled');
    let response;
    let text;
    const abort = new AbortController();
    pending.add(abort);
    inFlight++;
    try {
      response = await fetch(`${baseUrl}${url}`, {
        method, signal: abort.signal,
        headers: { authorization: `Bearer ${token}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: json === undefined ? form : JSON.stringify(json),
      });
      text = await response.text();
      answered++;
    } catch (error) {
      throw new StepError(step, 0, abort.signal.aborted ? `no answer within ${stallSeconds} s: the API stalled` : String(error.cause?.message ?? error.message));
    } finally {
      pending.delete(abort);
      inFlight--;
      lastProgress = performance.now();
    }
    if (!expect.includes(response.status)) throw new StepError(step, response.status, text.slice(0, 1000));
    return JSON.parse(text);
  };
  const upload = (token, content, name) => {
    const form = new FormData();
    form.append('file', new Blob([content], { type: 'application/pdf' }), name);
    return call('upload', token, 'POST', '/api/files', { form, expect: [201] });
  };

  /**
   * One citizen's whole journey; returns the time of each step and of the whole (the time spent
   * waiting for answers, pauses not counted), in ms. `pauseMs`: about how long the citizen pauses
   * before each request (the first of the journey too).
   */
  async function journey({ person, token, tag }, pauseMs) {
    const times = { journey: 0 };
    const timed = async (step, work) => {
      // Before the first request too: a person reads the guide before starting, and citizens who all
      // began in the same millisecond would be a burst no city sees (it showed as a create p95 of 291 ms).
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs * (0.5 + Math.random())));
      const t0 = performance.now();
      const result = await work();
      const took = performance.now() - t0;
      times[step] = (times[step] ?? 0) + took;
      times.journey += took;
      return result;
    };
    const draft = await timed('create', () => call('create', token, 'POST', '/api/applications', { json: { itemCode: ITEM }, expect: [201] }));
    await timed('form', () => call('form', token, 'PUT', `/api/applications/${draft.id}/form`, { json: { formData: formFor(person), version: draft.version } }));
    // Two small materials: the ID card (also serves as the photo: "或使用身份证照片") and the lease.
    const idCard = await timed('upload', () => upload(token, pdf(`${tag} id-card`, 3), '身份证.pdf'));
    const lease = await timed('upload', () => upload(token, pdf(`${tag} lease`, 5), '房屋租赁合同.pdf'));
    for (const [materialId, file] of [['id-card', idCard], ['photo', idCard], ['residence-proof', lease]]) {
      await timed('attach', () => call('attach', token, 'PUT', `/api/applications/${draft.id}/materials/${materialId}`, { json: { fileIds: [file.id] } }));
    }
    const submitted = await timed('submit', () => call('submit', token, 'POST', `/api/applications/${draft.id}/submit`, { headers: { 'idempotency-key': `bench-${randomUUID()}` } }));
    if (submitted.status !== 'submitted' || !/^210100-\d{8}-\d{6}$/.test(submitted.caseNumber ?? '')) {
      throw new StepError('submit', 200, `unexpected answer: status ${submitted.status}, case number ${submitted.caseNumber}`);
    }
    return times;
  }

  /** `concurrency` citizens at once, each taking the next journey until `total` have been claimed. */
  async function runPhase({ journeys, from, total, concurrency, pauseMs, onDone, onStall }) {
    let next = from;
    let completed = 0;
    const errors = [];
    const watchdog = setInterval(() => {
      if (stalledAt !== null || inFlight === 0 || performance.now() - lastProgress < stallSeconds * 1000) return;
      stalledAt = { inFlight, secondsWithoutAnswer: stallSeconds };
      // Look at the database while the requests are still hanging, then let them go.
      void onStall().then((snapshot) => { stalledAt.database = snapshot; }, (error) => { stalledAt.database = String(error); }).finally(() => {
        stopped = true;
        for (const request of pending) request.abort();
      });
    }, 1000);
    const loop = async () => {
      while (next < from + total && !stopped) {
        const index = next++;
        try {
          onDone(await journey(journeys[index], pauseMs));
          completed++;
        } catch (error) {
          errors.push(error instanceof StepError ? { step: error.step, status: error.status, problem: error.body } : { step: '?', status: 0, problem: String(error) });
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, loop));
    clearInterval(watchdog);
    return { errors, completed, notRun: Math.max(0, from + total - next), stalled: stalledAt && { ...stalledAt, journeysCompletedInPhase: completed } };
  }

  // Every request of the journey changes state (POST / PUT), so each answered one owes an audit entry.
  return { runPhase, answered: () => answered };
}

async function auditEntries(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query('SELECT count(*) AS n FROM audit_entry')).rows[0].n);
  } finally {
    await client.end();
  }
}

/** What the API's database sessions are doing, grouped (taken when the API stalls). */
async function databaseSnapshot(url, database) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT state, coalesce(wait_event_type || ':' || wait_event, '-') AS wait, regexp_replace(left(query, 80), '\\s+', ' ', 'g') AS query, count(*)::int AS sessions
       FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() GROUP BY 1, 2, 3 ORDER BY 4 DESC`, [database]);
    return rows;
  } finally {
    await client.end();
  }
}

// ---- main
// ---- one run: fresh PostgreSQL, engine and API for each level of concurrency

async function runLevel({ citizens, pauseMs }) {
  const warmup = warmupSetting ?? citizens;
  let stack = null;
  const onSignal = () => { void (stack?.stop() ?? Promise.resolve()).finally(() => process.exit(130)); };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  try {
    log(`${levelLabel({ citizens, pauseMs })}: starting PostgreSQL, the engine and the API (apps/api/dist/main.js)`);
    stack = await startStack({ name: 'apps', apiLogLevel, log });
    const { api, engine, baseUrl, pgDataDir, withDatabase } = stack;

    // Tokens are minted before the clock starts, so signing does not load the machine meanwhile.
    const journeys = [];
    for (let i = 0; i < warmup + submissions; i++) {
      const person = citizen(i, CITIZENS);
      const token = await stack.sign(person.sub, {
        preferred_username: person.username, name: person.name, idNumber: person.idNumber, realm_access: { roles: ['citizen', 'default-roles-gov'] }, groups: [],
      });
      journeys.push({ person, token, tag: `${person.sub} ${randomUUID()}` });
    }

    const { runPhase, answered } = journeyRunner(baseUrl, { stallSeconds });
    const onStall = () => databaseSnapshot(withDatabase('apps_bench'), 'apps_bench');
    log(`${levelLabel({ citizens, pauseMs })}: warm-up, ${warmup} journeys`);
    const warm = await runPhase({ journeys, from: 0, total: warmup, concurrency: citizens, pauseMs, onDone: () => {}, onStall });

    const times = Object.fromEntries([...STEPS, 'journey'].map((s) => [s, []]));
    let measured = { errors: [], completed: 0, notRun: submissions, stalled: null };
    let cpu = null;
    let database = null;
    let audit = null;
    let elapsed = 0;
    if (!warm.stalled) {
      log(`${levelLabel({ citizens, pauseMs })}: measuring, ${submissions} journeys`);
      const stopSampler = startActivitySampler(withDatabase('apps_bench'), 'apps_bench');
      const auditStart = { entries: await auditEntries(withDatabase('apps_bench')), answered: answered() };
      const start = { api: cpuSeconds(api.child.pid), engine: cpuSeconds(engine.child.pid), postgres: postgresCpuSeconds(pgDataDir), client: process.cpuUsage(), machine: machineCpu() };
      const t0 = performance.now();
      measured = await runPhase({
        journeys, from: warmup, total: submissions, concurrency: citizens, pauseMs, onStall,
        onDone: (t) => { for (const [step, ms] of Object.entries(t)) times[step].push(ms); },
      });
      elapsed = (performance.now() - t0) / 1000;
      const machineEnd = machineCpu();
      const clientCpu = process.cpuUsage(start.client);
      const percentOfCore = (seconds) => Math.round((seconds / elapsed) * 100);
      cpu = {
        api: percentOfCore(cpuSeconds(api.child.pid) - start.api),
        engine: percentOfCore(cpuSeconds(engine.child.pid) - start.engine),
        postgres: pgDataDir ? percentOfCore(postgresCpuSeconds(pgDataDir) - start.postgres) : null,
        client: percentOfCore((clientCpu.user + clientCpu.system) / 1e6),
        machineBusy: Math.round(((machineEnd.busy - start.machine.busy) / (machineEnd.total - start.machine.total)) * 100),
      };
      // Whatever else ran on the machine meanwhile (builds, other tests): figures compare well only when this is near 0.
      cpu.otherProcesses = Math.max(0, Math.round(cpu.machineBusy * cpus().length - cpu.api - cpu.engine - (cpu.postgres ?? 0) - cpu.client));
      database = await stopSampler();
      // The audit chain appends one entry at a time after each response; when it cannot keep up, the backlog grows.
      const auditEnd = { entries: await auditEntries(withDatabase('apps_bench')), answered: answered() };
      audit = {
        stateChangingRequestsPerSecond: Number(((auditEnd.answered - auditStart.answered) / elapsed).toFixed(1)),
        entriesWrittenPerSecond: Number(((auditEnd.entries - auditStart.entries) / elapsed).toFixed(1)),
        backlogAtStart: auditStart.answered - auditStart.entries,
        backlogAtEnd: auditEnd.answered - auditEnd.entries,
      };
    }
    const submit = summary(times.submit);
    const errorCount = warm.errors.length + measured.errors.length;
    return {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 1e9), node: process.version },
      citizens, pauseMs, submissions, warmup, apiLogLevel,
      seconds: Number(elapsed.toFixed(1)),
      submissionsPerSecond: elapsed > 0 ? Number((times.submit.length / elapsed).toFixed(1)) : 0,
      latencyMs: Object.fromEntries([...STEPS, 'journey'].map((s) => [s, summary(times[s])])),
      cpuPercentOfOneCore: cpu,
      database,
      audit,
      errors: { count: errorCount, warmup: warm.errors.length, notRun: measured.notRun, first: [...warm.errors, ...measured.errors].slice(0, 5) },
      stalled: warm.stalled ? { phase: 'warm-up', ...warm.stalled } : measured.stalled ? { phase: 'measured', ...measured.stalled } : null,
      // The target is for citizens who pause like people; without pauses the run measures throughput.
      targetMet: pauseMs === 0 ? null : submit.p95 !== null && submit.p95 < 300 && errorCount === 0 && measured.notRun === 0,
    };
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    await stack?.stop();
  }
}

async function main() {
  if (process.env.BENCH_NO_BUILD !== '1') {
    log('building apps/api and libs/engine');
    execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', 'apps/api', 'libs/engine'], { cwd: root, stdio: 'inherit' });
  }
  const file = path.join(here, 'results', 'applications.json');
  let results = { runs: {} };
  try {
    results = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // first run
  }
  let failed = false;
  for (const level of levels) {
    const run = await runLevel(level);
    // Runs at other levels stay, each with its own date and machine.
    results = {
      settings: {
        item: ITEM,
        journey: 'POST /api/applications → PUT form → 2 × POST /api/files (3 KB and 5 KB PDF) → 3 × PUT materials (id-card, photo = the ID-card PDF, residence-proof) → POST submit (Idempotency-Key)',
        layout: 'embedded PostgreSQL (fsync on), engine CLI, API (apps/api/dist/main.js) and this load generator as separate processes on one machine; fresh ones per level',
        target: 'submit p95 < 300 ms with 50 citizens on 2 cores, each pausing about a second between requests',
      },
      runs: { ...results.runs, [levelKey(level)]: run },
    };
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`\n${runReport(run).join('\n')}\n`);
    failed ||= run.errors.count > 0 || run.errors.notRun > 0;
  }
  updateReadme(results);
  log('wrote bench/results/applications.json and bench/README.md');
  if (failed) process.exitCode = 1;
}

// ---- reporting

const ms = (v) => (v === null ? '–' : String(Math.round(v)));

function stallLine(stall) {
  const sessions = Array.isArray(stall.database)
    ? stall.database.slice(0, 3).map((row) => `${row.sessions} × ${row.state} (${row.wait}) \`${row.query.trim()}…\``).join('; ')
    : String(stall.database);
  return `The API stalled in the ${stall.phase} phase after ${stall.journeysCompletedInPhase} journeys: ${stall.inFlight} requests got no answer for ${stall.secondsWithoutAnswer} s. Its database sessions at that moment: ${sessions}.`;
}

/** Average sessions waiting on the audit chain lock and on the case-number counter row. */
function lockWaits(run) {
  const by = Object.entries(run.database?.lockWaitsByStatement ?? {});
  const sum = (test) => by.filter(([k]) => test(k)).reduce((a, [, n]) => a + n, 0).toFixed(1);
  return `${sum((k) => k.includes('pg_advisory_xact_lock'))} / ${sum((k) => k.includes('case_number_counter'))}`;
}

/** What a run prints: the figures, the first errors, and where the database sessions waited. */
function runReport(run) {
  const c = run.cpuPercentOfOneCore;
  const l = run.latencyMs;
  const lines = [
    `${levelLabel(run)}, ${l.submit.count} submissions measured in ${run.seconds} s after ${run.warmup} warm-up journeys (${run.machine.cpus} cores, Node ${run.machine.node}):`,
    `  ${run.submissionsPerSecond} submissions/s; submit p50 ${ms(l.submit.p50)} / p95 ${ms(l.submit.p95)} / p99 ${ms(l.submit.p99)} / max ${ms(l.submit.max)} ms; journey p50 ${ms(l.journey.p50)} / p95 ${ms(l.journey.p95)} ms; target ${run.targetMet === null ? 'n/a (saturation)' : run.targetMet ? 'met' : 'NOT met'}`,
    `  errors ${run.errors.count} (warm-up ${run.errors.warmup}), journeys not run ${run.errors.notRun}`,
  ];
  for (const step of STEPS) lines.push(`  ${step.padEnd(7)} p50 ${ms(l[step].p50)} / p95 ${ms(l[step].p95)} / p99 ${ms(l[step].p99)} / max ${ms(l[step].max)} ms`);
  if (c) lines.push(`  CPU % of one core: API ${c.api}, engine ${c.engine}, PostgreSQL ${c.postgres ?? '?'}, load generator ${c.client}, other processes ${c.otherProcesses}; machine busy ${c.machineBusy}%`);
  if (run.database) {
    lines.push(`  API database sessions: ${run.database.busySessionsAvg} busy on average, ${run.database.lockWaitsAvg} of them waiting on a lock:`);
    for (const [statement, n] of Object.entries(run.database.lockWaitsByStatement)) lines.push(`    ${n}  ${statement}`);
  }
  if (run.audit) lines.push(`  audit log: ${run.audit.entriesWrittenPerSecond} entries/s written for ${run.audit.stateChangingRequestsPerSecond} state-changing requests/s; entries owed ${run.audit.backlogAtStart} at the start, ${run.audit.backlogAtEnd} at the end`);
  if (run.stalled) {
    lines.push(`  STALLED: ${stallLine(run.stalled)}`);
    for (const row of Array.isArray(run.stalled.database) ? run.stalled.database : []) lines.push(`    ${row.sessions} × ${row.state} (${row.wait}) ${row.query}`);
  }
  for (const e of run.errors.first) lines.push(`  error: ${e.step} → HTTP ${e.status}: ${e.problem}`);
  return lines;
}

function figures(results) {
  const runs = Object.values(results.runs).sort((a, b) => a.citizens - b.citizens || (b.pauseMs ?? 0) - (a.pauseMs ?? 0));
  const detail = runs.find((r) => r.citizens === 50 && r.pauseMs > 0 && r.latencyMs.submit.count > 0) ?? [...runs].reverse().find((r) => r.latencyMs.submit.count > 0);
  const row = (r) => {
    const c = r.cpuPercentOfOneCore;
    const s = r.latencyMs.submit;
    return `| ${levelLabel(r)} | ${r.date.slice(0, 10)} | ${r.stalled ? '**stalled**' : r.submissionsPerSecond} | ${s.count ? `${ms(s.p50)} / **${ms(s.p95)}** / ${ms(s.p99)} / ${ms(s.max)}` : '–'} | ${s.count ? `${ms(r.latencyMs.journey.p50)} / ${ms(r.latencyMs.journey.p95)}` : '–'} | ${r.errors.count} (${r.errors.notRun} not run) | ${c ? `${c.api} / ${c.engine} / ${c.postgres ?? '?'} / ${c.client} / ${c.otherProcesses}` : '–'} | ${r.database ? lockWaits(r) : '–'} |`;
  };
  const m = runs[0]?.machine;
  return [
    `Machine: ${m?.cpus} cores (${m?.cpuModel}), ${m?.memoryGb} GB, Node ${m?.node}. Raw figures: \`bench/results/applications.json\`.`,
    '',
    '| level | date | submissions/s | submit p50 / p95 / p99 / max ms | journey p50 / p95 ms (answers only) | errors | CPU % of a core: API / engine / Postgres / load / other | sessions waiting: audit lock / case-number row |',
    '|---|---|---|---|---|---|---|---|',
    ...runs.map(row),
    ...runs.filter((r) => r.audit).flatMap((r) => ['', `${levelLabel(r)}: the audit log wrote ${r.audit.entriesWrittenPerSecond} entries/s for ${r.audit.stateChangingRequestsPerSecond} state-changing requests/s; entries owed: ${r.audit.backlogAtStart} at the start of the measured phase, ${r.audit.backlogAtEnd} at its end.`]),
    ...runs.filter((r) => r.stalled).flatMap((r) => ['', `${levelLabel(r)}: ${stallLine(r.stalled)}`]),
    ...(detail ? [
      '',
      `Each request of the journey, ${levelLabel(detail)} (ms; materials and uploads summed per journey; the whole journey without the pauses):`,
      '',
      '| request | p50 | p95 | p99 | max |',
      '|---|---|---|---|---|',
      ...[['POST /api/applications', 'create'], ['PUT form', 'form'], ['2 × POST /api/files', 'upload'], ['3 × PUT materials', 'attach'], ['POST submit', 'submit'], ['whole journey', 'journey']]
        .map(([label, key]) => `| ${label} | ${ms(detail.latencyMs[key].p50)} | ${ms(detail.latencyMs[key].p95)} | ${ms(detail.latencyMs[key].p99)} | ${ms(detail.latencyMs[key].max)} |`),
    ] : []),
  ];
}

function updateReadme(results) {
  const file = path.join(here, 'README.md');
  const readme = readFileSync(file, 'utf8');
  if (!readme.includes('<!-- applications-bench:start -->')) throw new Error('bench/README.md has no <!-- applications-bench:start --> marker');
  const block = ['<!-- applications-bench:start -->', ...figures(results), '<!-- applications-bench:end -->'].join('\n');
  writeFileSync(file, readme.replace(/<!-- applications-bench:start -->[\s\S]*?<!-- applications-bench:end -->/, () => block));
}

if (process.argv.includes('--readme-only')) {
  updateReadme(JSON.parse(readFileSync(path.join(here, 'results', 'applications.json'), 'utf8')));
} else {
  main().catch((error) => {
    log(error.stack ?? String(error));
    process.exit(1);
  });
}
