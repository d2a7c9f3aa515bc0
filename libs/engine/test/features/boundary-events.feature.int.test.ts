import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, activateOne, eventually, instanceState, startTestEngine, variablesOf, type TestEngine } from '../support/harness.js';

describe('non-interrupting timer cycles and message boundary events', () => {
  let t: TestEngine;
  const start = (applicationId: string) => t.zeebe.createProcessInstance({ bpmnProcessId: 'approval-with-reminders', variables: { applicationId } });
  const jobsOf = async (type: string, processInstanceKey: string) => (await activate(t, type)).filter((j) => j.processInstanceKey === processInstanceKey);
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy('boundary-events.bpmn');
  });
  afterAll(async () => t?.stop());

  it('sends a reminder every hour, twice, while the approval goes on', async () => {
    const { processInstanceKey } = await start('app-1');
    const approval = await activateOne(t, 'approve');
    // each hour one reminder job appears; the worker completes it
    for (let hour = 1; hour <= 2; hour++) {
      t.clock.advance(3600_000);
      const [reminder] = await eventually(async () => {
        const jobs = await jobsOf('remind', processInstanceKey);
        expect(jobs).toHaveLength(1);
        return jobs;
      });
      await t.zeebe.completeJob({ jobKey: reminder!.key, variables: {} });
    }
    // R2: no third reminder
    t.clock.advance(3600_000);
    expect(await jobsOf('remind', processInstanceKey)).toHaveLength(0);
    // the approval itself was never interrupted
    await t.zeebe.completeJob({ jobKey: approval.key, variables: { approved: true } });
    await eventually(async () => expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED'));
    expect(await variablesOf(t, processInstanceKey)).toMatchObject({ approved: true });
  });

  it('starts a re-check when supplemented materials arrive, without interrupting', async () => {
    const { processInstanceKey } = await start('app-2');
    const approval = await activateOne(t, 'approve');
    await t.zeebe.publishMessage({ name: 'materials-supplemented', correlationKey: 'app-2', variables: { supplement: 'ID card copy' } });
    const recheck = await activateOne(t, 'recheck');
    expect(recheck.processInstanceKey).toBe(processInstanceKey);
    expect(recheck.variables).toMatchObject({ supplement: 'ID card copy' });
    await t.zeebe.completeJob({ jobKey: recheck.key, variables: {} });
    await t.zeebe.completeJob({ jobKey: approval.key, variables: {} });
    await eventually(async () => expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED'));
  });

  it('ends the approval when the application is withdrawn', async () => {
    const { processInstanceKey } = await start('app-3');
    const approval = await activateOne(t, 'approve');
    await t.zeebe.publishMessage({ name: 'application-withdrawn', correlationKey: 'app-3', variables: { reason: 'moved away' } });
    await eventually(async () => expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED'));
    expect(await variablesOf(t, processInstanceKey)).toMatchObject({ reason: 'moved away' });
    await expect(t.zeebe.completeJob({ jobKey: approval.key, variables: {} })).rejects.toThrow(/NOT_FOUND/);
  });
});
