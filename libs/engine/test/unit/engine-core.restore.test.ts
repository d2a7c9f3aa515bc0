// Every wait state survives save -> JSON -> restore -> resume (bpmn-engine's rule), on the
// synchronous core alone: no database, no network, time from a plain variable.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseBpmn } from '../../src/model/parse-bpmn.js';
import { EngineCore } from '../../src/runtime/engine-core.js';
import type { BufferedMessage, ProcessDefinition, ProcessInstance } from '../../src/runtime/state.js';

const fixture = (file: string) => readFileSync(path.join(__dirname, '..', 'features', file), 'utf8');

describe('engine core: save, restore and resume every wait state', () => {
  let now: number;
  let core: EngineCore;
  let definitions: ProcessDefinition[];

  beforeEach(async () => {
    now = Date.parse('2026-03-02T08:00:00Z');
    core = new EngineCore(() => now);
    const resources = [];
    for (const file of ['one-task.bpmn', 'parallel-gateway.bpmn', 'messages.bpmn', 'timers.bpmn', 'user-tasks.bpmn']) {
      resources.push({ name: file, xml: fixture(file), models: await parseBpmn(fixture(file)) });
    }
    core.deploy(resources, '<default>');
    definitions = core.takeChanges().definitions;
  });

  /** Serialises the instance (and buffered messages) to JSON and loads them into a fresh core. */
  function restore(instanceKey: string, messages: BufferedMessage[] = []): EngineCore {
    const saved = JSON.stringify(core.instance(instanceKey));
    const restored = new EngineCore(() => now, core.keys.current);
    restored.load(definitions, [JSON.parse(saved) as ProcessInstance], JSON.parse(JSON.stringify(messages)) as BufferedMessage[]);
    restored.takeChanges();
    return restored;
  }

  function finished(target: EngineCore) {
    return target.takeChanges().finished.map((f) => ({ state: f.state, variables: f.variables }));
  }

  it('a job: activate, restore, complete', () => {
    const instance = core.createInstance({ bpmnProcessId: 'one-task', variables: { a: 1 } });
    const restored = restore(instance.key);
    const [job] = restored.activateJobs({ type: 'work', worker: 'w', timeout: 1000, maxJobsToActivate: 1, fetchVariables: [] });
    expect(job?.variables).toEqual({ a: 1 });
    restored.completeJob(job!.key, { b: 2 });
    expect(finished(restored)).toEqual([{ state: 'COMPLETED', variables: { a: 1, b: 2 } }]);
  });

  it('an activated job whose timeout passed while the engine was down', () => {
    const instance = core.createInstance({ bpmnProcessId: 'one-task', variables: {} });
    const [job] = core.activateJobs({ type: 'work', worker: 'w', timeout: 1000, maxJobsToActivate: 1, fetchVariables: [] });
    const restored = restore(instance.key);
    expect(restored.activateJobs({ type: 'work', worker: 'w', timeout: 1000, maxJobsToActivate: 1, fetchVariables: [] })).toEqual([]);
    now += 1000;
    expect(restored.activateJobs({ type: 'work', worker: 'w2', timeout: 1000, maxJobsToActivate: 1, fetchVariables: [] })[0]?.key).toBe(job?.key);
  });

  it('a parallel join with one branch arrived', () => {
    const instance = core.createInstance({ bpmnProcessId: 'joint-approval', variables: {} });
    const jobs = ['approve-tax', 'approve-police', 'approve-housing'].map((type) => core.activateJobs({ type, worker: 'w', timeout: 1000, maxJobsToActivate: 1, fetchVariables: [] })[0]!);
    core.completeJob(jobs[0]!.key, { opinion: 'ok' });
    const restored = restore(instance.key);
    restored.completeJob(jobs[1]!.key, { opinion: 'ok' });
    expect(restored.activateJobs({ type: 'issue-licence', worker: 'w', timeout: 1000, maxJobsToActivate: 1, fetchVariables: [] })).toEqual([]);
    restored.completeJob(jobs[2]!.key, { opinion: 'ok' });
    expect(restored.activateJobs({ type: 'issue-licence', worker: 'w', timeout: 1000, maxJobsToActivate: 1, fetchVariables: [] })).toHaveLength(1);
  });

  it('a message subscription and a buffered message', () => {
    const instance = core.createInstance({ bpmnProcessId: 'wait-for-payment', variables: { orderId: 'o1' } });
    core.publishMessage({ name: 'confirmed', correlationKey: 'o1', timeToLive: 60_000, messageId: '', variables: { by: 'clerk' }, tenantId: '<default>' });
    const messageKey = [...core.takeChanges().dirtyMessages][0]!;
    const restored = restore(instance.key, [core.message(messageKey)!]);
    restored.publishMessage({ name: 'payment-received', correlationKey: 'o1', timeToLive: 0, messageId: '', variables: { paid: 5 }, tenantId: '<default>' });
    expect(finished(restored)).toEqual([{ state: 'COMPLETED', variables: { orderId: 'o1', paid: 5, confirmedBy: 'clerk' } }]);
  });

  it('a timer', () => {
    const instance = core.createInstance({ bpmnProcessId: 'cooling-off', variables: {} });
    const restored = restore(instance.key);
    now += 3600_000;
    restored.processDue();
    expect(restored.activateJobs({ type: 'after-cooling-off', worker: 'w', timeout: 1000, maxJobsToActivate: 1, fetchVariables: [] })).toHaveLength(1);
  });

  it('a user task', () => {
    const instance = core.createInstance({ bpmnProcessId: 'department-approval', variables: { deadline: '2026-03-09T17:00:00Z', reviewer: 'zhou' } });
    const restored = restore(instance.key);
    const [task] = restored.searchUserTasks({ processInstanceKey: instance.key });
    expect(task).toMatchObject({ assignee: 'zhou', state: 'CREATED' });
    restored.completeUserTask(task!.key, { decision: 'approve' });
    expect(finished(restored)[0]?.variables).toMatchObject({ reviewDecision: 'approve' });
  });

  it('produces the same keys and state for the same commands (determinism)', async () => {
    const run = async () => {
      const c = new EngineCore(() => Date.parse('2026-03-02T08:00:00Z'));
      c.deploy([{ name: 'p.bpmn', xml: fixture('parallel-gateway.bpmn'), models: await parseBpmn(fixture('parallel-gateway.bpmn')) }], '<default>');
      const instance = c.createInstance({ bpmnProcessId: 'joint-approval', variables: { x: 1 } });
      return JSON.stringify(c.instance(instance.key));
    };
    expect(await run()).toBe(await run());
  });
});
