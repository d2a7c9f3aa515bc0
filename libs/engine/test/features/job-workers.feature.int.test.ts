import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, instanceState, startTestEngine, type TestEngine } from '../support/harness.js';

describe('job workers: long polling and job streaming', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy('one-task.bpmn');
  });
  afterAll(async () => t?.stop());

  it('holds an ActivateJobs long poll open until a job of its type is created', async () => {
    // given a long poll with nothing to activate
    const poll = t.zeebe.activateJobs({ type: 'work', worker: 'long-poller', maxJobsToActivate: 5, timeout: 30_000, requestTimeout: 20_000 });
    await t.zeebe.topology(); // a round trip: the poll is now waiting on the engine
    // when an instance is created
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'one-task', variables: { n: 1 } });
    // then the waiting poll answers with its job
    const jobs = await poll;
    expect(jobs.map((j) => j.processInstanceKey)).toEqual([processInstanceKey]);
    await t.zeebe.completeJob({ jobKey: jobs[0]!.key, variables: {} });
    await eventually(async () => expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED'));
  });

  it('answers an empty long poll when its request timeout passes', async () => {
    const jobs = await t.zeebe.activateJobs({ type: 'nobody-creates-this', worker: 'w', maxJobsToActivate: 5, timeout: 30_000, requestTimeout: 200 });
    expect(jobs).toEqual([]);
  });

  it('pushes jobs to a StreamActivatedJobs stream', async () => {
    const handled: string[] = [];
    const stream = await t.zeebe.streamJobs({
      type: 'work', worker: 'streamer', timeout: 30_000, tenantIds: [],
      taskHandler: (job) => {
        handled.push(job.processInstanceKey);
        return job.complete({ by: 'stream' });
      },
    });
    const created = await Promise.all([1, 2, 3].map(() => t.zeebe.createProcessInstance({ bpmnProcessId: 'one-task', variables: {} })));
    for (const { processInstanceKey } of created) {
      await eventually(async () => expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED'));
    }
    expect(handled.sort()).toEqual(created.map((c) => c.processInstanceKey).sort());
    stream.close();
  });
});
