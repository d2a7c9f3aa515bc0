import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, FEATURES, instanceState, startTestEngine, variablesOf, type TestEngine } from '../support/harness.js';

describe('REST /v2 commands through CamundaRestClient', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
  });
  afterAll(async () => t?.stop());

  it('deploys, starts an instance and works its job over REST', async () => {
    // given models deployed over REST
    const deployment = await t.rest.deployResourcesFromFiles([path.join(FEATURES, 'one-task.bpmn'), path.join(FEATURES, 'messages.bpmn')]);
    expect(deployment.processes.map((p) => p.processDefinitionId).sort()).toEqual(['one-task', 'start-by-message', 'wait-for-payment']);
    // when an instance is created and its job worked through the REST job endpoints
    const created = await t.rest.createProcessInstance({ processDefinitionId: 'one-task', variables: { applicant: 'Qian' } });
    const jobs = await t.rest.activateJobs({ type: 'work', worker: 'rest-worker', maxJobsToActivate: 5, timeout: 30_000, requestTimeout: 5_000 });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ processInstanceKey: created.processInstanceKey, elementId: 'work' });
    expect(jobs[0]!.variables).toMatchObject({ applicant: 'Qian' });
    await t.rest.completeJob({ jobKey: jobs[0]!.jobKey, variables: { done: 'rest' } });
    // then the instance completes with the merged variables
    await eventually(async () => expect(await instanceState(t, created.processInstanceKey)).toBe('COMPLETED'));
    expect(await variablesOf(t, created.processInstanceKey)).toMatchObject({ applicant: 'Qian', done: 'rest' });
  });

  it('awaits completion when asked to', async () => {
    const worker = t.zeebe.createWorker({ taskType: 'work', taskHandler: (job) => job.complete({ result: 42 }) });
    const result = await t.rest.createProcessInstanceWithResult({ processDefinitionId: 'one-task', variables: { n: 1 } });
    await worker.close();
    expect(result.variables).toMatchObject({ n: 1, result: 42 });
  });

  it('publishes and correlates messages', async () => {
    const waiting = await t.rest.createProcessInstance({ processDefinitionId: 'wait-for-payment', variables: { orderId: 'r-1' } });
    const correlated = await eventually(() => t.rest.correlateMessage({ name: 'payment-received', correlationKey: 'r-1', variables: { paid: 3 } }));
    expect(correlated.processInstanceKey).toBe(waiting.processInstanceKey);
    const published = await t.rest.publishMessage({ name: 'confirmed', correlationKey: 'r-1', variables: { by: 'rest' }, timeToLive: 0 });
    expect(published.messageKey).toMatch(/^\d+$/);
    await eventually(async () => expect(await instanceState(t, waiting.processInstanceKey)).toBe('COMPLETED'));
    const nobody = await t.restCall('POST', '/v2/messages/correlation', { name: 'payment-received', correlationKey: 'nobody' });
    expect(nobody).toMatchObject({ status: 404, body: { title: 'NOT_FOUND' } });
  });

  it('fails jobs, updates retries and sets variables over REST', async () => {
    const created = await t.rest.createProcessInstance({ processDefinitionId: 'one-task', variables: {} });
    const [job] = await t.rest.activateJobs({ type: 'work', worker: 'w', maxJobsToActivate: 1, timeout: 30_000, requestTimeout: 5_000 });
    await t.rest.failJob({ jobKey: job!.jobKey, retries: 0, errorMessage: 'boom', retryBackOff: 0 });
    const update = await t.restCall('PATCH', `/v2/jobs/${job!.jobKey}`, { changeset: { retries: 2 } });
    expect(update.status).toBe(204);
    const incidents = await t.restCall<{ items: { incidentKey: string }[] }>('POST', '/v2/incidents/search', { filter: { processInstanceKey: created.processInstanceKey } });
    await t.rest.resolveIncident(incidents.body.items[0]!.incidentKey);
    const variables = await t.restCall('PUT', `/v2/element-instances/${created.processInstanceKey}/variables`, { variables: { fixed: true } });
    expect(variables.status).toBe(204);
    const [again] = await t.rest.activateJobs({ type: 'work', worker: 'w', maxJobsToActivate: 1, timeout: 30_000, requestTimeout: 5_000 });
    expect(again?.retries).toBe(2);
    expect(again?.variables).toMatchObject({ fixed: true });
    await t.rest.completeJob({ jobKey: again!.jobKey, variables: {} });
  });

  it('finds process instances by a variable value and deploys DMN over REST', async () => {
    await t.rest.deployResourcesFromFiles([path.join(FEATURES, 'one-task.bpmn')]);
    const zhao = await t.rest.createProcessInstance({ processDefinitionId: 'one-task', variables: { applicant: 'Zhao', caseNo: 7 } });
    await t.rest.createProcessInstance({ processDefinitionId: 'one-task', variables: { applicant: 'Sun', caseNo: 8 } });
    const byName = await t.restCall<{ items: { processInstanceKey: string }[] }>('POST', '/v2/process-instances/search', { filter: { variables: [{ name: 'applicant', value: '"Zhao"' }] } });
    expect(byName.body.items.map((i) => i.processInstanceKey)).toEqual([zhao.processInstanceKey]);
    const byNumber = await t.restCall<{ items: unknown[] }>('POST', '/v2/process-instances/search', { filter: { variables: [{ name: 'caseNo', value: '9' }] } });
    expect(byNumber.body.items).toEqual([]);
    const deployment = await t.rest.deployResourcesFromFiles([path.join(FEATURES, 'decisions.dmn')]);
    expect(deployment.decisions.map((d) => d.decisionDefinitionId)).toContain('routing');
  });

  it('lists deployed process definitions and serves their XML', async () => {
    const found = await t.rest.searchProcessDefinitions({ filter: { processDefinitionId: 'one-task' } });
    expect(found.items).toHaveLength(1);
    const definition = found.items[0]!;
    expect(definition).toMatchObject({ processDefinitionId: 'one-task', version: 1, isLatestVersion: true });
    const response = await fetch(`${t.engine.restAddress}/v2/process-definitions/${definition.processDefinitionKey}/xml`);
    expect(await response.text()).toContain('id="one-task"');
  });
});
