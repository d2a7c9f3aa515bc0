// Test rig: the real embedded engine (fresh database, real clock), the simulated departments and
// in-process job workers with short back-offs, all through the official Camunda client.
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { type RunningEngine, startEngine } from '@gov/engine';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { type DeptSim, startDeptSim } from '../../dept-sim/src/index.js';
import { loadWorkerConfig, type WorkerConfig } from '../src/config/config.js';
import { DatabaseConnectionDirectory, staticDirectory } from '../src/departments/connection-directory.js';
import { DepartmentClient, type ExchangeRecord } from '../src/departments/department-client.js';
import { PostgresExchangeLog } from '../src/departments/exchange-log.js';
import { jobHandlers } from '../src/jobs/index.js';
import { openJobWorkers } from '../src/job-runner.js';
import { LogNotificationAdapter } from '../src/notifications/notification.port.js';

export const FIXTURES = path.join(import.meta.dirname, 'fixtures');

/** Worker settings that keep tests fast: back-offs and cool-downs of tens of milliseconds. */
export const FAST_ENV: Record<string, string> = {
  WORKER_RETRY_BACKOFF_MS: '50',
  WORKER_RETRY_BACKOFF_MAX_MS: '200',
  WORKER_BREAKER_THRESHOLD: '3',
  WORKER_BREAKER_COOLDOWN_MS: '150',
  WORKER_POLL_INTERVAL_MS: '50',
  WORKER_JOB_TIMEOUT_MS: '10000',
  WORKER_CONNECTIONS_MAX_AGE_MS: '100',
  LOG_LEVEL: 'silent',
};

export function camundaFor(engine: RunningEngine): Camunda8 {
  return new Camunda8({
    ZEEBE_GRPC_ADDRESS: engine.grpcAddress,
    ZEEBE_REST_ADDRESS: engine.restAddress,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
  });
}

export interface InProcessWorker {
  exchanges: ExchangeRecord[];
  notifications: LogNotificationAdapter;
  departments: DepartmentClient;
  close(): Promise<void>;
}

export function startInProcessWorker(engine: RunningEngine, env: Record<string, string>): InProcessWorker {
  const config: WorkerConfig = loadWorkerConfig({ ...FAST_ENV, ...env });
  const camunda = camundaFor(engine);
  const exchanges: ExchangeRecord[] = [];
  const exchangeLog = config.databaseUrl ? new PostgresExchangeLog(config.databaseUrl, (message) => console.error(message)) : null;
  const directory = config.databaseUrl ? new DatabaseConnectionDirectory(config.databaseUrl, config.departments, config.connectionsMaxAgeMs, (message) => console.error(message)) : null;
  const departments = new DepartmentClient(directory ?? staticDirectory(config.departments), config.breaker, (record) => {
    exchanges.push(record);
    exchangeLog?.record(record);
    if (process.env.WORKER_TEST_LOG) console.log('[exchange]', JSON.stringify(record));
  });
  const notifications = new LogNotificationAdapter(() => undefined);
  const runner = openJobWorkers(camunda.getZeebeGrpcApiClient(), jobHandlers({ config, departments, notifications }), {
    maxJobsToActivate: 8,
    retry: config.retry,
    // WORKER_TEST_LOG=1 shows what the workers do while debugging a test.
    ...(process.env.WORKER_TEST_LOG ? { log: (level: string, message: string) => console.log(`[worker ${level}] ${message}`) } : {}),
  });
  return {
    exchanges,
    notifications,
    departments,
    close: async () => {
      await runner.close();
      await exchangeLog?.close();
      await directory?.close();
      await camunda.getZeebeGrpcApiClient().close(1000).catch(() => undefined);
    },
  };
}

export interface Rig {
  db: TestDatabase;
  engine: RunningEngine;
  camunda: Camunda8;
  zeebe: ReturnType<Camunda8['getZeebeGrpcApiClient']>;
  sim: DeptSim;
  rest<T>(method: string, route: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export async function startRig(options: { platformUrl?: string | null } = {}): Promise<Rig> {
  const db = await createTestDatabase();
  const engine = await startEngine({ databaseUrl: db.url, grpcPort: 0, restPort: 0 });
  const camunda = camundaFor(engine);
  const sim = await startDeptSim({ port: 0, platformUrl: options.platformUrl ?? null, processingDelayMs: 50, callbackBackoffMs: 50 });
  return {
    db, engine, camunda, sim,
    zeebe: camunda.getZeebeGrpcApiClient(),
    async rest<T>(method: string, route: string, body?: unknown): Promise<T> {
      const response = await fetch(`${engine.restAddress}${route}`, {
        method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text}`);
      return (text === '' ? undefined : JSON.parse(text)) as T;
    },
    async stop() {
      await camunda.getZeebeGrpcApiClient().close(1000).catch(() => undefined);
      await sim.close();
      await engine.stop();
      await db.drop();
    },
  };
}

/** Polls `check` until it stops throwing (bounded); no sleeps in the tests themselves. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  }
}

export async function stateOf(rig: Rig, processInstanceKey: string): Promise<string> {
  return (await rig.rest<{ state: string }>('GET', `/v2/process-instances/${processInstanceKey}`)).state;
}

export async function variablesOf(rig: Rig, processInstanceKey: string): Promise<Record<string, unknown>> {
  const body = await rig.rest<{ items: { name: string; value: string }[] }>('POST', '/v2/variables/search', { filter: { processInstanceKey, scopeKey: processInstanceKey } });
  return Object.fromEntries(body.items.map((v) => [v.name, JSON.parse(v.value) as unknown]));
}

export async function incidentsOf(rig: Rig, processInstanceKey: string): Promise<{ incidentKey: string; errorType: string; errorMessage: string; jobKey?: string }[]> {
  return (await rig.rest<{ items: { incidentKey: string; errorType: string; errorMessage: string; jobKey?: string }[] }>('POST', '/v2/incidents/search', { filter: { processInstanceKey } })).items;
}

export async function setFaults(sim: DeptSim, code: string, faults: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${sim.url}/admin/departments/${code}/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
  if (!response.ok) throw new Error(`faults: ${response.status}`);
}

let counter = 0;
export function caseNumber(): string {
  counter += 1;
  return `SY-T${process.pid}-${Date.now() % 100_000}-${counter}`;
}

export function applicationVariables(number: string, extra: Record<string, string | number | Record<string, string>> = {}) {
  return {
    caseNumber: number,
    itemCode: '11210100MB0000001X-001',
    applicant: { name: '张伟', idNumber: '210102199003071233' },
    formData: { companyName: '沈阳示例科技有限公司' },
    materials: [{ name: '公司章程', url: '/api/materials/demo-articles.pdf' }],
    submitRetries: 5,
    ...extra,
  };
}
