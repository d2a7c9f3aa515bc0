// Real job workers against the real embedded engine and the simulated departments, with faults
// injected at run time (issue 8).
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  applicationVariables, caseNumber, eventually, FIXTURES, incidentsOf, type InProcessWorker, type Rig, setFaults,
  startInProcessWorker, startRig, stateOf, variablesOf,
} from './support.js';

describe('department jobs (dept.submit, dept.query) on the embedded engine', () => {
  let rig: Rig;
  const workers: InProcessWorker[] = [];
  const worker = (env: Record<string, string> = {}) => {
    const started = startInProcessWorker(rig.engine, { DEPT_SIM_URL: rig.sim.url, ...env });
    workers.push(started);
    return started;
  };
  const start = async (variables: ReturnType<typeof applicationVariables>) => (await rig.zeebe.createProcessInstance({ bpmnProcessId: 'dept-submit-query', variables })).processInstanceKey;
  const amr = () => rig.sim.departments.get('amr')!;

  beforeAll(async () => {
    rig = await startRig();
    await rig.zeebe.deployResource({ processFilename: path.join(FIXTURES, 'dept-submit-query.bpmn') });
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.close()));
    amr().reset();
  });

  afterAll(async () => {
    await rig.stop();
  });

  it('pushes the application, polls until the department decides, and records its registration number', async () => {
    worker();
    const number = caseNumber();
    const key = await start(applicationVariables(number));

    await eventually(async () => expect(await stateOf(rig, key)).toBe('COMPLETED'));
    const variables = await variablesOf(rig, key);
    expect(variables.amrApplication).toMatchObject({ applicationId: expect.stringMatching(/^AMR-/), status: 'received' });
    expect(variables.amrDecision).toMatchObject({ status: 'approved', result: { registrationNumber: expect.stringMatching(/^91210100MA/) } });
    expect(amr().byCaseNumber(number)).toHaveLength(1);
    expect(amr().requests.find((r) => r.method === 'POST')?.idempotencyKey).toMatch(/^\d+$/);
  });

  it('keeps the case when the department is down for a while and completes it once the department is back', async () => {
    await setFaults(rig.sim, 'amr', { down: true });
    const w = worker();
    const number = caseNumber();
    const key = await start(applicationVariables(number, { submitRetries: 4 }));

    // given the department refused connections until the breaker opened
    await eventually(() => expect(w.departments.breakerOf('amr').state).not.toBe('closed'));
    expect(w.exchanges.filter((e) => e.outcome === 'failure').length).toBeGreaterThanOrEqual(3);
    expect(await stateOf(rig, key)).toBe('ACTIVE');
    expect(await incidentsOf(rig, key)).toEqual([]);

    // when it comes back
    await setFaults(rig.sim, 'amr', {});

    // then the case goes through, once
    await eventually(async () => expect(await stateOf(rig, key)).toBe('COMPLETED'));
    expect(amr().byCaseNumber(number)).toHaveLength(1);
    expect(await incidentsOf(rig, key)).toEqual([]);
  });

  it('takes the model\'s error path when the department refuses the application (4xx)', async () => {
    await setFaults(rig.sim, 'amr', { clientErrorRate: 1 });
    worker();
    const number = caseNumber();
    const key = await start(applicationVariables(number));

    await eventually(async () => expect(await stateOf(rig, key)).toBe('COMPLETED'));
    const variables = await variablesOf(rig, key);
    expect(variables.deptError).toMatchObject({ department: 'amr', status: 422, code: 'APPLICATION_REFUSED' });
    expect(variables.amrDecision).toBeUndefined();
    expect(amr().byCaseNumber(number)).toHaveLength(0);
  });

  it('raises an incident when the retries run out, and completes after the operator retries', async () => {
    await setFaults(rig.sim, 'amr', { errorRate: 1 });
    worker({ WORKER_BREAKER_THRESHOLD: '100' });
    const number = caseNumber();
    const key = await start(applicationVariables(number, { submitRetries: 2 }));

    const [incident] = await eventually(async () => {
      const found = await incidentsOf(rig, key);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES', errorMessage: expect.stringContaining('503') });

    await setFaults(rig.sim, 'amr', {});
    await rig.zeebe.updateJobRetries({ jobKey: incident!.jobKey!, retries: 1 });
    await rig.zeebe.resolveIncident({ incidentKey: incident!.incidentKey });
    await eventually(async () => expect(await stateOf(rig, key)).toBe('COMPLETED'));
    expect(amr().byCaseNumber(number)).toHaveLength(1);
  });

  it('lets two worker processes share the work without processing any job twice', async () => {
    worker();
    worker();
    const numbers = Array.from({ length: 12 }, () => caseNumber());
    const keys = await Promise.all(numbers.map((n) => start(applicationVariables(n))));

    await eventually(async () => {
      for (const key of keys) expect(await stateOf(rig, key)).toBe('COMPLETED');
    }, 40_000);
    for (const n of numbers) expect(amr().byCaseNumber(n)).toHaveLength(1);
    const submissions = amr().requests.filter((r) => r.method === 'POST');
    expect(submissions).toHaveLength(12);
    expect(new Set(submissions.map((r) => r.idempotencyKey)).size).toBe(12);
  });
});
