// `canceling` user task listeners (https://docs.camunda.io/docs/components/concepts/user-task-listeners/):
// a user task that is terminated (its instance canceled, an interrupting event, a modification)
// runs its canceling listeners as jobs, one after another, before it is finally CANCELED; the
// termination that caused it waits for them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedRecord } from '../../src/index.js';
import { activate, activateOne, eventually, incidentsOf, instanceState, startTestEngine, type TestEngine } from '../support/harness.js';

describe('canceling user task listeners', () => {
  let t: TestEngine;
  const taskOf = async (processInstanceKey: string) => {
    const { items } = await t.rest.searchUserTasks({ filter: { processInstanceKey } });
    expect(items).toHaveLength(1);
    return items[0]!;
  };
  const createdTask = (processInstanceKey: string) => eventually(async () => {
    const task = await taskOf(processInstanceKey);
    expect(task.state).toBe('CREATED');
    return task;
  });
  const history = async (processInstanceKey: string) =>
    (await t.restCall<{ items: ExportedRecord[] }>('GET', `/engine/process-instances/${processInstanceKey}/history`)).body.items;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy('canceling-listeners.bpmn');
  });
  afterAll(async () => t?.stop());

  it('cancels a process instance only after both canceling listeners ran, one after the other', async () => {
    // given an approval assigned to chen
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'withdrawable-approval', variables: { approver: 'chen', applicant: 'Sun' } });
    const task = await createdTask(processInstanceKey);

    // when the instance is canceled
    await t.zeebe.cancelProcessInstance(processInstanceKey);

    // then the task is CANCELING and the first listener's job carries the task's properties
    expect(await taskOf(processInstanceKey)).toMatchObject({ state: 'CANCELING' });
    expect(await activate(t, 'audit-cancel')).toHaveLength(0);
    const withdraw = await activateOne(t, 'inbox-withdraw');
    expect(withdraw.processInstanceKey).toBe(processInstanceKey);
    expect(withdraw.customHeaders).toMatchObject({
      'io.camunda.zeebe:listenerEventType': 'canceling', 'io.camunda.zeebe:userTaskKey': task.userTaskKey, 'io.camunda.zeebe:assignee': 'chen',
      'io.camunda.zeebe:candidateGroups': '["tax-bureau"]', 'io.camunda.zeebe:priority': '70', inbox: 'approvals',
    });
    expect(withdraw.variables).toMatchObject({ applicant: 'Sun' });
    // and the instance is still there, it cannot be canceled twice, the task cannot be completed,
    // and the listener can neither pass variables nor throw a BPMN error (as in Zeebe)
    expect(await instanceState(t, processInstanceKey)).toBe('ACTIVE');
    await expect(t.zeebe.cancelProcessInstance(processInstanceKey)).rejects.toThrow(/NOT_FOUND/);
    expect((await t.restCall('POST', `/v2/user-tasks/${task.userTaskKey}/completion`, {})).status).toBe(409);
    await expect(t.zeebe.completeJob({ jobKey: withdraw.key, variables: { withdrawn: true } })).rejects.toThrow(/INVALID_ARGUMENT/);
    await expect(t.zeebe.throwError({ jobKey: withdraw.key, errorCode: 'X', errorMessage: '' })).rejects.toThrow(/Cannot throw BPMN error from TASK_LISTENER job/);

    // when the first listener completes, the second runs; the instance still waits
    await t.zeebe.completeJob({ jobKey: withdraw.key, variables: {} });
    const audit = await activateOne(t, 'audit-cancel');
    expect(audit.customHeaders['io.camunda.zeebe:listenerEventType']).toBe('canceling');
    expect(await instanceState(t, processInstanceKey)).toBe('ACTIVE');

    // when the second completes, the task is CANCELED and the instance canceled
    await t.zeebe.completeJob({ jobKey: audit.key, variables: {} });
    await eventually(async () => expect(await instanceState(t, processInstanceKey)).toBe('CANCELED'));
    expect(await t.rest.getUserTask(task.userTaskKey)).toMatchObject({ state: 'CANCELED' });
    const ending = (await history(processInstanceKey)).filter((r) => r.valueType === 'JOB' || r.intent === 'ELEMENT_TERMINATED').map((r) => `${r.valueType} ${r.intent} ${r.elementId ?? ''}`);
    expect(ending).toEqual([
      'JOB CREATED approve', 'JOB COMPLETED approve', 'JOB CREATED approve', 'JOB COMPLETED approve',
      'PROCESS_INSTANCE ELEMENT_TERMINATED approve', 'PROCESS_INSTANCE ELEMENT_TERMINATED withdrawable-approval',
    ]);
  });

  it('lets an interrupting timer boundary event continue only after the canceling listeners', async () => {
    // given an approval with a 24-hour deadline
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'withdrawable-approval', variables: { approver: 'li' } });
    const task = await createdTask(processInstanceKey);

    // when the deadline passes
    t.clock.advance(24 * 3600_000);

    // then the task's canceling listeners run first, and the escalation waits for them
    const withdraw = await activateOne(t, 'inbox-withdraw');
    expect(withdraw.processInstanceKey).toBe(processInstanceKey);
    expect(await taskOf(processInstanceKey)).toMatchObject({ state: 'CANCELING' });
    await t.zeebe.completeJob({ jobKey: withdraw.key, variables: {} });
    const audit = await activateOne(t, 'audit-cancel');
    expect(await activate(t, 'escalate')).toHaveLength(0);
    await t.zeebe.completeJob({ jobKey: audit.key, variables: {} });
    const escalate = await activateOne(t, 'escalate');
    expect(escalate.processInstanceKey).toBe(processInstanceKey);
    expect(await t.rest.getUserTask(task.userTaskKey)).toMatchObject({ state: 'CANCELED' });

    // and the boundary path ends the instance normally
    await t.zeebe.completeJob({ jobKey: escalate.key, variables: {} });
    await eventually(async () => expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED'));
  });

  it('keeps a canceled parent waiting for the called instance, whose subprocess waits for its task', async () => {
    // given a case whose called approval has a signing task and an archiving job in parallel
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'case-with-called-approval', variables: {} });
    const archive = await activateOne(t, 'archive');
    const child = archive.processInstanceKey;
    await createdTask(child);

    // when the case is canceled
    await t.zeebe.cancelProcessInstance(processInstanceKey);

    // then the archiving job is gone at once, but both instances wait for the task's listener
    await expect(t.zeebe.completeJob({ jobKey: archive.key, variables: {} })).rejects.toThrow(/NOT_FOUND/);
    const withdraw = await activateOne(t, 'inbox-withdraw');
    expect(withdraw.processInstanceKey).toBe(child);
    expect(await instanceState(t, processInstanceKey)).toBe('ACTIVE');
    expect(await instanceState(t, child)).toBe('ACTIVE');
    await expect(t.zeebe.cancelProcessInstance(child)).rejects.toThrow(/NOT_FOUND/);

    // when the listener completes, the called instance and then the case are canceled
    await t.zeebe.completeJob({ jobKey: withdraw.key, variables: {} });
    await eventually(async () => expect(await instanceState(t, processInstanceKey)).toBe('CANCELED'));
    expect(await instanceState(t, child)).toBe('CANCELED');
    expect(await taskOf(child)).toMatchObject({ state: 'CANCELED' });
  });

  it('starts an interrupting event subprocess once the canceling listener of the interrupted task completed', async () => {
    // given a review with a signing task and an archiving job
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'approval-in-subprocess', variables: {} });
    const archive = await activateOne(t, 'archive');
    await createdTask(processInstanceKey);

    // when the application is withdrawn (signal event subprocess inside the review)
    await t.zeebe.broadcastSignal({ signalName: 'application-withdrawn', variables: { reason: 'moved away' } });

    // then the archiving job is gone, the task is CANCELING and the event subprocess waits
    const withdraw = await activateOne(t, 'inbox-withdraw');
    await expect(t.zeebe.completeJob({ jobKey: archive.key, variables: {} })).rejects.toThrow(/NOT_FOUND/);
    expect(await taskOf(processInstanceKey)).toMatchObject({ state: 'CANCELING' });
    expect(await activate(t, 'notify-withdrawal')).toHaveLength(0);

    // when the listener completes, the event subprocess runs with the signal's variables
    await t.zeebe.completeJob({ jobKey: withdraw.key, variables: {} });
    const notify = await activateOne(t, 'notify-withdrawal');
    expect(notify.variables).toMatchObject({ reason: 'moved away' });
    await t.zeebe.completeJob({ jobKey: notify.key, variables: {} });
    await eventually(async () => expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED'));
    expect(await taskOf(processInstanceKey)).toMatchObject({ state: 'CANCELED' });
  });

  it('runs the canceling listeners when a modification terminates the task, with an incident and its repair on the way', async () => {
    // given an approval
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'withdrawable-approval', variables: { approver: 'zhou' } });
    const task = await createdTask(processInstanceKey);

    // when an operator terminates the task, its only element
    await t.zeebe.modifyProcessInstance({ processInstanceKey, activateInstructions: [], terminateInstructions: [{ elementInstanceKey: task.elementInstanceKey }] });

    // then its first canceling listener runs; a failure without retries raises an incident
    const withdraw = await activateOne(t, 'inbox-withdraw');
    await t.zeebe.failJob({ jobKey: withdraw.key, retries: 0, errorMessage: 'inbox offline', retryBackOff: 0 });
    const [incident] = await eventually(async () => {
      const found = await incidentsOf(t, processInstanceKey);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES', elementId: 'approve' });
    // the deadline no longer fires: the task stopped reacting when its termination began
    t.clock.advance(25 * 3600_000);
    expect(await activate(t, 'escalate')).toHaveLength(0);

    // when the operator repairs it, the listeners finish and the instance ends terminated
    await t.zeebe.updateJobRetries({ jobKey: withdraw.key, retries: 1 });
    await t.zeebe.resolveIncident({ incidentKey: incident!.incidentKey });
    await t.zeebe.completeJob({ jobKey: (await activateOne(t, 'inbox-withdraw')).key, variables: {} });
    expect(await instanceState(t, processInstanceKey)).toBe('ACTIVE');
    await t.zeebe.completeJob({ jobKey: (await activateOne(t, 'audit-cancel')).key, variables: {} });
    await eventually(async () => expect(await instanceState(t, processInstanceKey)).toBe('CANCELED'));
    expect(await t.rest.getUserTask(task.userTaskKey)).toMatchObject({ state: 'CANCELED' });
  });
});
