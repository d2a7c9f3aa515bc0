import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, eventually, FEATURES, startTestEngine, type TestEngine } from '../support/harness.js';

describe('timer start events', () => {
  let t: TestEngine;
  const sweeps = async () => {
    const jobs = await activate(t, 'sweep-overdue');
    for (const job of jobs) await t.zeebe.completeJob({ jobKey: job.key, variables: {} });
    return jobs;
  };
  beforeAll(async () => {
    t = await startTestEngine();
  });
  afterAll(async () => t?.stop());

  it('starts an instance at each repetition of the cycle, and a new version replaces the schedule', async () => {
    // given a process deployed with a cycle of three hourly starts
    const xml = readFileSync(path.join(FEATURES, 'timer-start.bpmn'), 'utf8');
    await t.zeebe.deployResource({ process: Buffer.from(xml), name: 'timer-start.bpmn' });
    expect(await sweeps()).toHaveLength(0);
    // when an hour passes, twice
    for (let hour = 1; hour <= 2; hour++) {
      t.clock.advance(3600_000);
      const started = await eventually(async () => {
        const jobs = await sweeps();
        expect(jobs).toHaveLength(1);
        return jobs;
      });
      expect(started[0]?.bpmnProcessId).toBe('hourly-sweep');
    }
    // when version 2 (every two hours, once) replaces it
    const v2 = await t.zeebe.deployResource({ process: Buffer.from(xml.replace('R3/PT1H', 'R1/PT2H')), name: 'timer-start.bpmn' });
    expect(v2.deployments[0]?.process?.version).toBe(2);
    t.clock.advance(3600_000);
    expect(await sweeps()).toHaveLength(0);
    t.clock.advance(3600_000);
    const fromV2 = await eventually(async () => {
      const jobs = await sweeps();
      expect(jobs).toHaveLength(1);
      return jobs;
    });
    expect(fromV2[0]?.processDefinitionVersion).toBe(2);
    t.clock.advance(4 * 3600_000);
    expect(await sweeps()).toHaveLength(0);
  });
});
