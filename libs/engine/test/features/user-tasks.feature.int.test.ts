import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, instanceState, startTestEngine, variablesOf, type TestEngine } from '../support/harness.js';

describe('Camunda user tasks through the REST API', () => {
  let t: TestEngine;
  const startApproval = (variables: Record<string, unknown> = {}) =>
    t.zeebe.createProcessInstance({ bpmnProcessId: 'department-approval', variables: { deadline: '2026-03-09T17:00:00+08:00', ...variables } });
  const taskOf = async (processInstanceKey: string) => eventually(async () => {
    const { items } = await t.rest.searchUserTasks({ filter: { processInstanceKey } });
    expect(items).toHaveLength(1);
    return items[0]!;
  });
  beforeAll(async () => {
    t = await startTestEngine({ start: '2026-03-02T08:00:00.000Z' });
    await t.deploy('user-tasks.bpmn');
  });
  afterAll(async () => t?.stop());

  it('creates a task with assignment, schedule and form reference from the model', async () => {
    const { processInstanceKey } = await startApproval({ reviewer: 'zhou' });
    const task = await taskOf(processInstanceKey);
    expect(task).toMatchObject({
      name: 'Review application', state: 'CREATED', assignee: 'zhou', elementId: 'review',
      candidateGroups: ['tax-bureau', 'district-office'], candidateUsers: ['wang', 'li'],
      dueDate: '2026-03-09T17:00:00+08:00', followUpDate: '2026-03-05T09:00:00Z',
      externalFormReference: 'https://forms.example.gov/approve', processDefinitionId: 'department-approval',
      processInstanceKey, creationDate: '2026-03-02T08:00:00.000Z', customHeaders: { stage: 'pre-review' },
    });
    expect(await t.rest.getUserTask(task.userTaskKey)).toMatchObject({ userTaskKey: task.userTaskKey, assignee: 'zhou' });
  });

  it('searches the shared inbox by candidate group, state and assignee', async () => {
    const { processInstanceKey } = await startApproval();
    const task = await taskOf(processInstanceKey);
    const inbox = await t.rest.searchUserTasks({ filter: { candidateGroup: 'district-office', state: 'CREATED' } });
    expect(inbox.items.map((i) => i.userTaskKey)).toContain(task.userTaskKey);
    const other = await t.rest.searchUserTasks({ filter: { candidateGroup: 'police' } });
    expect(other.items).toEqual([]);
    await t.rest.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'chen' });
    const mine = await t.rest.searchUserTasks({ filter: { assignee: 'chen' } });
    expect(mine.items.map((i) => i.userTaskKey)).toEqual([task.userTaskKey]);
    await t.rest.unassignUserTask({ userTaskKey: task.userTaskKey });
    expect((await t.rest.getUserTask(task.userTaskKey)).assignee).toBeUndefined();
  });

  it('refuses to take over an assigned task when override is not allowed (409 problem detail)', async () => {
    const { processInstanceKey } = await startApproval({ reviewer: 'zhou' });
    const task = await taskOf(processInstanceKey);
    const response = await t.restCall('POST', `/v2/user-tasks/${task.userTaskKey}/assignment`, { assignee: 'chen', allowOverride: false });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ status: 409, title: 'INVALID_STATE' });
    expect(String(response.body.detail)).toContain('already assigned');
  });

  it('updates due date and candidate groups', async () => {
    const { processInstanceKey } = await startApproval();
    const task = await taskOf(processInstanceKey);
    await t.rest.updateUserTask({ userTaskKey: task.userTaskKey, changeset: { dueDate: '2026-03-20T17:00:00+08:00', candidateGroups: ['city-office'] } });
    expect(await t.rest.getUserTask(task.userTaskKey)).toMatchObject({ dueDate: '2026-03-20T17:00:00+08:00', candidateGroups: ['city-office'] });
    const viaApiShape = await t.restCall('PATCH', `/v2/user-tasks/${task.userTaskKey}`, { changeset: { priority: 80 } });
    expect(viaApiShape.status).toBe(204);
    expect((await t.rest.getUserTask(task.userTaskKey)).priority).toBe(80);
  });

  it('completes a task with the decision, which the output mapping merges into the instance', async () => {
    const { processInstanceKey } = await startApproval({ reviewer: 'zhou' });
    const task = await taskOf(processInstanceKey);
    await t.rest.completeUserTask({ userTaskKey: task.userTaskKey, variables: { decision: 'approve', comment: 'complete materials' } });
    await eventually(async () => expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED'));
    const variables = await variablesOf(t, processInstanceKey);
    expect(variables).toMatchObject({ reviewDecision: 'approve' });
    expect(variables).not.toHaveProperty('comment');
    expect(await t.rest.getUserTask(task.userTaskKey)).toMatchObject({ state: 'COMPLETED' });
    const again = await t.restCall('POST', `/v2/user-tasks/${task.userTaskKey}/completion`, { variables: {} });
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ title: 'NOT_FOUND', status: 404 });
  });

  it('cancels the task when the instance is cancelled', async () => {
    const { processInstanceKey } = await startApproval();
    const task = await taskOf(processInstanceKey);
    await t.zeebe.cancelProcessInstance(processInstanceKey);
    expect(await t.rest.getUserTask(task.userTaskKey)).toMatchObject({ state: 'CANCELED' });
    const missing = await t.restCall('GET', '/v2/user-tasks/2251799813999999');
    expect(missing.status).toBe(404);
  });

  it('lists the variables a task can see', async () => {
    const { processInstanceKey } = await startApproval({ reviewer: 'zhou', applicant: { name: 'He' } });
    const task = await taskOf(processInstanceKey);
    const variables = await t.rest.searchUserTaskVariables({ userTaskKey: task.userTaskKey });
    const byName = Object.fromEntries(variables.items.map((v: { name: string; value: string }) => [v.name, JSON.parse(v.value) as unknown]));
    expect(byName).toMatchObject({ reviewer: 'zhou', applicant: { name: 'He' } });
  });
});
