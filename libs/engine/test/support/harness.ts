// Boots a real engine (fresh database, free ports, fake clock) and the official Camunda 8
// clients pointed at it. Feature tests drive the engine only through these clients.
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { createTestDatabase, type TestDatabase } from '../../../../test/database.js';
import { FakeClock, startEngine, type Exporter, type RunningEngine } from '../../src/index.js';

export const FEATURES = path.join(__dirname, '..', 'features');

export interface TestEngine {
  clock: FakeClock;
  engine: RunningEngine;
  db: TestDatabase;
  camunda: Camunda8;
  zeebe: ReturnType<Camunda8['getZeebeGrpcApiClient']>;
  rest: ReturnType<Camunda8['getCamundaRestClient']>;
  /** Deploys a fixture from test/features by file name. */
  deploy(file: string): Promise<{ bpmnProcessId: string; version: number; processDefinitionKey: string }[]>;
  /** POSTs to the engine's REST API and returns the parsed JSON body. */
  restCall<T = Record<string, unknown>>(method: string, route: string, body?: unknown): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

export function clientFor(engine: RunningEngine, options: { retry?: boolean } = {}): Camunda8 {
  return new Camunda8({
    ZEEBE_GRPC_ADDRESS: engine.grpcAddress,
    ZEEBE_REST_ADDRESS: engine.restAddress,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: options.retry ?? true },
  });
}

export async function startTestEngine(options: { start?: string; exporters?: Exporter[] } = {}): Promise<TestEngine> {
  const db = await createTestDatabase();
  const clock = new FakeClock(options.start ?? '2026-03-02T08:00:00.000Z');
  // ENGINE_TEST_LOG=1 shows the engine's own log while debugging a test.
  const logger = process.env.ENGINE_TEST_LOG ? { info: console.log, warn: console.warn, error: console.error } : undefined;
  const engine = await startEngine({ databaseUrl: db.url, grpcPort: 0, restPort: 0, clock, ...(logger ? { logger } : {}), ...(options.exporters ? { exporters: options.exporters } : {}) });
  const camunda = clientFor(engine);
  const harness: TestEngine = {
    clock, db, engine, camunda,
    zeebe: camunda.getZeebeGrpcApiClient(),
    rest: camunda.getCamundaRestClient(),
    async deploy(file) {
      const result = await harness.zeebe.deployResource({ processFilename: path.join(FEATURES, file) });
      return result.deployments.flatMap((d) => {
        const process = (d as { process?: { bpmnProcessId: string; version: number; processDefinitionKey: string } }).process;
        return process ? [process] : [];
      });
    },
    async restCall<T>(method: string, route: string, body?: unknown) {
      const response = await fetch(`${harness.engine.restAddress}${route}`, {
        method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
    },
    async stop() {
      await harness.zeebe.close();
      await harness.engine.stop();
      await db.drop();
    },
  };
  return harness;
}

/** Polls `check` until it stops throwing (bounded); no sleeps in the tests themselves. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** Activates jobs of a type once (no long polling). */
export async function activate(t: TestEngine, type: string, options: { max?: number; timeout?: number; fetchVariable?: string[] } = {}) {
  return t.zeebe.activateJobs({
    type, worker: 'test', maxJobsToActivate: options.max ?? 10, timeout: options.timeout ?? 60_000,
    requestTimeout: -1, ...(options.fetchVariable ? { fetchVariable: options.fetchVariable } : {}),
  });
}

/** Waits until at least one job of the type can be activated, and activates it. */
export async function activateOne(t: TestEngine, type: string, options: { timeout?: number; fetchVariable?: string[] } = {}) {
  return eventually(async () => {
    const jobs = await activate(t, type, { ...options, max: 1 });
    const job = jobs[0];
    if (!job) throw new Error(`no job of type ${type}`);
    return job;
  });
}

export async function instanceState(t: TestEngine, processInstanceKey: string): Promise<string> {
  const { body } = await t.restCall<{ state: string }>('GET', `/v2/process-instances/${processInstanceKey}`);
  return body.state;
}

export async function variablesOf(t: TestEngine, processInstanceKey: string): Promise<Record<string, unknown>> {
  const { body } = await t.restCall<{ items: { name: string; value: string }[] }>('POST', '/v2/variables/search', { filter: { processInstanceKey, scopeKey: processInstanceKey } });
  return Object.fromEntries(body.items.map((v) => [v.name, JSON.parse(v.value) as unknown]));
}

export interface IncidentItem {
  incidentKey: string;
  errorType: string;
  errorMessage: string;
  elementId: string;
  jobKey?: string;
}

export async function incidentsOf(t: TestEngine, processInstanceKey: string): Promise<IncidentItem[]> {
  const { body } = await t.restCall<{ items: IncidentItem[] }>('POST', '/v2/incidents/search', { filter: { processInstanceKey } });
  return body.items;
}
