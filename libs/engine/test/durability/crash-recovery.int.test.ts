// Really kills the engine process (SIGKILL) and restarts it on the same database.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Camunda8 } from '@camunda8/sdk';
import { createTestDatabase, type TestDatabase } from '../../../../test/database.js';
import { eventually, FEATURES } from '../support/harness.js';

const root = path.resolve(__dirname, '../../../..');

interface Child {
  process: ChildProcess;
  camunda: Camunda8;
  zeebe: ReturnType<Camunda8['getZeebeGrpcApiClient']>;
  restAddress: string;
}

async function startChild(databaseUrl: string): Promise<Child> {
  const child = spawn(process.execPath, [path.join(root, 'libs/engine/dist/cli.js')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, ENGINE_GRPC_PORT: '0', ENGINE_REST_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ready = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('engine ready')) resolve(out);
    });
    child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
    child.on('exit', (code) => reject(new Error(`engine exited with ${code}: ${err}`)));
  });
  const grpc = /gRPC (grpc:\/\/\S+)/.exec(ready)?.[1];
  const rest = /REST (http:\/\/\S+)/.exec(ready)?.[1];
  if (!grpc || !rest) throw new Error(`unexpected ready line: ${ready}`);
  const camunda = new Camunda8({
    ZEEBE_GRPC_ADDRESS: grpc, ZEEBE_REST_ADDRESS: rest, CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_LOG_LEVEL: 'none',
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
  });
  return { process: child, camunda, zeebe: camunda.getZeebeGrpcApiClient(), restAddress: rest };
}

async function kill(child: Child): Promise<void> {
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGKILL');
  await exited;
  await child.zeebe.close().catch(() => undefined);
}

describe('crash recovery (kill -9)', () => {
  let db: TestDatabase;
  let child: Child | undefined;
  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', 'libs/engine'], { cwd: root });
    db = await createTestDatabase();
  }, 120_000);
  afterAll(async () => {
    if (child) await kill(child);
    await db?.drop();
  });

  it('keeps every instance, job, timer, subscription, user task and buffered message, and advances nothing twice', async () => {
    // given work in every kind of wait state
    child = await startChild(db.url);
    let zeebe = child.zeebe;
    await zeebe.deployResource({ processFilename: path.join(FEATURES, 'one-task.bpmn') });
    await zeebe.deployResource({ processFilename: path.join(FEATURES, 'messages.bpmn') });
    await zeebe.deployResource({ processFilename: path.join(FEATURES, 'user-tasks.bpmn') });
    await zeebe.deployResource({ processFilename: path.join(__dirname, 'short-timer.bpmn') });
    const instances = [];
    for (let i = 0; i < 30; i++) instances.push(await zeebe.createProcessInstance({ bpmnProcessId: 'one-task', variables: { i } }));
    const waiting = await zeebe.createProcessInstance({ bpmnProcessId: 'wait-for-payment', variables: { orderId: 'o-1' } });
    const approval = await zeebe.createProcessInstance({ bpmnProcessId: 'department-approval', variables: { deadline: '2026-12-01T00:00:00Z' } });
    await zeebe.publishMessage({ name: 'payment-received', correlationKey: 'o-later', timeToLive: 3_600_000, variables: { paid: 7 } });
    await zeebe.createProcessInstance({ bpmnProcessId: 'short-timer', variables: { wait: 'PT2S' } });

    // when a worker completes some jobs and the engine is killed while completions are in flight
    const acknowledged = new Set<string>();
    const inFlight = new Set<string>();
    const activated = await zeebe.activateJobs({ type: 'work', worker: 'w', maxJobsToActivate: 30, timeout: 1_000, requestTimeout: -1 });
    expect(activated).toHaveLength(30);
    for (const job of activated.slice(0, 10)) {
      await zeebe.completeJob({ jobKey: job.key, variables: { done: true } });
      acknowledged.add(job.key);
    }
    for (const job of activated.slice(10, 15)) {
      inFlight.add(job.key);
      zeebe.completeJob({ jobKey: job.key, variables: { done: true } }).then(() => acknowledged.add(job.key), () => undefined);
    }
    await kill(child);
    for (const key of acknowledged) inFlight.delete(key);

    // then after a restart on the same database
    child = await startChild(db.url);
    zeebe = child.zeebe;
    // jobs whose timeout passed are activatable again, and no acknowledged completion is undone
    const reactivated = await eventually(async () => {
      const jobs = await zeebe.activateJobs({ type: 'work', worker: 'w2', maxJobsToActivate: 50, timeout: 60_000, requestTimeout: -1 });
      expect(jobs.length).toBeGreaterThanOrEqual(30 - acknowledged.size - inFlight.size);
      return jobs;
    });
    const reactivatedKeys = new Set(reactivated.map((j) => j.key));
    for (const key of acknowledged) expect(reactivatedKeys.has(key)).toBe(false);
    for (const job of activated) expect(acknowledged.has(job.key) || inFlight.has(job.key) || reactivatedKeys.has(job.key)).toBe(true);
    for (const job of reactivated) await zeebe.completeJob({ jobKey: job.key, variables: {} });

    // the message subscription survived
    await zeebe.publishMessage({ name: 'payment-received', correlationKey: 'o-1', variables: { paid: 1 } });
    await zeebe.publishMessage({ name: 'confirmed', correlationKey: 'o-1', variables: { by: 'x' } });
    await eventually(async () => {
      const response = await fetch(`${child!.restAddress}/v2/process-instances/${waiting.processInstanceKey}`);
      expect(((await response.json()) as { state: string }).state).toBe('COMPLETED');
    });
    // the buffered message survived and correlates to a new subscription
    const later = await zeebe.createProcessInstance({ bpmnProcessId: 'wait-for-payment', variables: { orderId: 'o-later' } });
    await eventually(async () => {
      const response = await fetch(`${child!.restAddress}/v2/variables/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ filter: { processInstanceKey: later.processInstanceKey, name: 'paid' } }) });
      expect(((await response.json()) as { items: { value: string }[] }).items[0]?.value).toBe('7');
    });
    // the user task survived
    const tasks = await child.camunda.getCamundaRestClient().searchUserTasks({ filter: { processInstanceKey: approval.processInstanceKey } });
    expect(tasks.items).toHaveLength(1);
    // the timer survived and fires
    const afterTimer = await eventually(async () => {
      const [job] = await zeebe.activateJobs({ type: 'after-timer', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: -1 });
      expect(job).toBeDefined();
      return job!;
    });
    expect(afterTimer.elementId).toBe('after');
  });
});
