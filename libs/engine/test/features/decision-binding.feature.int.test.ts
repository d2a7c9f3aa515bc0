// Business rule tasks bound by version tag (https://docs.camunda.io/docs/components/best-practices/modeling/choosing-the-resource-binding-type/):
// the decision's tag is `zeebe:versionTag` in its DMN extension elements; the task evaluates
// the latest version carrying the tag it names, whatever else is deployed later.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateOne, eventually, FEATURES, incidentsOf, startTestEngine, type TestEngine } from '../support/harness.js';

/** The fee schedule as a new version: another version tag and another fee for persons. */
function feeSchedule(tag: string, personFee: number): Buffer {
  const xml = readFileSync(path.join(FEATURES, 'fee-schedule.dmn'), 'utf8');
  return Buffer.from(xml.replace('<zeebe:versionTag value="v1.2" />', `<zeebe:versionTag value="${tag}" />`)
    .replace('<outputEntry id="lf1b"><text>10</text>', `<outputEntry id="lf1b"><text>${personFee}</text>`));
}

describe('decision binding by version tag', () => {
  let t: TestEngine;
  const invoicedFee = async (bpmnProcessId: string) => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId, variables: { applicantType: 'person' } });
    const job = await activateOne(t, 'fee-invoice');
    expect(job.processInstanceKey).toBe(processInstanceKey);
    await t.zeebe.completeJob({ jobKey: job.key, variables: {} });
    return job.variables.fee;
  };
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy('decision-binding.bpmn');
  });
  afterAll(async () => t?.stop());

  it('evaluates the version with the bound tag rather than the latest, and the latest of several with that tag', async () => {
    // given the v1.2 fee schedule (10 for persons) and a later v2.0 (20)
    await t.zeebe.deployResource({ decisionFilename: path.join(FEATURES, 'fee-schedule.dmn') });
    await t.zeebe.deployResource({ name: 'fee-schedule-v2.dmn', decision: feeSchedule('v2.0', 20) });
    const latest = await t.zeebe.evaluateDecision({ decisionId: 'licence-fee', variables: { applicantType: 'person' } });
    expect(latest).toMatchObject({ decisionVersion: 2 });
    expect(JSON.parse(latest.decisionOutput)).toBe(20);

    // then a task bound to v1.2 evaluates version 1
    expect(await invoicedFee('pinned-fee')).toBe(10);

    // when v1.2 is deployed again with a correction (version 3), the tag points to it
    await t.zeebe.deployResource({ name: 'fee-schedule-v1.2-fix.dmn', decision: feeSchedule('v1.2', 12) });
    expect(await invoicedFee('pinned-fee')).toBe(12);
  });

  it('raises an incident naming the decision and the tag while no version has it, and evaluates once one is deployed', async () => {
    // given a task bound to v3.0, which is not deployed
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'future-fee', variables: { applicantType: 'person' } });
    const [incident] = await eventually(async () => {
      const found = await incidentsOf(t, processInstanceKey);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(incident).toMatchObject({ errorType: 'CALLED_DECISION_ERROR', elementId: 'priceFuture' });
    expect(incident!.errorMessage).toBe("Expected to evaluate decision with id 'licence-fee' and version tag 'v3.0', but no such decision found. To resolve this incident, deploy a decision with the given id and version tag.");

    // when v3.0 is deployed and the incident resolved
    await t.zeebe.deployResource({ name: 'fee-schedule-v3.dmn', decision: feeSchedule('v3.0', 30) });
    await t.zeebe.resolveIncident({ incidentKey: incident!.incidentKey });

    // then the task evaluates it
    const job = await activateOne(t, 'fee-invoice');
    expect(job).toMatchObject({ processInstanceKey, variables: { fee: 30 } });
    await t.zeebe.completeJob({ jobKey: job.key, variables: {} });
  });
});
