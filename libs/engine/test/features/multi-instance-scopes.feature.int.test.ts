import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, activateOne, eventually, instanceState, startTestEngine, type TestEngine } from '../support/harness.js';

describe('multi-instance subprocesses and call activities', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy('fee-payment.bpmn');
    await t.deploy('multi-instance-scopes.bpmn');
  });
  afterAll(async () => t?.stop());

  it('runs the subprocess once per department in parallel, each with its own scope, and collects the outputs', async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'mi-subprocess', variables: { departments: ['amr', 'psb', 'fire', 'tax'] } });
    const checks = await eventually(async () => {
      const jobs = await activate(t, 'mi-check');
      expect(jobs).toHaveLength(4);
      return jobs;
    });
    expect(checks.map((j) => j.variables.department).sort()).toEqual(['amr', 'fire', 'psb', 'tax']);
    // each iteration's variables stay in its own subprocess instance
    for (const job of checks) await t.zeebe.completeJob({ jobKey: job.key, variables: {} });
    const signs = await eventually(async () => {
      const jobs = await activate(t, 'mi-sign');
      expect(jobs).toHaveLength(4);
      return jobs;
    });
    const [first, second, third, fourth] = signs;
    for (const [i, job] of [first!, second!, third!].entries()) await t.zeebe.completeJob({ jobKey: job.key, variables: { opinion: `ok-${i}` } });
    // the completion condition (3 of 4) ends the body and terminates the fourth iteration
    const after = await activateOne(t, 'mi-after');
    expect(after.processInstanceKey).toBe(processInstanceKey);
    const reviews = after.variables.reviews as ({ department: string; opinion: string } | null)[];
    expect(reviews).toHaveLength(4);
    expect(reviews.filter((r) => r !== null).map((r) => r.opinion).sort()).toEqual(['ok-0', 'ok-1', 'ok-2']);
    await expect(t.zeebe.completeJob({ jobKey: fourth!.key, variables: {} })).rejects.toThrow(/NOT_FOUND/);
    await t.zeebe.completeJob({ jobKey: after.key, variables: {} });
    expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED');
  });

  it('calls the process once per fee, one after another, and collects each child result', async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'mi-call', variables: { fees: [10, 20] } });
    const firstFee = await activateOne(t, 'collect-fee');
    expect(firstFee.variables).toMatchObject({ fee: 10 });
    expect(await activate(t, 'collect-fee')).toEqual([]);
    await t.zeebe.completeJob({ jobKey: firstFee.key, variables: { receipt: 'R-10' } });
    const secondFee = await activateOne(t, 'collect-fee');
    expect(secondFee.variables).toMatchObject({ fee: 20, loopCounter: 2 });
    expect(secondFee.processInstanceKey).not.toBe(firstFee.processInstanceKey);
    await t.zeebe.completeJob({ jobKey: secondFee.key, variables: { receipt: 'R-20' } });
    const after = await activateOne(t, 'mi-call-after');
    expect(after.variables).toMatchObject({ receipts: ['R-10', 'R-20'] });
    await t.zeebe.completeJob({ jobKey: after.key, variables: {} });
    expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED');
  });

  it('cancels every iteration and every called instance with the parent', async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'mi-call', variables: { fees: [1, 2, 3] } });
    const fee = await activateOne(t, 'collect-fee');
    await t.zeebe.cancelProcessInstance(processInstanceKey);
    expect(await instanceState(t, fee.processInstanceKey)).toBe('CANCELED');
  });
});
