import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateOne, eventually, FEATURES, incidentsOf, startTestEngine, type TestEngine } from '../support/harness.js';

describe('DMN decisions and business rule tasks', () => {
  let t: TestEngine;
  const evaluate = async (decisionId: string, variables: Parameters<TestEngine['zeebe']['evaluateDecision']>[0]['variables']) => {
    const response = await t.zeebe.evaluateDecision({ decisionId, variables });
    return { response, output: response.decisionOutput === '' ? undefined : JSON.parse(response.decisionOutput) as unknown };
  };
  beforeAll(async () => {
    t = await startTestEngine();
  });
  afterAll(async () => t?.stop());

  it('raises an incident while the called decision is not deployed, then deploys the DMN and evaluates it', async () => {
    await t.deploy('business-rule-task.bpmn');
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'licence-routing', variables: { kind: 'food', area: 80, services: ['inspection'], feeDecision: 'fees' } });
    const [incident] = await eventually(async () => {
      const found = await incidentsOf(t, processInstanceKey);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(incident).toMatchObject({ errorType: 'CALLED_DECISION_ERROR', elementId: 'route' });

    const deployment = await t.zeebe.deployResource({ decisionFilename: path.join(FEATURES, 'decisions.dmn') });
    const decisions = deployment.deployments.flatMap((d) => ('decision' in d && d.decision ? [d.decision] : []));
    const requirements = deployment.deployments.flatMap((d) => ('decisionRequirements' in d && d.decisionRequirements ? [d.decisionRequirements] : []));
    expect(decisions.map((d) => d.dmnDecisionId)).toContain('routing');
    expect(requirements).toEqual([expect.objectContaining({ dmnDecisionRequirementsId: 'licence-rules', version: 1, resourceName: expect.stringMatching(/decisions\.dmn$/) })]);

    await t.zeebe.resolveIncident({ incidentKey: incident!.incidentKey });
    const notify = await activateOne(t, 'routing-notify');
    expect(notify.variables).toMatchObject({ route: { department: 'amr', days: 5 }, totalFee: 130 });
    expect(notify.variables).not.toHaveProperty('fee');
    await t.zeebe.completeJob({ jobKey: notify.key, variables: {} });
  });

  it('evaluates each hit policy through EvaluateDecision', async () => {
    expect((await evaluate('routing', { kind: 'bar', area: 300 })).output).toEqual({ department: 'psb', days: 30 });
    expect((await evaluate('routing', { kind: 'shop', area: 300 })).output).toBeNull();
    expect((await evaluate('first-check', { age: 40 })).output).toBe('adult');
    expect((await evaluate('any-check', { score: 85 })).output).toBe(true);
    expect((await evaluate('fees', { services: ['inspection', 'express'] })).output).toBe(180);
    expect((await evaluate('fee-count', { services: ['express'] })).output).toBe(1);
    expect((await evaluate('documents', { kind: 'food' })).output).toEqual(['id card', 'health certificate']);
    expect((await evaluate('checks', { area: 2000 })).output).toEqual([{ check: 'structural', by: 'housing' }, { check: 'fire', by: 'fire' }]);
    expect((await evaluate('risk', { complaints: 1 })).output).toBe('medium');
    expect((await evaluate('risk', { complaints: 5 })).output).toBe('high');
  });

  it('evaluates required decisions first and reports every evaluated decision with its matched rules', async () => {
    const { response, output } = await evaluate('summary', { kind: 'food', area: 150, services: [] });
    expect(output).toBe('amr: 10');
    expect(response).toMatchObject({ decisionId: 'summary', decisionName: 'Summary (requires routing and fees)', decisionVersion: 1, decisionRequirementsId: 'licence-rules', failedDecisionId: '' });
    expect(response.evaluatedDecisions.map((d) => d.decisionId)).toEqual(['routing', 'fees', 'summary']);
    const routing = response.evaluatedDecisions[0]!;
    expect(routing.matchedRules).toEqual([expect.objectContaining({ ruleId: 'routing-r2', ruleIndex: 2 })]);
    expect(routing.evaluatedInputs.map((i) => i.inputValue)).toEqual(['"food"', '150']);
  });

  it('reports a broken hit policy as a failed evaluation, and as an incident in a business rule task', async () => {
    const { response } = await evaluate('routing', { kind: 'club', area: 600 });
    expect(response.failedDecisionId).toBe('routing');
    expect(response.failureMessage).toMatch(/UNIQUE.*multiple rules matched/);
    expect((await evaluate('any-check', { score: 95 })).response.failureMessage).toMatch(/ANY/);

    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'licence-routing', variables: { kind: 'club', area: 600, services: [], feeDecision: 'fees' } });
    const [incident] = await eventually(async () => {
      const found = await incidentsOf(t, processInstanceKey);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(incident).toMatchObject({ errorType: 'DECISION_EVALUATION_ERROR', elementId: 'route' });
  });

  it('deletes a DMN resource: its decisions can no longer be evaluated', async () => {
    const deployment = await t.zeebe.deployResource({ name: 'extra.dmn', decision: Buffer.from('<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="extra" name="Extra" namespace="x"><decision id="extra-d"><variable id="v" name="extra-d" /><literalExpression id="l"><text>42</text></literalExpression></decision></definitions>') });
    const drg = deployment.deployments.flatMap((d) => ('decisionRequirements' in d && d.decisionRequirements ? [d.decisionRequirements as { decisionRequirementsKey: string }] : []))[0]!;
    expect((await evaluate('extra-d', {})).output).toBe(42);
    await t.zeebe.deleteResource({ resourceKey: drg.decisionRequirementsKey });
    await expect(t.zeebe.evaluateDecision({ decisionId: 'extra-d', variables: {} })).rejects.toThrow(/NOT_FOUND/);
  });

  it('evaluates the decision deployed together with the process when bound by deployment', async () => {
    const dmn = (answer: number) => Buffer.from(`<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="answers" name="Answers" namespace="x"><decision id="answer"><variable id="v" name="answer" /><literalExpression id="l"><text>${answer}</text></literalExpression></decision></definitions>`);
    const bpmn = readFileSync(path.join(FEATURES, 'business-rule-task.bpmn'), 'utf8')
      .replace('id="licence-routing"', 'id="bound-answer"')
      .replace('<zeebe:calledDecision decisionId="routing" resultVariable="route" />', '<zeebe:calledDecision decisionId="answer" resultVariable="route" bindingType="deployment" />');
    await t.zeebe.deployResources([{ name: 'bound-answer.bpmn', process: Buffer.from(bpmn) }, { name: 'answers.dmn', decision: dmn(1) }]);
    await t.zeebe.deployResource({ name: 'answers.dmn', decision: dmn(2) });
    expect((await evaluate('answer', {})).output).toBe(2);
    await t.zeebe.createProcessInstance({ bpmnProcessId: 'bound-answer', variables: { feeDecision: 'fees', services: [] } });
    const notify = await activateOne(t, 'routing-notify');
    expect(notify.variables).toMatchObject({ route: 1 });
    await t.zeebe.completeJob({ jobKey: notify.key, variables: {} });
  });

  it('rejects an unknown decision with NOT_FOUND and an invalid DMN at deployment, naming the decision', async () => {
    await expect(t.zeebe.evaluateDecision({ decisionId: 'no-such-decision', variables: {} })).rejects.toThrow(/NOT_FOUND[\s\S]*no-such-decision/);
    const bad = '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="bad" name="Bad" namespace="x"><decision id="boxed"><context id="c1" /></decision></definitions>';
    await expect(t.zeebe.deployResource({ name: 'bad.dmn', decision: Buffer.from(bad) })).rejects.toThrow(/INVALID_ARGUMENT[\s\S]*boxed[\s\S]*not supported/);
  });
});
