import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelValidationError, parseBpmn } from '../../src/model/parse-bpmn.js';

const fixture = (file: string) => readFileSync(path.join(__dirname, '..', 'features', file), 'utf8');

async function problemsOf(xml: string): Promise<string[]> {
  try {
    await parseBpmn(xml);
    return [];
  } catch (error) {
    if (error instanceof ModelValidationError) return error.problems;
    throw error;
  }
}

const wrap = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="start" />${body}</bpmn:process>
</bpmn:definitions>`;

describe('BPMN parsing and validation', () => {
  it('reads every feature fixture into an executable model', async () => {
    for (const file of ['one-task.bpmn', 'job-lifecycle.bpmn', 'exclusive-gateway.bpmn', 'parallel-gateway.bpmn', 'mappings.bpmn', 'messages.bpmn', 'timers.bpmn', 'user-tasks.bpmn', 'boundary-events.bpmn', 'task-listeners.bpmn', 'signals.bpmn', 'terminate-end.bpmn', 'multi-instance.bpmn', 'subprocess.bpmn', 'event-based-gateway.bpmn', 'inclusive-gateway.bpmn', 'call-activity.bpmn', 'fee-payment.bpmn', 'event-subprocess.bpmn', 'timer-start.bpmn', 'escalation.bpmn', 'business-rule-task.bpmn', 'link-events.bpmn', 'multi-instance-scopes.bpmn', 'operations.bpmn', 'call-binding.bpmn', 'message-throw.bpmn', 'call-activity-events.bpmn', 'canceling-listeners.bpmn', 'decision-binding.bpmn']) {
      expect(await problemsOf(fixture(file)), file).toEqual([]);
    }
  });

  it('reads task definitions, headers, mappings and boundary events', async () => {
    const [model] = await parseBpmn(fixture('job-lifecycle.bpmn'));
    expect(model?.elements.check).toMatchObject({ kind: 'serviceTask', job: { type: '="check-" + kind', retries: '=retries' }, boundaryEventIds: ['rejected'] });
    expect(model?.elements.rejected).toMatchObject({ kind: 'boundaryEvent', attachedToId: 'check', errorCode: 'REJECTED' });
  });

  it.each([
    ['<bpmn:subProcess id="sub" triggeredByEvent="true"><bpmn:startEvent id="inner" /></bpmn:subProcess>', /sub \(bpmn:SubProcess\)[\s\S]*event subprocess must have exactly one start event/],
    ['<bpmn:startEvent id="nightly"><bpmn:timerEventDefinition><bpmn:timeCycle>every night</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>', /nightly[\s\S]*Invalid timer cycle 'every night'/],
    ['<bpmn:callActivity id="call" />', /call \(bpmn:CallActivity\)[\s\S]*zeebe:calledElement/],
    ['<bpmn:complexGateway id="complex" />', /complex \(bpmn:ComplexGateway\)/],
    ['<bpmn:serviceTask id="noType" />', /noType[\s\S]*zeebe:taskDefinition/],
    ['<bpmn:serviceTask id="mi"><bpmn:extensionElements><zeebe:taskDefinition type="x" /></bpmn:extensionElements><bpmn:multiInstanceLoopCharacteristics /></bpmn:serviceTask>', /mi[\s\S]*Multi-instance/],
    ['<bpmn:intermediateCatchEvent id="cycle"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>', /cycle[\s\S]*Timer cycles/],
    ['<bpmn:intermediateCatchEvent id="badDuration"><bpmn:timerEventDefinition><bpmn:timeDuration>soon</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>', /badDuration[\s\S]*Invalid timer duration 'soon'/],
    ['<bpmn:scriptTask id="script"><bpmn:extensionElements><zeebe:script expression="=a +" resultVariable="r" /></bpmn:extensionElements></bpmn:scriptTask>', /script[\s\S]*Invalid FEEL expression/],
    ['<bpmn:endEvent id="escalate"><bpmn:escalationEventDefinition /></bpmn:endEvent>', /escalate[\s\S]*escalation code/],
    ['<bpmn:endEvent id="compensate"><bpmn:compensateEventDefinition /></bpmn:endEvent>', /compensate[\s\S]*CompensateEventDefinition/],
    ['<bpmn:task id="odd" zeebe:retryPolicy="fast" />', /odd \(bpmn:Task\)[\s\S]*attribute 'zeebe:retryPolicy' is not supported/],
    ['<bpmn:intermediateThrowEvent id="jump"><bpmn:linkEventDefinition name="nowhere" /></bpmn:intermediateThrowEvent>', /jump[\s\S]*catch link event/],
    ['<bpmn:businessRuleTask id="rule" />', /rule \(bpmn:BusinessRuleTask\)[\s\S]*zeebe:calledDecision/],
    ['<bpmn:businessRuleTask id="tagless"><bpmn:extensionElements><zeebe:calledDecision decisionId="d" resultVariable="r" bindingType="versionTag" /></bpmn:extensionElements></bpmn:businessRuleTask>', /tagless[\s\S]*binding type 'versionTag' needs a 'versionTag'/],
    ['<bpmn:businessRuleTask id="byNumber"><bpmn:extensionElements><zeebe:calledDecision decisionId="d" resultVariable="r" bindingType="version" /></bpmn:extensionElements></bpmn:businessRuleTask>', /byNumber[\s\S]*binding type 'version' is not supported/],
    ['<bpmn:userTask id="oddListener"><bpmn:extensionElements><zeebe:userTask /><zeebe:taskListeners><zeebe:taskListener eventType="deleting" type="l" /></zeebe:taskListeners></bpmn:extensionElements></bpmn:userTask>', /oddListener[\s\S]*'deleting' is not supported/],
  ])('rejects %s', async (body, message) => {
    const problems = await problemsOf(wrap(body));
    expect(problems.join('\n')).toMatch(message);
  });

  it('rejects XML that is not BPMN', async () => {
    expect((await problemsOf('<html>')).join()).toMatch(/Failed to parse BPMN XML/);
  });
});
