import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, activateOne, eventually, instanceState, startTestEngine, variablesOf, type TestEngine } from '../support/harness.js';

interface ElementInstanceItem {
  elementInstanceKey: string;
  elementId: string;
  type: string;
  processInstanceKey: string;
}

describe('operator commands: cancel cascades, process instance modification, resource deletion', () => {
  let t: TestEngine;
  const elementsOf = async (processInstanceKey: string) =>
    (await t.restCall<{ items: ElementInstanceItem[] }>('POST', '/v2/element-instances/search', { filter: { processInstanceKey } })).body.items;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy('fee-payment.bpmn');
    await t.deploy('operations.bpmn');
  });
  afterAll(async () => t?.stop());

  it('cancels everything inside: the subprocess, the multi-instance body and its iterations, and the called instance', async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'ops-cascade', variables: { departments: ['amr', 'psb', 'fire'] } });
    const opinions = await eventually(async () => {
      const jobs = await activate(t, 'ops-opinion');
      expect(jobs).toHaveLength(3);
      return jobs;
    });
    const fee = await activateOne(t, 'collect-fee');
    expect((await elementsOf(processInstanceKey)).map((e) => e.type)).toEqual(expect.arrayContaining(['SUB_PROCESS', 'MULTI_INSTANCE_BODY', 'SERVICE_TASK', 'CALL_ACTIVITY']));

    await t.zeebe.cancelProcessInstance(processInstanceKey);

    expect(await instanceState(t, processInstanceKey)).toBe('CANCELED');
    expect(await instanceState(t, fee.processInstanceKey)).toBe('CANCELED');
    for (const job of [...opinions, fee]) await expect(t.zeebe.completeJob({ jobKey: job.key, variables: {} })).rejects.toThrow(/NOT_FOUND/);
    expect(await elementsOf(processInstanceKey)).toEqual([]);
    expect(await elementsOf(fee.processInstanceKey)).toEqual([]);
  });

  it('moves a stuck token: terminates the waiting catch event and activates the next task with variables', async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'ops-stuck', variables: { caseId: 'c-1' } });
    const [wait] = await eventually(async () => {
      const found = await elementsOf(processInstanceKey);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(wait).toMatchObject({ elementId: 'wait', type: 'INTERMEDIATE_CATCH_EVENT' });

    await t.zeebe.modifyProcessInstance({
      processInstanceKey,
      activateInstructions: [{ elementId: 'next', ancestorElementInstanceKey: '-1', variableInstructions: [{ scopeId: '', variables: { repairedBy: 'operator' } }] }],
      terminateInstructions: [{ elementInstanceKey: wait!.elementInstanceKey }],
    });

    const next = await activateOne(t, 'ops-next');
    expect(next.processInstanceKey).toBe(processInstanceKey);
    expect(next.variables).toMatchObject({ repairedBy: 'operator', caseId: 'c-1' });
    // the message subscription went with the terminated catch event
    const published = await t.zeebe.publishMessage({ name: 'ops-confirmation', correlationKey: 'c-1', variables: {} });
    expect(published.key).toBeDefined();
    await t.zeebe.completeJob({ jobKey: next.key, variables: {} });
    expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED');
    expect(await variablesOf(t, processInstanceKey)).toMatchObject({ repairedBy: 'operator' });
  });

  it('terminates the process instance when its last active element is terminated, and a subprocess left empty', async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'ops-stuck', variables: { caseId: 'c-2' } });
    const [wait] = await eventually(async () => {
      const found = await elementsOf(processInstanceKey);
      expect(found).toHaveLength(1);
      return found;
    });
    await t.zeebe.modifyProcessInstance({ processInstanceKey, terminateInstructions: [{ elementInstanceKey: wait!.elementInstanceKey }] });
    expect(await instanceState(t, processInstanceKey)).toBe('CANCELED');

    const cascade = await t.zeebe.createProcessInstance({ bpmnProcessId: 'ops-cascade', variables: { departments: ['amr'] } });
    const fee = await activateOne(t, 'collect-fee');
    const body = await eventually(async () => {
      const found = (await elementsOf(cascade.processInstanceKey)).find((e) => e.type === 'MULTI_INSTANCE_BODY');
      expect(found).toBeDefined();
      return found!;
    });
    const iteration = (await elementsOf(cascade.processInstanceKey)).find((e) => e.elementId === 'opinion' && e.type === 'SERVICE_TASK')!;
    await expect(t.zeebe.modifyProcessInstance({ processInstanceKey: cascade.processInstanceKey, terminateInstructions: [{ elementInstanceKey: iteration.elementInstanceKey }] }))
      .rejects.toThrow(/INVALID_ARGUMENT[\s\S]*multi-instance iterations/);
    await t.zeebe.modifyProcessInstance({ processInstanceKey: cascade.processInstanceKey, terminateInstructions: [{ elementInstanceKey: body.elementInstanceKey }] });
    expect((await elementsOf(cascade.processInstanceKey)).map((e) => e.elementId)).toEqual(['pay']);
    await t.zeebe.cancelProcessInstance(cascade.processInstanceKey);
    expect(await instanceState(t, fee.processInstanceKey)).toBe('CANCELED');
  });

  it('rejects modifications naming unknown elements, instances or scopes, and changes nothing', async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'ops-stuck', variables: { caseId: 'c-3' } });
    await expect(t.zeebe.modifyProcessInstance({ processInstanceKey, activateInstructions: [{ elementId: 'nope', ancestorElementInstanceKey: '-1', variableInstructions: [] }] }))
      .rejects.toThrow(/INVALID_ARGUMENT[\s\S]*element that could not be found: 'nope'/);
    await expect(t.zeebe.modifyProcessInstance({ processInstanceKey, activateInstructions: [{ elementId: 'next', ancestorElementInstanceKey: '-1', variableInstructions: [] }], terminateInstructions: [{ elementInstanceKey: '2251799813999999' }] }))
      .rejects.toThrow(/INVALID_ARGUMENT[\s\S]*element instance that could not be found/);
    await expect(t.zeebe.modifyProcessInstance({ processInstanceKey: '2251799813999999', terminateInstructions: [] })).rejects.toThrow(/NOT_FOUND/);
    expect((await elementsOf(processInstanceKey)).map((e) => e.elementId)).toEqual(['wait']);
    expect(await activate(t, 'ops-next')).toEqual([]);
    await t.zeebe.cancelProcessInstance(processInstanceKey);
  });

  it('deletes a process definition without running instances; the previous version becomes the latest again', async () => {
    const first = await t.deploy('one-task.bpmn');
    const second = await t.zeebe.deployResource({ name: 'one-task-copy.bpmn', process: Buffer.from((await import('node:fs')).readFileSync(`${__dirname}/one-task.bpmn`)) });
    const secondKey = second.deployments.flatMap((d) => ('process' in d && d.process ? [d.process.processDefinitionKey] : []))[0]!;
    const running = await t.zeebe.createProcessInstance({ bpmnProcessId: 'one-task', variables: {} });
    await expect(t.zeebe.deleteResource({ resourceKey: secondKey })).rejects.toThrow(/FAILED_PRECONDITION[\s\S]*running instances/);
    await t.zeebe.cancelProcessInstance(running.processInstanceKey);

    await t.zeebe.deleteResource({ resourceKey: secondKey });

    const again = await t.zeebe.createProcessInstance({ bpmnProcessId: 'one-task', variables: {} });
    expect(again.processDefinitionKey).toBe(first[0]!.processDefinitionKey);
    await expect(t.zeebe.deleteResource({ resourceKey: secondKey })).rejects.toThrow(/NOT_FOUND/);
    await t.zeebe.cancelProcessInstance(again.processInstanceKey);
  });
});
