import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateOne, eventually, incidentsOf, instanceState, startTestEngine, type TestEngine } from '../support/harness.js';

describe('call activities', () => {
  let t: TestEngine;
  const start = () => t.zeebe.createProcessInstance({ bpmnProcessId: 'licence-with-fee', variables: { feeProcess: 'fee-payment', fee: 50, applicant: 'Lin' } });
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy('call-activity.bpmn');
  });
  afterAll(async () => t?.stop());

  it('raises an incident while the called process is not deployed, and calls it once resolved', async () => {
    const { processInstanceKey } = await start();
    const [incident] = await eventually(async () => {
      const found = await incidentsOf(t, processInstanceKey);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(incident).toMatchObject({ errorType: 'CALLED_ELEMENT_ERROR', elementId: 'pay' });
    await t.deploy('fee-payment.bpmn');
    await t.zeebe.resolveIncident({ incidentKey: incident!.incidentKey });
    const collect = await activateOne(t, 'collect-fee');
    expect(collect.bpmnProcessId).toBe('fee-payment');
    expect(collect.processInstanceKey).not.toBe(processInstanceKey);
    await t.zeebe.completeJob({ jobKey: collect.key, variables: {} });
    await t.zeebe.completeJob({ jobKey: (await activateOne(t, 'issue-after-fee')).key, variables: {} });
  });

  it('passes the parent variables (and input mappings) down and the child variables back', async () => {
    const { processInstanceKey } = await start();
    const collect = await activateOne(t, 'collect-fee');
    expect(collect.variables).toMatchObject({ applicant: 'Lin', fee: 50, amount: 100 });
    // the child cannot be cancelled on its own
    await expect(t.zeebe.cancelProcessInstance(collect.processInstanceKey)).rejects.toThrow(/FAILED_PRECONDITION[\s\S]*Cancel the root process instance/);
    await t.zeebe.completeJob({ jobKey: collect.key, variables: { receipt: 'R-1' } });
    const issue = await activateOne(t, 'issue-after-fee');
    expect(issue.processInstanceKey).toBe(processInstanceKey);
    expect(issue.variables).toMatchObject({ receipt: 'R-1', applicant: 'Lin' });
    expect(await instanceState(t, collect.processInstanceKey)).toBe('COMPLETED');
    await t.zeebe.completeJob({ jobKey: issue.key, variables: {} });
  });

  it('cancels the child when the parent is cancelled', async () => {
    const { processInstanceKey } = await start();
    const collect = await activateOne(t, 'collect-fee');
    await t.zeebe.cancelProcessInstance(processInstanceKey);
    expect(await instanceState(t, collect.processInstanceKey)).toBe('CANCELED');
    await expect(t.zeebe.completeJob({ jobKey: collect.key, variables: {} })).rejects.toThrow(/NOT_FOUND/);
  });
});
