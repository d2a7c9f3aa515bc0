import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, activateOne, startTestEngine, type TestEngine } from '../support/harness.js';

describe('escalation events', () => {
  let t: TestEngine;
  const mine = async (type: string, processInstanceKey: string) => (await activate(t, type)).filter((j) => j.processInstanceKey === processInstanceKey);
  const reviewWith = async (outcome: string) => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'review-with-escalation', variables: {} });
    const work = await activateOne(t, 'review-work');
    await t.zeebe.completeJob({ jobKey: work.key, variables: { outcome } });
    return processInstanceKey;
  };
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy('escalation.bpmn');
  });
  afterAll(async () => t?.stop());

  it('notifies the supervisor without interrupting when the review escalates as late', async () => {
    const processInstanceKey = await reviewWith('late');
    const notify = await activateOne(t, 'notify-supervisor');
    expect(notify.processInstanceKey).toBe(processInstanceKey);
    const goOn = await activateOne(t, 'continue-review');
    expect(goOn.processInstanceKey).toBe(processInstanceKey);
    await t.zeebe.completeJob({ jobKey: goOn.key, variables: {} });
    expect((await activateOne(t, 'finish-review')).processInstanceKey).toBe(processInstanceKey);
  });

  it('reassigns, interrupting the review, when the reviewer gives up', async () => {
    const processInstanceKey = await reviewWith('give-up');
    expect((await activateOne(t, 'reassign')).processInstanceKey).toBe(processInstanceKey);
    expect(await mine('finish-review', processInstanceKey)).toHaveLength(0);
  });
});
