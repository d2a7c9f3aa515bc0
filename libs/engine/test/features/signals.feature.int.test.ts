import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateOne, eventually, instanceState, startTestEngine, variablesOf, type TestEngine } from '../support/harness.js';

describe('signals: BroadcastSignal, catch, start, boundary and throw events', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy('signals.bpmn');
  });
  afterAll(async () => t?.stop());

  it('triggers every waiting instance and starts signal start events; a thrown signal interrupts via a boundary event', async () => {
    // given two instances waiting for the policy signal
    const a = await t.zeebe.createProcessInstance({ bpmnProcessId: 'signal-catcher', variables: {} });
    const b = await t.zeebe.createProcessInstance({ bpmnProcessId: 'signal-catcher', variables: {} });
    await eventually(async () => expect(await instanceState(t, b.processInstanceKey)).toBe('ACTIVE'));
    // when the signal is broadcast
    await t.zeebe.broadcastSignal({ signalName: 'policy-changed', variables: { policy: 'v2' } });
    // then both move on, and a new instance of the signal-started process begins
    const work = [await activateOne(t, 'after-policy'), await activateOne(t, 'after-policy')];
    expect(work.map((j) => j.processInstanceKey).sort()).toEqual([a.processInstanceKey, b.processInstanceKey].sort());
    expect(work[0]!.variables).toMatchObject({ policy: 'v2' });
    const review = await activateOne(t, 'review-policy');
    expect(review.bpmnProcessId).toBe('signal-started');
    // when the started process ends with a signal end event, the boundary events interrupt the work
    await t.zeebe.completeJob({ jobKey: review.key, variables: {} });
    await eventually(async () => expect(await instanceState(t, a.processInstanceKey)).toBe('COMPLETED'));
    await eventually(async () => expect(await instanceState(t, b.processInstanceKey)).toBe('COMPLETED'));
    await expect(t.zeebe.completeJob({ jobKey: work[0]!.key, variables: {} })).rejects.toThrow(/NOT_FOUND/);
    expect(await variablesOf(t, a.processInstanceKey)).toMatchObject({ policy: 'v2' });
  });

  it('broadcasts over REST too', async () => {
    const waiting = await t.zeebe.createProcessInstance({ bpmnProcessId: 'signal-catcher', variables: {} });
    const response = await t.restCall<{ signalKey: string }>('POST', '/v2/signals/broadcast', { signalName: 'policy-changed', variables: {} });
    expect(response.status).toBe(200);
    expect(response.body.signalKey).toMatch(/^\d+$/);
    const job = await activateOne(t, 'after-policy');
    expect(job.processInstanceKey).toBe(waiting.processInstanceKey);
    await t.zeebe.cancelProcessInstance(waiting.processInstanceKey);
  });
});
