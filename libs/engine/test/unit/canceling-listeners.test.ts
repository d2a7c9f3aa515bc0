// Terminations that wait for `canceling` task listeners, on the synchronous core: the paths
// the feature test (canceling-listeners.feature.int.test.ts) does not take through the clients.
import { beforeEach, describe, expect, it } from 'vitest';
import { parseBpmn } from '../../src/model/parse-bpmn.js';
import { EngineCore } from '../../src/runtime/engine-core.js';

const approval = (id: string, extra = '') => `
  <bpmn:userTask id="${id}"${extra}>
    <bpmn:extensionElements><zeebe:userTask />
      <zeebe:taskListeners><zeebe:taskListener eventType="canceling" type="withdraw" /></zeebe:taskListeners>
    </bpmn:extensionElements>`;
const definitions = (process: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">${process}</bpmn:definitions>`;

const TERMINATE_END = definitions(`
  <bpmn:process id="terminate-end" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" />
    <bpmn:parallelGateway id="split"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:outgoing>f3</bpmn:outgoing></bpmn:parallelGateway>
    <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="approve" />
    <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="refuse" />
    ${approval('approve')}<bpmn:incoming>f2</bpmn:incoming></bpmn:userTask>
    <bpmn:serviceTask id="refuse"><bpmn:extensionElements><zeebe:taskDefinition type="refuse" /></bpmn:extensionElements><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:sequenceFlow id="f4" sourceRef="refuse" targetRef="stop" />
    <bpmn:endEvent id="stop"><bpmn:incoming>f4</bpmn:incoming><bpmn:terminateEventDefinition /></bpmn:endEvent>
  </bpmn:process>`);

const FIRST_ANSWER = definitions(`
  <bpmn:process id="first-answer" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="ask" />
    ${approval('ask')}<bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:multiInstanceLoopCharacteristics>
        <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=experts" inputElement="expert" /></bpmn:extensionElements>
        <bpmn:completionCondition>=numberOfCompletedInstances &gt;= 1</bpmn:completionCondition>
      </bpmn:multiInstanceLoopCharacteristics>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="ask" targetRef="decide" />
    <bpmn:serviceTask id="decide"><bpmn:extensionElements><zeebe:taskDefinition type="decide" /></bpmn:extensionElements><bpmn:incoming>f2</bpmn:incoming></bpmn:serviceTask>
  </bpmn:process>`);

const SUBPROCESS_DEADLINE = definitions(`
  <bpmn:process id="subprocess-deadline" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:subProcess id="review"><bpmn:incoming>f1</bpmn:incoming>
      <bpmn:startEvent id="inner"><bpmn:outgoing>g1</bpmn:outgoing></bpmn:startEvent>
      <bpmn:sequenceFlow id="g1" sourceRef="inner" targetRef="sign" />
      ${approval('sign')}<bpmn:incoming>g1</bpmn:incoming></bpmn:userTask>
    </bpmn:subProcess>
    <bpmn:boundaryEvent id="deadline" attachedToRef="review"><bpmn:outgoing>d1</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="d1" sourceRef="deadline" targetRef="escalate" />
    <bpmn:serviceTask id="escalate"><bpmn:extensionElements><zeebe:taskDefinition type="escalate" /></bpmn:extensionElements><bpmn:incoming>d1</bpmn:incoming></bpmn:serviceTask>
  </bpmn:process>`);

describe('terminations that wait for canceling task listeners', () => {
  let now: number;
  let core: EngineCore;
  const jobsOf = (type: string) => core.activateJobs({ type, worker: 'w', timeout: 60_000, maxJobsToActivate: 10, fetchVariables: [] });
  const finished = () => core.takeChanges().finished.map((f) => f.state);

  beforeEach(async () => {
    now = Date.parse('2026-03-02T08:00:00Z');
    core = new EngineCore(() => now);
    const resources = [];
    for (const [name, xml] of [['terminate-end.bpmn', TERMINATE_END], ['first-answer.bpmn', FIRST_ANSWER], ['subprocess-deadline.bpmn', SUBPROCESS_DEADLINE]] as const) {
      resources.push({ name, xml, models: await parseBpmn(xml) });
    }
    core.deploy(resources, '<default>');
    core.takeChanges();
  });

  it('completes the process after a terminate end event only once the terminated task is canceled', () => {
    const instance = core.createInstance({ bpmnProcessId: 'terminate-end', variables: {} });
    core.completeJob(jobsOf('refuse')[0]!.key, {});
    expect(core.searchUserTasks({ processInstanceKey: instance.key })).toMatchObject([{ state: 'CANCELING' }]);
    expect(finished()).toEqual([]);
    core.completeJob(jobsOf('withdraw')[0]!.key, {});
    expect(finished()).toEqual(['COMPLETED']);
  });

  it('completes a multi-instance body whose completion condition held once the other iterations are canceled', () => {
    const instance = core.createInstance({ bpmnProcessId: 'first-answer', variables: { experts: ['wu', 'zheng', 'qian'] } });
    const [first] = core.searchUserTasks({ processInstanceKey: instance.key });
    core.completeUserTask(first!.key, {});
    expect(core.searchUserTasks({ processInstanceKey: instance.key }).map((t) => t.state)).toEqual(['COMPLETED', 'CANCELING', 'CANCELING']);
    const withdrawals = jobsOf('withdraw');
    expect(withdrawals).toHaveLength(2);
    core.completeJob(withdrawals[0]!.key, {});
    expect(jobsOf('decide')).toHaveLength(0);
    core.completeJob(withdrawals[1]!.key, {});
    expect(jobsOf('decide')).toHaveLength(1);
    expect(core.searchUserTasks({ processInstanceKey: instance.key }).map((t) => t.state)).toEqual(['COMPLETED', 'CANCELED', 'CANCELED']);
  });

  it('takes the boundary path of a subprocess once the task inside it is canceled', () => {
    const instance = core.createInstance({ bpmnProcessId: 'subprocess-deadline', variables: {} });
    now += 3600_000;
    core.processDue();
    expect(jobsOf('escalate')).toHaveLength(0);
    core.completeJob(jobsOf('withdraw')[0]!.key, {});
    expect(jobsOf('escalate')[0]?.processInstanceKey).toBe(instance.key);
  });

  it('does not take the boundary path when the instance is canceled while the host waits', () => {
    const instance = core.createInstance({ bpmnProcessId: 'subprocess-deadline', variables: {} });
    now += 3600_000;
    core.processDue();
    const [withdraw] = jobsOf('withdraw');
    expect(() => core.cancelInstance(instance.key)).not.toThrow();
    core.completeJob(withdraw!.key, {});
    expect(jobsOf('escalate')).toHaveLength(0);
    expect(finished()).toEqual(['TERMINATED']);
  });
});
