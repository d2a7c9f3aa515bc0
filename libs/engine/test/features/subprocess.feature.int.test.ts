import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, activateOne, startTestEngine, variablesOf, type TestEngine } from '../support/harness.js';

describe('embedded subprocesses, error end events and boundary events on subprocesses', () => {
  let t: TestEngine;
  const start = () => t.zeebe.createProcessInstance({ bpmnProcessId: 'material-review', variables: { round: 1 } });
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy('subprocess.bpmn');
  });
  afterAll(async () => t?.stop());

  it('runs the inner flow with the subprocess scope and continues after it', async () => {
    const { processInstanceKey } = await start();
    const check = await activateOne(t, 'check-materials');
    expect(check.variables).toMatchObject({ round: 1, reviewRound: 'round-1' });
    await t.zeebe.completeJob({ jobKey: check.key, variables: { checked: 'complete' } });
    const issue = await activateOne(t, 'issue-result');
    expect(issue.processInstanceKey).toBe(processInstanceKey);
    expect(issue.variables).toMatchObject({ reviewResult: 'complete' });
    expect(issue.variables).not.toHaveProperty('reviewRound');
    await t.zeebe.completeJob({ jobKey: issue.key, variables: {} });
  });

  it('catches an error end event at the subprocess boundary', async () => {
    const { processInstanceKey } = await start();
    await t.zeebe.completeJob({ jobKey: (await activateOne(t, 'check-materials')).key, variables: { checked: 'missing' } });
    const correction = await activateOne(t, 'request-correction');
    expect(correction.processInstanceKey).toBe(processInstanceKey);
    expect(await activate(t, 'issue-result')).toHaveLength(0);
    await t.zeebe.completeJob({ jobKey: correction.key, variables: {} });
  });

  it('catches an error thrown by a worker inside the subprocess', async () => {
    const { processInstanceKey } = await start();
    const check = await activateOne(t, 'check-materials');
    await t.zeebe.throwError({ jobKey: check.key, errorCode: 'INCOMPLETE', errorMessage: 'no ID card', variables: { missingItem: 'ID card' } });
    const correction = await activateOne(t, 'request-correction');
    expect(correction.processInstanceKey).toBe(processInstanceKey);
    await t.zeebe.completeJob({ jobKey: correction.key, variables: {} });
    expect(await variablesOf(t, processInstanceKey)).toMatchObject({ missingItem: 'ID card' });
  });

  it('interrupts the whole subprocess when its timer fires', async () => {
    const { processInstanceKey } = await start();
    const check = await activateOne(t, 'check-materials');
    t.clock.advance(5 * 24 * 3600_000);
    const escalation = await activateOne(t, 'escalate-review');
    expect(escalation.processInstanceKey).toBe(processInstanceKey);
    await expect(t.zeebe.completeJob({ jobKey: check.key, variables: {} })).rejects.toThrow(/NOT_FOUND/);
    await t.zeebe.completeJob({ jobKey: escalation.key, variables: {} });
  });
});
