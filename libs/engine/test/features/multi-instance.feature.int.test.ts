import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, activateOne, eventually, instanceState, startTestEngine, type TestEngine } from '../support/harness.js';

describe('multi-instance activities', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy('multi-instance.bpmn');
  });
  afterAll(async () => t?.stop());

  it('creates one user task per department in parallel and collects their verdicts in order', async () => {
    // given a countersignature by three departments
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'countersign', variables: { departments: ['tax', 'police', 'housing'] } });
    const tasks = await eventually(async () => {
      const { items } = await t.rest.searchUserTasks({ filter: { processInstanceKey } });
      expect(items).toHaveLength(3);
      return items;
    });
    expect(tasks.map((task) => task.candidateGroups).sort()).toEqual([['housing'], ['police'], ['tax']]);
    // when the departments answer in any order
    const byGroup = (group: string) => tasks.find((task) => task.candidateGroups?.includes(group))!;
    await t.rest.completeUserTask({ userTaskKey: byGroup('police').userTaskKey, variables: { verdict: 'no objection' } });
    await t.rest.completeUserTask({ userTaskKey: byGroup('tax').userTaskKey, variables: { verdict: 'approve' } });
    expect(await activate(t, 'decide')).toHaveLength(0);
    await t.rest.completeUserTask({ userTaskKey: byGroup('housing').userTaskKey, variables: { verdict: 'approve' } });
    // then the next step sees every verdict in the order of the input collection
    const decide = await activateOne(t, 'decide');
    expect(decide.variables.opinions).toEqual([
      { department: 'tax', verdict: 'approve' },
      { department: 'police', verdict: 'no objection' },
      { department: 'housing', verdict: 'approve' },
    ]);
    expect(decide.variables).not.toHaveProperty('department');
  });

  it('asks one expert after another until the completion condition holds', async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'first-answer-wins', variables: { experts: ['wu', 'zheng', 'feng'], answered: false } });
    const first = await activateOne(t, 'ask-expert');
    expect(first.variables).toMatchObject({ expert: 'wu', loopCounter: 1 });
    expect(await activate(t, 'ask-expert')).toHaveLength(0);
    await t.zeebe.completeJob({ jobKey: first.key, variables: {} });
    const second = await activateOne(t, 'ask-expert');
    expect(second.variables).toMatchObject({ expert: 'zheng', loopCounter: 2 });
    await t.zeebe.completeJob({ jobKey: second.key, variables: { answered: true } });
    await eventually(async () => expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED'));
    expect(await activate(t, 'ask-expert')).toHaveLength(0);
  });

  it('completes at once for an empty collection and raises an incident when it is not a list', async () => {
    const empty = await t.zeebe.createProcessInstance({ bpmnProcessId: 'first-answer-wins', variables: { experts: [], answered: false } });
    await eventually(async () => expect(await instanceState(t, empty.processInstanceKey)).toBe('COMPLETED'));
    const broken = await t.zeebe.createProcessInstance({ bpmnProcessId: 'first-answer-wins', variables: { experts: 'wu' } });
    const { body } = await eventually(async () => {
      const response = await t.restCall<{ items: { errorType: string; errorMessage: string }[] }>('POST', '/v2/incidents/search', { filter: { processInstanceKey: broken.processInstanceKey } });
      expect(response.body.items).toHaveLength(1);
      return response;
    });
    expect(body.items[0]).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR' });
    expect(body.items[0]?.errorMessage).toContain('ARRAY');
  });
});
