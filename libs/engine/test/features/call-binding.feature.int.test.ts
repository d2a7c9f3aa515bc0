import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateOne, eventually, FEATURES, incidentsOf, instanceState, startTestEngine, type TestEngine } from '../support/harness.js';

/** The child process alone, with another version tag (a new version of it). */
function childWithTag(tag: string): Buffer {
  const xml = readFileSync(path.join(FEATURES, 'call-binding.bpmn'), 'utf8');
  const child = xml.slice(xml.indexOf('<bpmn:process id="bound-child"'), xml.indexOf('</bpmn:definitions>'));
  return Buffer.from(`${xml.slice(0, xml.indexOf('<bpmn:process'))}${child.replace('value="v1"', `value="${tag}"`)}</bpmn:definitions>`);
}

describe('call activity binding types', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
  });
  afterAll(async () => t?.stop());

  it('calls the version deployed with the caller, the latest with a version tag, and the latest', async () => {
    await t.deploy('call-binding.bpmn');
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'binding-caller', variables: {} });
    // the version tag 'v2' is not deployed yet
    await t.zeebe.deployResource({ name: 'bound-child-v3.bpmn', process: childWithTag('v3') });
    const first = await activateOne(t, 'bound-child-work');
    expect(first.processDefinitionVersion).toBe(1);
    await t.zeebe.completeJob({ jobKey: first.key, variables: {} });
    const [incident] = await eventually(async () => {
      const found = await incidentsOf(t, processInstanceKey);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(incident).toMatchObject({ errorType: 'CALLED_ELEMENT_ERROR', elementId: 'by-tag' });
    expect(incident!.errorMessage).toContain("version tag 'v2'");

    await t.zeebe.deployResource({ name: 'bound-child-v2.bpmn', process: childWithTag('v2') });
    await t.zeebe.deployResource({ name: 'bound-child-v4.bpmn', process: childWithTag('v4') });
    await t.zeebe.resolveIncident({ incidentKey: incident!.incidentKey });
    const second = await activateOne(t, 'bound-child-work');
    expect(second.processDefinitionVersion).toBe(3);
    await t.zeebe.completeJob({ jobKey: second.key, variables: {} });
    const third = await activateOne(t, 'bound-child-work');
    expect(third.processDefinitionVersion).toBe(4);
    await t.zeebe.completeJob({ jobKey: third.key, variables: {} });
    expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED');
  });
});
