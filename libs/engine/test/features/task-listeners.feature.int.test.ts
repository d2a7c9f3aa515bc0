import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, activateOne, eventually, incidentsOf, instanceState, startTestEngine, variablesOf, type TestEngine } from '../support/harness.js';

describe('user task listeners and job-based user tasks', () => {
  let t: TestEngine;
  const taskOf = async (processInstanceKey: string) => {
    const { items } = await t.rest.searchUserTasks({ filter: { processInstanceKey } });
    expect(items).toHaveLength(1);
    return items[0]!;
  };
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy('task-listeners.bpmn');
  });
  afterAll(async () => t?.stop());

  it('runs creating, assigning and completing listeners as jobs before each change takes effect', async () => {
    // given a task whose creation waits for the inbox-sync listener
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'inbox-synced-approval', variables: { applicant: 'Sun' } });
    const creating = await activateOne(t, 'inbox-sync');
    expect(creating.customHeaders).toMatchObject({ 'io.camunda.zeebe:listenerEventType': 'creating', 'io.camunda.zeebe:candidateGroups': '["tax-bureau"]' });
    expect(creating.variables).toMatchObject({ applicant: 'Sun' });
    expect((await taskOf(processInstanceKey)).state).toBe('CREATING');
    const assignWhileCreating = await t.restCall('POST', `/v2/user-tasks/${creating.customHeaders['io.camunda.zeebe:userTaskKey']}/assignment`, { assignee: 'chen' });
    expect(assignWhileCreating.status).toBe(409);
    await t.zeebe.completeJob({ jobKey: creating.key, variables: {} });
    const task = await eventually(async () => {
      const found = await taskOf(processInstanceKey);
      expect(found.state).toBe('CREATED');
      return found;
    });
    // when it is assigned, the assignment waits for its listener
    await t.rest.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'chen' });
    const assigning = await activateOne(t, 'inbox-sync');
    expect(assigning.customHeaders['io.camunda.zeebe:newAssignee']).toBe('chen');
    expect((await t.rest.getUserTask(task.userTaskKey)).assignee).toBeUndefined();
    await t.zeebe.completeJob({ jobKey: assigning.key, variables: {} });
    await eventually(async () => expect((await t.rest.getUserTask(task.userTaskKey)).assignee).toBe('chen'));
    // when it is completed, both completing listeners run in order before the instance moves on
    await t.rest.completeUserTask({ userTaskKey: task.userTaskKey, variables: { decision: 'approve' } });
    const sync = await activateOne(t, 'inbox-sync');
    expect(await activate(t, 'audit')).toHaveLength(0);
    await t.zeebe.completeJob({ jobKey: sync.key, variables: {} });
    const audit = await activateOne(t, 'audit');
    expect(await instanceState(t, processInstanceKey)).toBe('ACTIVE');
    await t.zeebe.completeJob({ jobKey: audit.key, variables: {} });
    await eventually(async () => expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED'));
    expect(await variablesOf(t, processInstanceKey)).toMatchObject({ decision: 'approve' });
  });

  it('raises an incident when a listener job runs out of retries, and continues once resolved', async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'inbox-synced-approval', variables: {} });
    const creating = await activateOne(t, 'inbox-sync');
    await t.zeebe.failJob({ jobKey: creating.key, retries: 0, errorMessage: 'inbox down', retryBackOff: 0 });
    const [incident] = await eventually(async () => {
      const found = await incidentsOf(t, processInstanceKey);
      expect(found).toHaveLength(1);
      return found;
    });
    await t.zeebe.updateJobRetries({ jobKey: creating.key, retries: 1 });
    await t.zeebe.resolveIncident({ incidentKey: incident!.incidentKey });
    await t.zeebe.completeJob({ jobKey: (await activateOne(t, 'inbox-sync')).key, variables: {} });
    await eventually(async () => expect((await taskOf(processInstanceKey)).state).toBe('CREATED'));
    await t.zeebe.cancelProcessInstance(processInstanceKey);
  });

  it('serves a user task without zeebe:userTask as a job of type io.camunda.zeebe:userTask', async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'job-based-user-task', variables: {} });
    const job = await activateOne(t, 'io.camunda.zeebe:userTask');
    expect(job.customHeaders).toMatchObject({ 'io.camunda.zeebe:assignee': 'zhou', 'io.camunda.zeebe:candidateGroups': '["tax-bureau"]' });
    await t.zeebe.completeJob({ jobKey: job.key, variables: { decision: 'ok' } });
    await eventually(async () => expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED'));
  });
});
