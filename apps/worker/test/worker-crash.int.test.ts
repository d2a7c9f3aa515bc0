// A worker process killed in the middle of a department call: the engine hands the job to another
// worker after its timeout, and the department sees the same idempotency key again instead of a
// new application.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applicationVariables, caseNumber, eventually, FAST_ENV, FIXTURES, type InProcessWorker, type Rig, setFaults,
  startInProcessWorker, startRig, stateOf,
} from './support.js';

const root = path.resolve(import.meta.dirname, '../../..');

function spawnWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(root, 'apps/worker/dist/main.js')], {
    env: { ...process.env, ...FAST_ENV, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('gov-worker ready')) resolve(child);
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${out}`)));
  });
}

describe('worker killed mid-call', () => {
  let rig: Rig;
  let child: ChildProcess | undefined;
  let survivor: InProcessWorker | undefined;

  beforeAll(async () => {
    // The test runs the worker as `npm start` does: the built CLI.
    execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', 'apps/worker'], { cwd: root, stdio: 'inherit' });
    rig = await startRig();
    await rig.zeebe.deployResource({ processFilename: path.join(FIXTURES, 'dept-submit-query.bpmn') });
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    await survivor?.close();
    await rig.stop();
  });

  it('re-activates the job after its timeout and the department creates no duplicate for the same idempotency key', async () => {
    // given a slow department and a worker process that takes the job
    await setFaults(rig.sim, 'amr', { latencyMs: 1500 });
    const amr = rig.sim.departments.get('amr')!;
    child = await spawnWorker({ ZEEBE_GRPC_ADDRESS: rig.engine.grpcAddress, DEPT_SIM_URL: rig.sim.url, WORKER_JOB_TIMEOUT_MS: '2000' });
    const number = caseNumber();
    const { processInstanceKey } = await rig.zeebe.createProcessInstance({ bpmnProcessId: 'dept-submit-query', variables: applicationVariables(number) });

    // when the worker process dies while the department is still working on its call
    await eventually(() => expect(amr.inFlight).toBeGreaterThan(0));
    child.kill('SIGKILL');
    await setFaults(rig.sim, 'amr', {});
    survivor = startInProcessWorker(rig.engine, { DEPT_SIM_URL: rig.sim.url });

    // then another worker finishes the case, and the department holds one application
    await eventually(async () => expect(await stateOf(rig, processInstanceKey)).toBe('COMPLETED'), 30_000);
    expect(amr.byCaseNumber(number)).toHaveLength(1);
    const submissions = amr.requests.filter((r) => r.method === 'POST');
    expect(submissions.length).toBeGreaterThanOrEqual(2);
    expect(new Set(submissions.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(submissions.map((r) => r.status).sort()).toEqual([200, 201]);
  });
});
