import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, activateOne, eventually, instanceState, startTestEngine, type TestEngine } from '../support/harness.js';

describe('timers: intermediate catch events and interrupting boundary events', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine({ start: '2026-03-02T08:00:00.000Z' });
    await t.deploy('timers.bpmn');
  });
  afterAll(async () => t?.stop());

  it('waits for an ISO 8601 duration on the engine clock', async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'cooling-off', variables: {} });
    t.clock.advance(59 * 60_000);
    expect(await activate(t, 'after-cooling-off')).toHaveLength(0);
    t.clock.advance(60_000);
    expect((await activateOne(t, 'after-cooling-off')).processInstanceKey).toBe(processInstanceKey);
  });

  it('waits until an ISO 8601 date taken from a variable', async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'until-date', variables: { deadline: '2026-03-05T00:00:00+08:00' } });
    t.clock.set(Date.parse('2026-03-04T15:59:00Z'));
    expect(await activate(t, 'after-deadline')).toHaveLength(0);
    t.clock.set(Date.parse('2026-03-04T16:00:00Z'));
    expect((await activateOne(t, 'after-deadline')).processInstanceKey).toBe(processInstanceKey);
  });

  it('interrupts overdue work when the boundary timer fires', async () => {
    // given department work with a two-day limit
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'statutory-limit', variables: { limit: 'P2D' } });
    const work = await activateOne(t, 'department-work');
    // when two days pass
    t.clock.advance(2 * 24 * 3600_000);
    // then the work is escalated and the department's job is gone
    const escalation = await activateOne(t, 'escalate');
    expect(escalation.processInstanceKey).toBe(processInstanceKey);
    await t.zeebe.completeJob({ jobKey: escalation.key, variables: {} });
    await expect(t.zeebe.completeJob({ jobKey: work.key, variables: {} })).rejects.toThrow(/NOT_FOUND/);
  });

  it('cancels the boundary timer when the work finishes in time', async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'statutory-limit', variables: { limit: 'PT4H' } });
    const work = await activateOne(t, 'department-work');
    await t.zeebe.completeJob({ jobKey: work.key, variables: {} });
    await eventually(async () => expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED'));
    t.clock.advance(5 * 3600_000);
    expect((await activate(t, 'escalate')).filter((j) => j.processInstanceKey === processInstanceKey)).toHaveLength(0);
  });
});
