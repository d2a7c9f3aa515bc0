import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, activateOne, instanceState, startTestEngine, type TestEngine } from '../support/harness.js';

describe('message throw events (intermediate and end)', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy('message-throw.bpmn');
  });
  afterAll(async () => t?.stop());

  it('creates a job for each message throw event and moves on when the worker completes it', async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'message-throw', variables: { caseNo: 'C-7' } });
    const received = await activateOne(t, 'send-notice');
    expect(received).toMatchObject({ elementId: 'notify-received', customHeaders: { template: 'received' } });
    expect(received.variables).toMatchObject({ caseNo: 'C-7' });
    expect(await activate(t, 'send-notice')).toEqual([]);
    await t.zeebe.completeJob({ jobKey: received.key, variables: { sentAt: 'now' } });
    const done = await activateOne(t, 'send-notice');
    expect(done).toMatchObject({ elementId: 'notify-done', customHeaders: { template: 'done' } });
    expect(await instanceState(t, processInstanceKey)).toBe('ACTIVE');
    await t.zeebe.completeJob({ jobKey: done.key, variables: {} });
    expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED');
  });

  it('rejects a message throw event without a job type, naming the element', async () => {
    const xml = (await import('node:fs')).readFileSync(`${__dirname}/message-throw.bpmn`, 'utf8').replace('<zeebe:taskDefinition type="send-notice" />\n', '');
    await expect(t.zeebe.deployResource({ name: 'bad-throw.bpmn', process: Buffer.from(xml) }))
      .rejects.toThrow(/INVALID_ARGUMENT[\s\S]*notify-received \(bpmn:IntermediateThrowEvent\)[\s\S]*taskDefinition/);
  });
});
