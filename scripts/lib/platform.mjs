// Starts the whole platform in order (Postgres, Keycloak, engine, simulated departments, API + web, worker) and
// supervises it. Used by `npm start` (scripts/start.mjs) and by the end-to-end tests.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { apiNodeFlags } from './node-flags.mjs';
import { startEmbeddedPostgres } from './postgres.mjs';
import { isListening } from './ports.mjs';
import { startProcess, waitForHttp } from './processes.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export class StartError extends Error {
  constructor(part, message, tail = '') {
    super(message);
    this.part = part;
    this.tail = tail;
  }
}

/** A second `npm start` on the same data folder must fail instead of corrupting data. */
function takeLock(dataDir) {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'platform.lock');
  if (existsSync(lockFile)) {
    const { pid } = JSON.parse(readFileSync(lockFile, 'utf8'));
    let alive = false;
    try { process.kill(pid, 0); alive = true; } catch { /* stale lock */ }
    if (alive && pid !== process.pid) {
      throw new StartError('lock', `The platform is already running from ${dataDir} (process ${pid}). Stop it first (Ctrl-C in its terminal, or kill ${pid}).`);
    }
  }
  writeFileSync(lockFile, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
  return () => rmSync(lockFile, { force: true });
}

async function ensureDatabase(adminUrl, name) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

async function assertFree(port, part, variable) {
  if (await isListening(port)) {
    throw new StartError(part, `Port ${port} is already in use, so ${part} cannot start. Free it or choose another port with ${variable}.`);
  }
}

/** Demo accounts, read from the realm file so the list never drifts from it. */
export function demoAccounts(realmFile = path.join(ROOT, 'keycloak/gov-realm.json')) {
  const realm = JSON.parse(readFileSync(realmFile, 'utf8'));
  return (realm.users ?? [])
    .filter((user) => !user.username.startsWith('service-account-'))
    .map((user) => ({
      username: user.username,
      name: `${user.lastName ?? ''}${user.firstName ?? ''}`,
      roles: (user.realmRoles ?? []).filter((role) => !role.startsWith('default-roles')),
      groups: user.groups ?? [],
    }));
}

/**
 * @param {{ dataDir?: string, env?: NodeJS.ProcessEnv, log?: (line: string) => void, ports?: Partial<Record<'api'|'postgres'|'keycloak'|'engineGrpc'|'engineRest'|'deptSim', number>>, worker?: boolean, deptSim?: boolean }} options
 */
