import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, activateOne, startTestEngine, type TestEngine } from '../support/harness.js';

describe('inclusive gateway: conditional branches and their join', () => {
  let t: TestEngine;
  const start = (variables: Record<string, boolean>) => t.zeebe.createProcessInstance({ bpmnProcessId: 'conditional-inspections', variables });
  const mine = async (type: string, processInstanceKey: string) => (await activate(t, type)).filter((j) => j.processInstanceKey === processInstanceKey);
  const finish = async (type: string, processInstanceKey: string) => {
    const job = await activateOne(t, type);
    expect(job.processInstanceKey).toBe(processInstanceKey);
    await t.zeebe.completeJob({ jobKey: job.key, variables: {} });
  };
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy('inclusive-gateway.bpmn');
  });
  afterAll(async () => t?.stop());

  it('runs every branch whose condition holds and joins when all of them are done', async () => {
    const { processInstanceKey } = await start({ needsFire: true, needsHealth: true });
    expect(await mine('basic-check', processInstanceKey)).toHaveLength(0);
    await finish('fire-check', processInstanceKey);
    expect(await mine('issue-permit', processInstanceKey)).toHaveLength(0);
    await finish('health-check', processInstanceKey);
    await finish('issue-permit', processInstanceKey);
  });

  it('joins a single taken branch without waiting for the others', async () => {
    const { processInstanceKey } = await start({ needsFire: false, needsHealth: true });
    await finish('health-check', processInstanceKey);
    await finish('issue-permit', processInstanceKey);
  });

  it('takes the default flow when no condition holds', async () => {
    const { processInstanceKey } = await start({ needsFire: false, needsHealth: false });
    await finish('basic-check', processInstanceKey);
    await finish('issue-permit', processInstanceKey);
  });
});
