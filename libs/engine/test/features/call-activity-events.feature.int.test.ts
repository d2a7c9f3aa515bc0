import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateOne, instanceState, startTestEngine, type TestEngine } from '../support/harness.js';

describe('errors and escalations thrown in a called process reach the call activity', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy('call-activity-events.bpmn');
  });
  afterAll(async () => t?.stop());

  it('catches an escalation of the child on the call activity without interrupting it', async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'inspection-case', variables: { defects: 0 } });
    const remind = await activateOne(t, 'cae-remind');
    expect(remind.processInstanceKey).toBe(processInstanceKey);
    const visit = await activateOne(t, 'cae-visit');
    expect(visit.processInstanceKey).not.toBe(processInstanceKey);
    await t.zeebe.completeJob({ jobKey: remind.key, variables: {} });
    await t.zeebe.completeJob({ jobKey: visit.key, variables: {} });
    await t.zeebe.completeJob({ jobKey: (await activateOne(t, 'cae-issue')).key, variables: {} });
    expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED');
  });

  it("catches the child's error end event on the call activity, ending the child", async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'inspection-case', variables: { defects: 0 } });
    await t.zeebe.completeJob({ jobKey: (await activateOne(t, 'cae-remind')).key, variables: {} });
    const visit = await activateOne(t, 'cae-visit');
    await t.zeebe.completeJob({ jobKey: visit.key, variables: { defects: 2 } });
    const reject = await activateOne(t, 'cae-reject');
    expect(reject.processInstanceKey).toBe(processInstanceKey);
    expect(await instanceState(t, visit.processInstanceKey)).toBe('CANCELED');
    await t.zeebe.completeJob({ jobKey: reject.key, variables: {} });
    expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED');
  });

  it("catches a worker's ThrowError in the child on the call activity, with the error code and message in variables", async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'inspection-case', variables: { defects: 0 } });
    await t.zeebe.completeJob({ jobKey: (await activateOne(t, 'cae-remind')).key, variables: {} });
    const visit = await activateOne(t, 'cae-visit');
    await t.zeebe.throwError({ jobKey: visit.key, errorCode: 'REFUSED', errorMessage: 'site closed' });
    const reject = await activateOne(t, 'cae-reject');
    expect(reject.processInstanceKey).toBe(processInstanceKey);
    // the boundary event's errorCodeVariable / errorMessageVariable receive the error
    expect(reject.variables).toMatchObject({ refusalCode: 'REFUSED', refusalMessage: 'site closed' });
    expect(await instanceState(t, visit.processInstanceKey)).toBe('CANCELED');
    await t.zeebe.completeJob({ jobKey: reject.key, variables: {} });
  });
});