export async function startPlatform(options = {}) {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line) => console.log(line));
  const dataDir = path.resolve(options.dataDir ?? env.DATA_DIR ?? path.join(ROOT, '.data'));
  const logDir = path.join(dataDir, 'logs');
  const ports = {
    api: Number(env.PORT ?? 3000),
    postgres: Number(env.PG_PORT ?? 54329),
    keycloak: Number(env.KEYCLOAK_PORT ?? 8180),
    engineGrpc: Number(env.ENGINE_GRPC_PORT ?? 26500),
    engineRest: Number(env.ENGINE_REST_PORT ?? 8080),
    ...options.ports,
  };
  const stops = [];
  const processes = [];
  let releaseLock = () => {};
  const stopAll = async () => {
    while (stops.length > 0) {
      const stop = stops.pop();
      try { await stop(); } catch (error) { log(`  (while stopping: ${error.message})`); }
    }
    releaseLock();
  };

  const step = async (label, fn) => {
    const started = Date.now();
    log(`starting ${label}…`);
    const result = await fn();
    log(`  ${label} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result;
  };

  try {
    releaseLock = takeLock(dataDir);
    await assertFree(ports.api, 'the API', 'PORT');

    // 1. PostgreSQL
    let databaseUrl = env.DATABASE_URL;
    let engineDatabaseUrl = env.ENGINE_DATABASE_URL ?? env.DATABASE_URL;
    if (!databaseUrl) {
      await assertFree(ports.postgres, 'PostgreSQL', 'PG_PORT');
      const server = await step(`PostgreSQL (embedded, data in ${path.relative(process.cwd(), path.join(dataDir, 'postgres')) || '.'})`, async () => {
        const started = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: ports.postgres });
        await ensureDatabase(started.url('postgres'), 'gov');
        await ensureDatabase(started.url('postgres'), 'gov_engine');
        return started;
      });
      stops.push(() => server.stop());
      databaseUrl = server.url('gov');
      engineDatabaseUrl = env.ENGINE_DATABASE_URL ?? server.url('gov_engine');
    } else {
      log(`using PostgreSQL from DATABASE_URL`);
    }

    // 2. Keycloak
    let keycloakUrl = env.KEYCLOAK_URL;
    if (!keycloakUrl) {
      await assertFree(ports.keycloak, 'Keycloak', 'KEYCLOAK_PORT');
      const { startKeycloak } = await import(path.join(ROOT, 'keycloak/keycloak.mjs'));
      const keycloak = await step('Keycloak', () => startKeycloak({
        port: ports.keycloak,
        dataDir: path.join(dataDir, 'keycloak'),
        log: (line) => log(`  ${line}`),
      }).catch((error) => { throw new StartError('Keycloak', error.message, error.tail ?? ''); }));
      stops.push(() => keycloak.stop());
      keycloakUrl = keycloak.url;
    } else {
      log(`using Keycloak at ${keycloakUrl}`);
    }

    // 3. Workflow engine
    let zeebeGrpc = env.ZEEBE_GRPC_ADDRESS;
    let zeebeRest = env.ZEEBE_REST_ADDRESS;
    const engineCli = path.join(ROOT, 'libs/engine/dist/cli.js');
    if (zeebeGrpc) {
      log(`using the workflow engine at ${zeebeGrpc}`);
    } else if (existsSync(engineCli)) {
      await assertFree(ports.engineGrpc, 'the engine (gRPC)', 'ENGINE_GRPC_PORT');
      await assertFree(ports.engineRest, 'the engine (REST)', 'ENGINE_REST_PORT');
      const engine = startProcess({
        name: 'engine', command: process.execPath, args: [engineCli], logDir,
        env: { ...env, DATABASE_URL: engineDatabaseUrl, ENGINE_GRPC_PORT: String(ports.engineGrpc), ENGINE_REST_PORT: String(ports.engineRest) },
      });
      processes.push(engine);
      stops.push(() => engine.stop());
      await step('workflow engine (embedded)', () => engine.waitForLine(/engine ready/i, 60_000)
        .catch((error) => { throw new StartError('engine', error.message, engine.tail()); }));
      zeebeGrpc = `grpc://127.0.0.1:${ports.engineGrpc}`;
      zeebeRest = `http://127.0.0.1:${ports.engineRest}`;
    } else {
      log('no workflow engine: libs/engine is not built and ZEEBE_GRPC_ADDRESS is not set (the API reports the engine as unavailable)');
    }

    // 4. API (serving the web app) and worker
    const appEnv = {
      ...env,
      PORT: String(ports.api),
      DATABASE_URL: databaseUrl,
      KEYCLOAK_URL: keycloakUrl,
      WEB_DIST_DIR: env.WEB_DIST_DIR ?? path.join(ROOT, 'apps/web/dist'),
      STORAGE_DIR: env.STORAGE_DIR ?? path.join(dataDir, 'files'),
      // E-licence signing keys stay outside the database, next to the other local data.
      LICENCE_KEY_DIR: env.LICENCE_KEY_DIR ?? path.join(dataDir, 'licence-keys'),
      // Licence QR codes and share links point at the web app this start serves.
      PUBLIC_BASE_URL: env.PUBLIC_BASE_URL ?? `http://localhost:${ports.api}`,
      ...(zeebeGrpc ? { ZEEBE_GRPC_ADDRESS: zeebeGrpc } : {}),
      ...(zeebeRest ? { ZEEBE_REST_ADDRESS: zeebeRest } : {}),
    };
    // 4a. Simulated department systems (apps/dept-sim; issue 8), unless DEPT_SIM_URL names real ones.
    // Before the API, so the API and the worker are both told where they are.
    let deptSimUrl = env.DEPT_SIM_URL ?? null;
    if (!deptSimUrl && options.deptSim !== false) {
      const chosen = ports.deptSim ?? (env.DEPT_SIM_PORT ? Number(env.DEPT_SIM_PORT) : null);
      if (chosen !== null) await assertFree(chosen, 'the simulated departments', 'DEPT_SIM_PORT');
      // Without an explicit port: 3200, or any free port when 3200 is taken (the worker is told the URL).
      const port = chosen ?? ((await isListening(3200)) ? 0 : 3200);
      const deptSim = startProcess({
        name: 'dept-sim', command: process.execPath, args: [path.join(ROOT, 'apps/dept-sim/dist/main.js')], logDir,
        env: { ...env, DEPT_SIM_PORT: String(port), PLATFORM_URL: `http://127.0.0.1:${ports.api}` },
      });
      processes.push(deptSim);
      stops.push(() => deptSim.stop());
      const ready = await step('simulated departments', () => deptSim.waitForLine(/gov-dept-sim ready on \S+/, 30_000)
        .catch((error) => { throw new StartError('dept-sim', error.message, deptSim.tail()); }));
      deptSimUrl = /ready on (\S+)/.exec(ready)?.[1] ?? `http://127.0.0.1:${port}`;
      log(`  simulated departments at ${deptSimUrl}`);
    }
    if (deptSimUrl) appEnv.DEPT_SIM_URL = deptSimUrl;

    const api = startProcess({ name: 'api', command: process.execPath, args: [...apiNodeFlags(env), path.join(ROOT, 'apps/api/dist/main.js')], env: appEnv, logDir });
    processes.push(api);
    stops.push(() => api.stop());
    await step('API and web app', () => waitForHttp(`http://127.0.0.1:${ports.api}/api/health/ready`, { timeoutMs: 60_000, exited: api.exited })
      .catch((error) => { throw new StartError('API', error.message, api.tail()); }));

    if (options.worker !== false) {
      const worker = startProcess({ name: 'worker', command: process.execPath, args: [path.join(ROOT, 'apps/worker/dist/main.js')], env: appEnv, logDir });
      processes.push(worker);
      stops.push(() => worker.stop());
      await step('worker', () => worker.waitForLine(/gov-worker ready/, 60_000)
        .catch((error) => { throw new StartError('worker', error.message, worker.tail()); }));
    }

    const url = `http://localhost:${ports.api}`;
    /** Resolves with the first part that dies on its own while the platform runs. */
    const failure = Promise.race(processes.map((p) => p.exited.then((exit) => ({ part: p.name, exit, tail: p.tail(), stopping: p.stopping }))))
      .then((event) => (event.stopping ? null : event));
    return {
      url,
      apiUrl: `${url}/api`,
      keycloakUrl,
      deptSimUrl,
      engine: zeebeGrpc ? { grpc: zeebeGrpc, rest: zeebeRest ?? null } : null,
      databaseUrl,
      dataDir,
      logDir,
      failure,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
