import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, activateOne, eventually, incidentsOf, instanceState, startTestEngine, variablesOf, type TestEngine } from '../support/harness.js';

describe('exclusive and parallel gateways', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy('exclusive-gateway.bpmn');
    await t.deploy('parallel-gateway.bpmn');
    await t.deploy('terminate-end.bpmn');
  });
  afterAll(async () => t?.stop());

  it('takes the flow whose condition holds, else the default flow', async () => {
    const big = await t.zeebe.createProcessInstance({ bpmnProcessId: 'fee-routing', variables: { amount: 5000 } });
    const small = await t.zeebe.createProcessInstance({ bpmnProcessId: 'fee-routing', variables: { amount: 10 } });
    expect((await activateOne(t, 'manual-review')).processInstanceKey).toBe(big.processInstanceKey);
    expect((await activateOne(t, 'auto-approve')).processInstanceKey).toBe(small.processInstanceKey);
  });

  it('raises an incident when no condition holds and there is no default, and continues after resolution', async () => {
    // given an instance whose level matches no outgoing flow
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'level-routing', variables: { level: 'street' } });
    const incident = await eventually(async () => {
      const [found] = await incidentsOf(t, processInstanceKey);
      expect(found).toBeDefined();
      return found!;
    });
    expect(incident).toMatchObject({ errorType: 'CONDITION_ERROR', elementId: 'byLevel' });
    // when the data is fixed and the incident resolved
    await t.zeebe.setVariables({ elementInstanceKey: processInstanceKey, variables: { level: 'city' }, local: false });
    await t.zeebe.resolveIncident({ incidentKey: incident.incidentKey });
    // then the gateway routes again
    expect((await activateOne(t, 'city-review')).processInstanceKey).toBe(processInstanceKey);
    expect(await incidentsOf(t, processInstanceKey)).toEqual([]);
  });

  it('raises an incident when a condition does not evaluate to a boolean', async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'fee-routing', variables: {} });
    const [incident] = await eventually(async () => {
      const found = await incidentsOf(t, processInstanceKey);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(incident?.errorMessage).toMatch(/amount > 1000.*BOOLEAN.*NULL/);
    await t.zeebe.cancelProcessInstance(processInstanceKey);
  });

  it('forks to three departments and joins only when all three have answered', async () => {
    // given a joint approval
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'joint-approval', variables: { applicant: 'Wang Fang' } });
    const tax = await activateOne(t, 'approve-tax');
    const police = await activateOne(t, 'approve-police');
    const housing = await activateOne(t, 'approve-housing');
    // when two departments answer
    await t.zeebe.completeJob({ jobKey: tax.key, variables: { opinion: 'ok' } });
    await t.zeebe.completeJob({ jobKey: police.key, variables: { opinion: 'ok, checked' } });
    // then the licence is not issued yet
    expect(await activate(t, 'issue-licence')).toHaveLength(0);
    // when the third answers
    await t.zeebe.completeJob({ jobKey: housing.key, variables: { opinion: 'no objection' } });
    // then the licence task sees all opinions, each merged by its output mapping
    const issue = await activateOne(t, 'issue-licence');
    expect(issue.variables).toEqual({ applicant: 'Wang Fang', opinions: { tax: 'ok', police: 'ok, checked', housing: 'no objection' } });
    await t.zeebe.completeJob({ jobKey: issue.key, variables: {} });
    await eventually(async () => expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED'));
    expect(await variablesOf(t, processInstanceKey)).not.toHaveProperty('opinion');
  });

  it('ends every parallel branch when one department vetoes (terminate end event)', async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'veto-approval', variables: {} });
    const a = await activateOne(t, 'veto-a');
    const b = await activateOne(t, 'veto-b');
    await t.zeebe.completeJob({ jobKey: a.key, variables: { approved: false } });
    await eventually(async () => expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED'));
    await expect(t.zeebe.completeJob({ jobKey: b.key, variables: {} })).rejects.toThrow(/NOT_FOUND/);
  });
});
