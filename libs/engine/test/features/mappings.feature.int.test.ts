import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateOne, eventually, instanceState, startTestEngine, variablesOf, type TestEngine } from '../support/harness.js';

describe('input/output mappings, variable propagation and script tasks', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy('mappings.bpmn');
  });
  afterAll(async () => t?.stop());

  it('gives the job its input mappings and merges only what the output mappings select', async () => {
    // given an instance at the task with mappings
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'mappings', variables: { applicant: { name: 'Li Lei' }, a: 2, b: 3 } });
    const job = await activateOne(t, 'prepare');
    // then the job sees the mapped local variables, a nested target built as an object
    expect(job.variables).toMatchObject({ name: 'Li Lei', fee: { amount: 100, withTax: 101 }, applicant: { name: 'Li Lei' } });
    // when the worker completes with a result and a scratch variable
    await t.zeebe.completeJob({ jobKey: job.key, variables: { result: 'ok', scratch: 1 } });
    // then only the mapped outputs reach the process; locals and unmapped variables do not
    await activateOne(t, 'local-update');
    const variables = await variablesOf(t, processInstanceKey);
    expect(variables).toMatchObject({ outcome: { result: 'ok' }, doubled: 200, applicant: { name: 'Li Lei' } });
    expect(variables).not.toHaveProperty('scratch');
    expect(variables).not.toHaveProperty('name');
    expect(variables).not.toHaveProperty('fee');
    expect(variables).not.toHaveProperty('result');
    await t.zeebe.cancelProcessInstance(processInstanceKey);
  });

  it('propagates job variables to the root scope, except those shadowed by a local variable', async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'mappings', variables: { applicant: { name: 'Han' }, a: 2, b: 3 } });
    await t.zeebe.completeJob({ jobKey: (await activateOne(t, 'prepare')).key, variables: { result: 'ok' } });
    const local = await activateOne(t, 'local-update');
    expect(local.variables).toMatchObject({ counter: 0 });
    await t.zeebe.completeJob({ jobKey: local.key, variables: { counter: 5, note: 'checked' } });
    // the script task computes a + b, then the instance completes
    await eventually(async () => expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED'));
    const variables = await variablesOf(t, processInstanceKey);
    expect(variables).toMatchObject({ note: 'checked', sum: 5 });
    expect(variables).not.toHaveProperty('counter');
  });

  it('sets variables locally on an element or propagates them to where they are defined', async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'mappings', variables: { applicant: { name: 'Zhang' }, a: 1, b: 1 } });
    const job = await activateOne(t, 'prepare');
    // when a local variable is set on the task and a propagated one on the task's scope
    await t.zeebe.setVariables({ elementInstanceKey: job.elementInstanceKey, variables: { hint: 'local only' }, local: true });
    await t.zeebe.setVariables({ elementInstanceKey: job.elementInstanceKey, variables: { name: 'Zhang San', channel: 'counter' }, local: false });
    await t.zeebe.failJob({ jobKey: job.key, retries: 2, errorMessage: 'retry to see new variables', retryBackOff: 0 });
    // then the task sees both, the existing local `name` was updated in place, and `channel` went to the root
    const again = await activateOne(t, 'prepare');
    expect(again.variables).toMatchObject({ hint: 'local only', name: 'Zhang San', channel: 'counter' });
    const root = await variablesOf(t, processInstanceKey);
    expect(root).toMatchObject({ channel: 'counter' });
    expect(root).not.toHaveProperty('hint');
    expect(root).not.toHaveProperty('name');
    await t.zeebe.cancelProcessInstance(processInstanceKey);
  });

  it('rejects setting variables on an unknown element with NOT_FOUND', async () => {
    await expect(t.zeebe.setVariables({ elementInstanceKey: '2251799813999999', variables: { x: 1 }, local: false }))
      .rejects.toThrow(/NOT_FOUND/);
  });
});
