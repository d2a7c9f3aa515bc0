// Every wait state survives save -> JSON -> restore -> resume (bpmn-engine's rule), on the
// synchronous core alone: no database, no network, time from a plain variable.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseBpmn } from '../../src/model/parse-bpmn.js';
import { EngineCore } from '../../src/runtime/engine-core.js';
import type { BufferedMessage, ProcessDefinition, ProcessInstance, StartTimer } from '../../src/runtime/state.js';

const fixture = (file: string) => readFileSync(path.join(__dirname, '..', 'features', file), 'utf8');

describe('engine core: save, restore and resume every wait state', () => {
  let now: number;
  let core: EngineCore;
  let definitions: ProcessDefinition[];
  let startTimers: StartTimer[];

  beforeEach(async () => {
    now = Date.parse('2026-03-02T08:00:00Z');
    core = new EngineCore(() => now);
    const resources = [];
    for (const file of ['one-task.bpmn', 'parallel-gateway.bpmn', 'messages.bpmn', 'timers.bpmn', 'user-tasks.bpmn', 'multi-instance.bpmn',
      'subprocess.bpmn', 'call-activity.bpmn', 'fee-payment.bpmn', 'event-based-gateway.bpmn', 'inclusive-gateway.bpmn', 'timer-start.bpmn',
      'canceling-listeners.bpmn']) {
      resources.push({ name: file, xml: fixture(file), models: await parseBpmn(fixture(file)) });
    }
    core.deploy(resources, '<default>');
    const deployed = core.takeChanges();
    definitions = deployed.definitions;
    startTimers = [...deployed.dirtyStartTimers].flatMap((key) => core.startTimer(key) ?? []);
  });

  /** Serialises the instances (and buffered messages, start timers) to JSON and loads them into a fresh core. */
  function restore(instanceKeys: string | string[], messages: BufferedMessage[] = [], startTimers: StartTimer[] = []): EngineCore {
    const saved = JSON.stringify((Array.isArray(instanceKeys) ? instanceKeys : [instanceKeys]).map((key) => core.instance(key)));
    const restored = new EngineCore(() => now, core.keys.current);
    restored.load(definitions, JSON.parse(saved) as ProcessInstance[], JSON.parse(JSON.stringify(messages)) as BufferedMessage[], JSON.parse(JSON.stringify(startTimers)) as StartTimer[]);
    restored.takeChanges();
    return restored;
  }

  const jobsOf = (target: EngineCore, type: string) => target.activateJobs({ type, worker: 'w', timeout: 60_000, maxJobsToActivate: 10, fetchVariables: [] });

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

  it('a multi-instance activity half-way', () => {
    const instance = core.createInstance({ bpmnProcessId: 'first-answer-wins', variables: { experts: ['wu', 'zheng'], answered: false } });
    const [first] = jobsOf(core, 'ask-expert');
    core.completeJob(first!.key, {});
    const restored = restore(instance.key);
    const [second] = jobsOf(restored, 'ask-expert');
    expect(second?.variables).toMatchObject({ expert: 'zheng', loopCounter: 2 });
    restored.completeJob(second!.key, {});
    expect(finished(restored).map((f) => f.state)).toEqual(['COMPLETED']);
  });

  it('a job inside an embedded subprocess, with its boundary timer', () => {
    const instance = core.createInstance({ bpmnProcessId: 'material-review', variables: { round: 2 } });
    const restored = restore(instance.key);
    const [check] = jobsOf(restored, 'check-materials');
    expect(check?.variables).toMatchObject({ reviewRound: 'round-2' });
    now += 5 * 24 * 3600_000;
    restored.processDue();
    expect(jobsOf(restored, 'escalate-review')).toHaveLength(1);
  });

  it('a call activity waiting for its child', () => {
    const parent = core.createInstance({ bpmnProcessId: 'licence-with-fee', variables: { feeProcess: 'fee-payment', fee: 1 } });
    const [collect] = jobsOf(core, 'collect-fee');
    const restored = restore([parent.key, collect!.processInstanceKey]);
    restored.completeJob(collect!.key, { receipt: 'R' });
    const [issue] = jobsOf(restored, 'issue-after-fee');
    expect(issue?.processInstanceKey).toBe(parent.key);
    expect(issue?.variables).toMatchObject({ receipt: 'R' });
  });

  it('an event-based gateway waiting for a message or a timer', () => {
    const instance = core.createInstance({ bpmnProcessId: 'correction-notice', variables: { applicationId: 'x' } });
    const restored = restore(instance.key);
    restored.publishMessage({ name: 'correction-supplemented', correlationKey: 'x', timeToLive: 0, messageId: '', variables: {}, tenantId: '<default>' });
    expect(jobsOf(restored, 'recheck-materials')).toHaveLength(1);
    now += 20 * 24 * 3600_000;
    restored.processDue();
    expect(jobsOf(restored, 'close-application')).toHaveLength(0);
  });

  it('an inclusive join waiting for its second branch', () => {
    const instance = core.createInstance({ bpmnProcessId: 'conditional-inspections', variables: { needsFire: true, needsHealth: true } });
    const [fire] = jobsOf(core, 'fire-check');
    core.completeJob(fire!.key, {});
    const restored = restore(instance.key);
    expect(jobsOf(restored, 'issue-permit')).toHaveLength(0);
    const [health] = jobsOf(restored, 'health-check');
    restored.completeJob(health!.key, {});
    expect(jobsOf(restored, 'issue-permit')).toHaveLength(1);
  });

  it('a canceled case waiting, through its called instance, for a canceling task listener', () => {
    const parent = core.createInstance({ bpmnProcessId: 'case-with-called-approval', variables: {} });
    const [archive] = jobsOf(core, 'archive');
    core.cancelInstance(parent.key);
    expect(core.takeChanges().finished).toEqual([]);
    const restored = restore([parent.key, archive!.processInstanceKey]);
    expect(restored.searchUserTasks({ processInstanceKey: archive!.processInstanceKey })).toMatchObject([{ state: 'CANCELING' }]);
    const [withdraw] = jobsOf(restored, 'inbox-withdraw');
    expect(withdraw?.customHeaders['io.camunda.zeebe:listenerEventType']).toBe('canceling');
    restored.completeJob(withdraw!.key, {});
    expect(finished(restored).map((f) => f.state)).toEqual(['TERMINATED', 'TERMINATED']);
  });

  it('an interrupting boundary event waiting for the canceling listeners of its task', () => {
    const instance = core.createInstance({ bpmnProcessId: 'withdrawable-approval', variables: { approver: 'chen' } });
    now += 24 * 3600_000;
    core.processDue();
    const [withdraw] = jobsOf(core, 'inbox-withdraw');
    core.completeJob(withdraw!.key, {});
    const restored = restore(instance.key);
    const [audit] = jobsOf(restored, 'audit-cancel');
    expect(jobsOf(restored, 'escalate')).toHaveLength(0);
    restored.completeJob(audit!.key, {});
    expect(jobsOf(restored, 'escalate')).toHaveLength(1);
  });

  it('the schedule of a timer start event', () => {
    const restored = restore([], [], startTimers);
    now += 3600_000;
    restored.processDue();
    expect(jobsOf(restored, 'sweep-overdue')).toHaveLength(1);
  });
});
