import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, activateOne, eventually, instanceState, startTestEngine, variablesOf, type TestEngine } from '../support/harness.js';

describe('event subprocesses: message, timer and error start events', () => {
  let t: TestEngine;
  const start = (applicationId: string) => t.zeebe.createProcessInstance({ bpmnProcessId: 'application-lifecycle', variables: { applicationId } });
  const mine = async (type: string, processInstanceKey: string) => (await activate(t, type)).filter((j) => j.processInstanceKey === processInstanceKey);
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy('event-subprocess.bpmn');
  });
  afterAll(async () => t?.stop());

  it('reminds without interrupting when the application is overdue', async () => {
    const { processInstanceKey } = await start('a-1');
    const work = await activateOne(t, 'process-application');
    t.clock.advance(3 * 24 * 3600_000);
    const [remind] = await eventually(async () => {
      const jobs = await mine('remind-overdue', processInstanceKey);
      expect(jobs).toHaveLength(1);
      return jobs;
    });
    await t.zeebe.completeJob({ jobKey: remind!.key, variables: {} });
    await t.zeebe.completeJob({ jobKey: work.key, variables: { done: true } });
    await eventually(async () => expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED'));
  });

  it('stops the work when the citizen withdraws, at any time', async () => {
    const { processInstanceKey } = await start('a-2');
    const work = await activateOne(t, 'process-application');
    await t.zeebe.publishMessage({ name: 'withdraw-application', correlationKey: 'a-2', variables: { reason: 'no longer needed' } });
    const withdrawal = await activateOne(t, 'handle-withdrawal');
    expect(withdrawal.processInstanceKey).toBe(processInstanceKey);
    await expect(t.zeebe.completeJob({ jobKey: work.key, variables: {} })).rejects.toThrow(/NOT_FOUND/);
    await t.zeebe.completeJob({ jobKey: withdrawal.key, variables: {} });
    await eventually(async () => expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED'));
    expect(await variablesOf(t, processInstanceKey)).toMatchObject({ reason: 'no longer needed' });
    t.clock.advance(4 * 24 * 3600_000);
    expect(await mine('remind-overdue', processInstanceKey)).toHaveLength(0);
  });

  it('handles an error thrown anywhere in the process', async () => {
    const { processInstanceKey } = await start('a-3');
    const work = await activateOne(t, 'process-application');
    await t.zeebe.throwError({ jobKey: work.key, errorCode: 'FRAUD', errorMessage: 'forged seal' });
    const report = await activateOne(t, 'report-fraud');
    expect(report.processInstanceKey).toBe(processInstanceKey);
    await t.zeebe.completeJob({ jobKey: report.key, variables: {} });
    await eventually(async () => expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED'));
  });
});
