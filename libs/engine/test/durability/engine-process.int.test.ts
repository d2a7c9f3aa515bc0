// The engine as a process: the command line, and crash recovery that really kills the process
// (SIGKILL) and restarts it on the same database. One file, so the build runs once.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/database.js';
import { buildEngine, cliPath, kill, startChild, type Child } from '../support/child-engine.js';
import { eventually, FEATURES } from '../support/harness.js';

beforeAll(() => buildEngine(), 120_000);

describe('crash recovery (kill -9)', () => {
  let db: TestDatabase;
  let child: Child | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    if (child) await kill(child);
    await db?.drop();
  });

  it('keeps every instance, job, timer, subscription, user task, buffered message, multi-instance body, called instance and deployed decision, and advances nothing twice', async () => {
    // given work in every kind of wait state
    child = await startChild(db.url);
    let zeebe = child.zeebe;
    await zeebe.deployResource({ processFilename: path.join(FEATURES, 'one-task.bpmn') });
    await zeebe.deployResource({ processFilename: path.join(FEATURES, 'messages.bpmn') });
    await zeebe.deployResource({ processFilename: path.join(FEATURES, 'user-tasks.bpmn') });
    await zeebe.deployResource({ processFilename: path.join(__dirname, 'short-timer.bpmn') });
    await zeebe.deployResource({ decisionFilename: path.join(FEATURES, 'decisions.dmn') });
    await zeebe.deployResource({ processFilename: path.join(FEATURES, 'fee-payment.bpmn') });
    await zeebe.deployResource({ processFilename: path.join(FEATURES, 'multi-instance-scopes.bpmn') });
    const instances = [];
    for (let i = 0; i < 30; i++) instances.push(await zeebe.createProcessInstance({ bpmnProcessId: 'one-task', variables: { i } }));
    const waiting = await zeebe.createProcessInstance({ bpmnProcessId: 'wait-for-payment', variables: { orderId: 'o-1' } });
    const approval = await zeebe.createProcessInstance({ bpmnProcessId: 'department-approval', variables: { deadline: '2026-12-01T00:00:00Z' } });
    await zeebe.publishMessage({ name: 'payment-received', correlationKey: 'o-later', timeToLive: 3_600_000, variables: { paid: 7 } });
    await zeebe.createProcessInstance({ bpmnProcessId: 'short-timer', variables: { wait: 'PT2S' } });
    // a sequential multi-instance call activity half-way: the first called instance done, the second running
    const feesCase = await zeebe.createProcessInstance({ bpmnProcessId: 'mi-call', variables: { fees: [10, 20] } });
    const firstFee = await eventually(async () => {
      const [job] = await zeebe.activateJobs({ type: 'collect-fee', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: -1 });
      expect(job).toBeDefined();
      return job!;
    });
    await zeebe.completeJob({ jobKey: firstFee.key, variables: { receipt: 'R-10' } });
    // a parallel multi-instance subprocess with its iterations waiting
    const reviewCase = await zeebe.createProcessInstance({ bpmnProcessId: 'mi-subprocess', variables: { departments: ['amr', 'psb', 'fire'] } });

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

    // the multi-instance call activity goes on with its second called instance and collects both results
    const secondFee = await eventually(async () => {
      const [job] = await zeebe.activateJobs({ type: 'collect-fee', worker: 'w2', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: -1 });
      expect(job).toBeDefined();
      return job!;
    });
    expect(secondFee.variables).toMatchObject({ fee: 20 });
    expect(secondFee.processInstanceKey).not.toBe(firstFee.processInstanceKey);
    await zeebe.completeJob({ jobKey: secondFee.key, variables: { receipt: 'R-20' } });
    const afterFees = await eventually(async () => {
      const [job] = await zeebe.activateJobs({ type: 'mi-call-after', worker: 'w2', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: -1 });
      expect(job).toBeDefined();
      return job!;
    });
    expect(afterFees.processInstanceKey).toBe(feesCase.processInstanceKey);
    expect(afterFees.variables.receipts).toEqual(['R-10', 'R-20']);
    // the multi-instance subprocess still has one iteration per department
    const checks = await eventually(async () => {
      const jobs = await zeebe.activateJobs({ type: 'mi-check', worker: 'w2', maxJobsToActivate: 10, timeout: 60_000, requestTimeout: -1 });
      expect(jobs).toHaveLength(3);
      return jobs;
    });
    expect(checks.every((job) => job.processInstanceKey === reviewCase.processInstanceKey)).toBe(true);
    expect(checks.map((job) => job.variables.department).sort()).toEqual(['amr', 'fire', 'psb']);

    // the deployed decisions survived
    const decision = await zeebe.evaluateDecision({ decisionId: 'first-check', variables: { age: 70 } });
    expect(JSON.parse(decision.decisionOutput)).toBe('senior');

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

describe('crash recovery of a cancellation waiting for canceling task listeners (kill -9)', () => {
  let db: TestDatabase;
  let child: Child | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    if (child) await kill(child);
    await db?.drop();
  });

  it('still waits for the second canceling listener after a restart, then cancels the instance', async () => {
    // given a canceled approval whose first canceling listener has completed
    child = await startChild(db.url);
    await child.zeebe.deployResource({ processFilename: path.join(FEATURES, 'canceling-listeners.bpmn') });
    const { processInstanceKey } = await child.zeebe.createProcessInstance({ bpmnProcessId: 'withdrawable-approval', variables: { approver: 'chen' } });
    await child.zeebe.cancelProcessInstance(processInstanceKey);
    const nextJob = async (type: string) => eventually(async () => {
      const [job] = await child!.zeebe.activateJobs({ type, worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: -1 });
      expect(job).toBeDefined();
      return job!;
    });
    await child.zeebe.completeJob({ jobKey: (await nextJob('inbox-withdraw')).key, variables: {} });
    const rest = async <T>(route: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${child!.restAddress}${route}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return (await response.json()) as T;
    };
    const taskState = async () => (await rest<{ items: { state: string }[] }>('/v2/user-tasks/search', { filter: { processInstanceKey } })).items[0]?.state;

    // when the engine is killed and restarted
    await kill(child);
    child = await startChild(db.url);

    // then the instance is still being canceled, with its task CANCELING and the second listener's job waiting
    expect((await rest<{ state: string }>(`/v2/process-instances/${processInstanceKey}`)).state).toBe('ACTIVE');
    expect(await taskState()).toBe('CANCELING');
    const audit = await nextJob('audit-cancel');
    expect(audit.processInstanceKey).toBe(processInstanceKey);
    await child.zeebe.completeJob({ jobKey: audit.key, variables: {} });
    await eventually(async () => expect((await rest<{ state: string }>(`/v2/process-instances/${processInstanceKey}`)).state).toBe('CANCELED'));
    expect(await taskState()).toBe('CANCELED');
  });
});

function run(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [cliPath], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('the engine command line', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db?.drop());

  it('exits non-zero with a clear message when its port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const result = await run({ DATABASE_URL: db.url, ENGINE_GRPC_PORT: String(port), ENGINE_REST_PORT: '0' });
    blocker.close();
    expect(result.code).not.toBe(0);
    expect(result.stdout).not.toContain('engine ready');
    expect(result.stderr).toMatch(new RegExp(`port is already in use \\(gRPC ${port}`));
  });

  it('prints one ready line with both addresses and stops cleanly on SIGTERM', async () => {
    const child = await startChild(db.url);
    await child.zeebe.close();
    const exit = new Promise<number | null>((resolve) => child.process.once('exit', resolve));
    child.process.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('refuses an invalid port setting', async () => {
    const result = await run({ DATABASE_URL: db.url, ENGINE_GRPC_PORT: 'abc' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("ENGINE_GRPC_PORT must be a port number, but was 'abc'");
  });
});
