import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, activateOne, startTestEngine, variablesOf, type TestEngine } from '../support/harness.js';

describe('event-based gateway: whichever event comes first', () => {
  let t: TestEngine;
  const start = (applicationId: string) => t.zeebe.createProcessInstance({ bpmnProcessId: 'correction-notice', variables: { applicationId } });
  const mine = async (type: string, processInstanceKey: string) => (await activate(t, type)).filter((j) => j.processInstanceKey === processInstanceKey);
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy('event-based-gateway.bpmn');
  });
  afterAll(async () => t?.stop());

  it('takes the message path when the citizen supplements in time, and the deadline no longer fires', async () => {
    const { processInstanceKey } = await start('c-1');
    await t.zeebe.publishMessage({ name: 'correction-supplemented', correlationKey: 'c-1', variables: { supplement: 'tax certificate' } });
    const recheck = await activateOne(t, 'recheck-materials');
    expect(recheck.processInstanceKey).toBe(processInstanceKey);
    t.clock.advance(16 * 24 * 3600_000);
    expect(await mine('close-application', processInstanceKey)).toHaveLength(0);
    expect(await variablesOf(t, processInstanceKey)).toMatchObject({ supplement: 'tax certificate' });
  });

  it('takes the timer path when the deadline passes first, and a late message is not correlated', async () => {
    const { processInstanceKey } = await start('c-2');
    t.clock.advance(15 * 24 * 3600_000);
    const close = await activateOne(t, 'close-application');
    expect(close.processInstanceKey).toBe(processInstanceKey);
    await t.zeebe.publishMessage({ name: 'correction-supplemented', correlationKey: 'c-2', variables: { late: true } });
    expect(await mine('recheck-materials', processInstanceKey)).toHaveLength(0);
    expect(await variablesOf(t, processInstanceKey)).not.toHaveProperty('late');
  });
});
