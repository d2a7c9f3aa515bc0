import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, activateOne, eventually, instanceState, startTestEngine, variablesOf, type TestEngine } from '../support/harness.js';

describe('messages: receive tasks, catch events, start events and buffering', () => {
  let t: TestEngine;
  const start = (orderId: string) => t.zeebe.createProcessInstance({ bpmnProcessId: 'wait-for-payment', variables: { orderId } });
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy('messages.bpmn');
  });
  afterAll(async () => t?.stop());

  it('correlates a message only to the instance with the matching correlation key', async () => {
    // given two instances waiting for payment
    const a = await start('order-a');
    const b = await start('order-b');
    // when order-b's payment arrives, then its confirmation
    await t.zeebe.publishMessage({ name: 'payment-received', correlationKey: 'order-b', variables: { paid: 120 } });
    await t.zeebe.publishMessage({ name: 'confirmed', correlationKey: 'order-b', variables: { by: 'clerk-7' } });
    // then only order-b completes, with the message variables merged (through the output mapping)
    await eventually(async () => expect(await instanceState(t, b.processInstanceKey)).toBe('COMPLETED'));
    expect(await variablesOf(t, b.processInstanceKey)).toMatchObject({ orderId: 'order-b', paid: 120, confirmedBy: 'clerk-7' });
    expect(await instanceState(t, a.processInstanceKey)).toBe('ACTIVE');
    expect(await variablesOf(t, a.processInstanceKey)).not.toHaveProperty('paid');
    await t.zeebe.cancelProcessInstance(a.processInstanceKey);
  });

  it('buffers a message for its time to live and correlates it when a subscription opens', async () => {
    await t.zeebe.publishMessage({ name: 'payment-received', correlationKey: 'order-c', timeToLive: 60_000, variables: { paid: 1 } });
    const c = await start('order-c');
    await eventually(async () => expect(await variablesOf(t, c.processInstanceKey)).toMatchObject({ paid: 1 }));
    // the buffered message was consumed by this process: a second instance does not get it
    const c2 = await start('order-c');
    await t.zeebe.publishMessage({ name: 'confirmed', correlationKey: 'order-c', variables: { by: 'x' } });
    await eventually(async () => expect(await instanceState(t, c.processInstanceKey)).toBe('COMPLETED'));
    expect(await variablesOf(t, c2.processInstanceKey)).not.toHaveProperty('paid');
    await t.zeebe.cancelProcessInstance(c2.processInstanceKey);
  });

  it('drops a buffered message once its time to live has passed', async () => {
    await t.zeebe.publishMessage({ name: 'payment-received', correlationKey: 'order-d', timeToLive: 10_000, variables: { paid: 1 } });
    t.clock.advance(10_001);
    const d = await start('order-d');
    await t.zeebe.publishMessage({ name: 'unrelated', correlationKey: 'x' }); // a round trip after the subscription opened
    expect(await variablesOf(t, d.processInstanceKey)).not.toHaveProperty('paid');
    await t.zeebe.cancelProcessInstance(d.processInstanceKey);
  });

  it('rejects a second message with the same id while the first is buffered', async () => {
    const message = { name: 'payment-received', correlationKey: 'order-e', timeToLive: 60_000, messageId: 'pay-e-1', variables: {} };
    await t.zeebe.publishMessage(message);
    await expect(t.zeebe.publishMessage(message)).rejects.toThrow(/ALREADY_EXISTS/);
    await expect(t.zeebe.publishMessage(message)).rejects.toThrow(/a message with that id was already published/);
  });

  it('starts an instance from a message start event, once per active correlation key', async () => {
    await t.zeebe.publishMessage({ name: 'application-submitted', correlationKey: 'app-1', variables: { applicant: 'Zhao' } });
    await t.zeebe.publishMessage({ name: 'application-submitted', correlationKey: 'app-1', variables: { applicant: 'Zhao again' } });
    const job = await activateOne(t, 'register');
    expect(job.bpmnProcessId).toBe('start-by-message');
    expect(job.variables).toEqual({ applicant: 'Zhao' });
    expect(await activate(t, 'register')).toHaveLength(0);
    await t.zeebe.completeJob({ jobKey: job.key, variables: {} });
  });
});
