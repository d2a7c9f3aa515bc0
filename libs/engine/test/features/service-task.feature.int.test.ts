import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, activateOne, eventually, FEATURES, incidentsOf, instanceState, startTestEngine, variablesOf, type TestEngine } from '../support/harness.js';

describe('service tasks and the job lifecycle', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy('one-task.bpmn');
    await t.deploy('job-lifecycle.bpmn');
  });
  afterAll(async () => t?.stop());

  it('runs a service task through a worker and returns the merged variables', async () => {
    // given a worker for the job type
    const seen: unknown[] = [];
    const worker = t.zeebe.createWorker({
      taskType: 'work',
      taskHandler: (job) => {
        seen.push({ variables: { ...job.variables }, headers: { ...job.customHeaders }, elementId: job.elementId });
        return job.complete({ done: true });
      },
    });
    // when an instance runs to completion
    const result = await t.zeebe.createProcessInstanceWithResult({ bpmnProcessId: 'one-task', variables: { applicant: 'Li Lei' } });
    await worker.close();
    // then the worker saw the instance variables and headers, and its result was merged
    expect(result.variables).toEqual({ applicant: 'Li Lei', done: true });
    expect(seen).toEqual([{ variables: { applicant: 'Li Lei' }, headers: { department: 'tax' }, elementId: 'work' }]);
  });

  it('keeps the version of an unchanged model and creates a new version for a changed one', async () => {
    const xml = readFileSync(path.join(FEATURES, 'one-task.bpmn'), 'utf8').replaceAll('one-task', 'versioned');
    const first = await t.zeebe.deployResource({ process: Buffer.from(xml), name: 'versioned.bpmn' });
    const again = await t.zeebe.deployResource({ process: Buffer.from(xml), name: 'versioned.bpmn' });
    const changed = await t.zeebe.deployResource({ process: Buffer.from(xml.replace('name="Work"', 'name="Work v2"')), name: 'versioned.bpmn' });
    expect(first.deployments[0]?.process?.version).toBe(1);
    expect(again.deployments[0]?.process?.version).toBe(1);
    expect(again.deployments[0]?.process?.processDefinitionKey).toBe(first.deployments[0]?.process?.processDefinitionKey);
    expect(changed.deployments[0]?.process?.version).toBe(2);
    // an explicit version still starts the old model; no version means the latest
    const latest = await t.zeebe.createProcessInstance({ bpmnProcessId: 'versioned', variables: {} });
    expect(latest.version).toBe(2);
    await t.zeebe.cancelProcessInstance(latest.processInstanceKey);
    const v1 = await t.zeebe.createProcessInstance({ bpmnProcessId: 'versioned', version: 1, variables: {} });
    expect(v1.version).toBe(1);
    await t.zeebe.cancelProcessInstance(v1.processInstanceKey);
  });

  it('rejects an unknown process with NOT_FOUND', async () => {
    await expect(t.zeebe.createProcessInstance({ bpmnProcessId: 'no-such-process', variables: {} }))
      .rejects.toThrow(/NOT_FOUND|5 NOT_FOUND/);
    await expect(t.zeebe.createProcessInstance({ bpmnProcessId: 'no-such-process', variables: {} }))
      .rejects.toThrow(/Expected to find process definition with process ID 'no-such-process', but none found/);
  });

  it('evaluates FEEL job types and retries, and limits job variables to fetchVariables', async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'job-lifecycle', variables: { kind: 'a', retries: 2, secret: 'x', applicant: 'Han Meimei' } });
    const job = await activateOne(t, 'check-a', { fetchVariable: ['applicant'] });
    expect(job.variables).toEqual({ applicant: 'Han Meimei' });
    expect(job.retries).toBe(2);
    await t.zeebe.completeJob({ jobKey: job.key, variables: {} });
    await eventually(async () => expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED'));
  });

  it('retries a failed job and raises an incident when retries run out, resolved after updating retries', async () => {
    // given a job with two retries
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'job-lifecycle', variables: { kind: 'b', retries: 2 } });
    const first = await activateOne(t, 'check-b');
    // when it fails twice
    await t.zeebe.failJob({ jobKey: first.key, retries: 1, errorMessage: 'department system down', retryBackOff: 0 });
    const second = await activateOne(t, 'check-b');
    expect(second.key).toBe(first.key);
    expect(second.retries).toBe(1);
    await t.zeebe.failJob({ jobKey: second.key, retries: 0, errorMessage: 'still down', retryBackOff: 0 });
    // then an incident names the failure and nothing can be activated
    const incident = await eventually(async () => {
      const incidents = await incidentsOf(t, processInstanceKey);
      expect(incidents).toHaveLength(1);
      return incidents[0]!;
    });
    expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES', errorMessage: 'still down', elementId: 'check', jobKey: first.key });
    expect(await activate(t, 'check-b')).toHaveLength(0);
    // resolving needs retries first
    await expect(t.zeebe.resolveIncident({ incidentKey: incident.incidentKey })).rejects.toThrow(/FAILED_PRECONDITION/);
    await t.zeebe.updateJobRetries({ jobKey: first.key, retries: 1 });
    await t.zeebe.resolveIncident({ incidentKey: incident.incidentKey });
    const third = await activateOne(t, 'check-b');
    await t.zeebe.completeJob({ jobKey: third.key, variables: { checked: true } });
    await eventually(async () => expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED'));
    expect(await variablesOf(t, processInstanceKey)).toMatchObject({ checked: true });
  });

  it('waits for the retry back-off before a failed job can be activated again', async () => {
    await t.zeebe.createProcessInstance({ bpmnProcessId: 'job-lifecycle', variables: { kind: 'c', retries: 3 } });
    const job = await activateOne(t, 'check-c');
    await t.zeebe.failJob({ jobKey: job.key, retries: 2, errorMessage: 'busy', retryBackOff: 60_000 });
    expect(await activate(t, 'check-c')).toHaveLength(0);
    t.clock.advance(59_000);
    expect(await activate(t, 'check-c')).toHaveLength(0);
    t.clock.advance(1_000);
    const again = await activateOne(t, 'check-c');
    expect(again.key).toBe(job.key);
    await t.zeebe.completeJob({ jobKey: again.key, variables: {} });
  });

  it('makes a timed-out job activatable again, unless its timeout was extended', async () => {
    await t.zeebe.createProcessInstance({ bpmnProcessId: 'job-lifecycle', variables: { kind: 'd', retries: 3 } });
    const job = await activateOne(t, 'check-d', { timeout: 10_000 });
    await t.zeebe.updateJobTimeout({ jobKey: job.key, timeout: 30_000 });
    t.clock.advance(20_000);
    expect(await activate(t, 'check-d')).toHaveLength(0);
    t.clock.advance(10_000);
    const again = await activateOne(t, 'check-d');
    expect(again.key).toBe(job.key);
    await t.zeebe.completeJob({ jobKey: again.key, variables: {} });
  });

  it('continues at the error boundary event when a worker throws a matching error', async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'job-lifecycle', variables: { kind: 'e', retries: 3 } });
    const job = await activateOne(t, 'check-e');
    await t.zeebe.throwError({ jobKey: job.key, errorCode: 'REJECTED', errorMessage: 'materials incomplete', variables: { reason: 'missing ID card' } });
    const notify = await activateOne(t, 'notify');
    expect(notify.processInstanceKey).toBe(processInstanceKey);
    expect(notify.variables).toMatchObject({ reason: 'missing ID card' });
    await t.zeebe.completeJob({ jobKey: notify.key, variables: {} });
    await eventually(async () => expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED'));
  });

  it('raises an incident for an error nobody catches', async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'one-task', variables: {} });
    const job = await activateOne(t, 'work');
    await t.zeebe.throwError({ jobKey: job.key, errorCode: 'UNKNOWN', errorMessage: 'boom' });
    const incidents = await eventually(async () => {
      const found = await incidentsOf(t, processInstanceKey);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(incidents[0]).toMatchObject({ errorType: 'UNHANDLED_ERROR_EVENT' });
    expect(incidents[0]?.errorMessage).toContain("'UNKNOWN'");
    await t.zeebe.cancelProcessInstance(processInstanceKey);
  });

  it('cancels an instance: its jobs disappear and completing them is NOT_FOUND', async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'one-task', variables: {} });
    const job = await activateOne(t, 'work');
    await t.zeebe.cancelProcessInstance(processInstanceKey);
    await expect(t.zeebe.completeJob({ jobKey: job.key, variables: {} })).rejects.toThrow(/NOT_FOUND/);
    expect(await instanceState(t, processInstanceKey)).toBe('CANCELED');
    await expect(t.zeebe.cancelProcessInstance(processInstanceKey)).rejects.toThrow(/NOT_FOUND/);
  });
});
