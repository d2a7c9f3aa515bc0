// Process designer against the real API, real Postgres and the embedded engine (official client):
// drafts with history and optimistic concurrency, lint refusing deployment, deployment as a new
// engine version linked to the item (older instances stay on theirs), sandboxed test runs.
import { readFileSync } from 'node:fs';
import { Camunda8 } from '@camunda8/sdk';
import type { ProcessDraftView, ProcessVersions, TestRunView } from '@gov/contracts';
import { type RunningEngine, startEngine } from '@gov/engine';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { startTestApp, type TestApp } from './test-app.js';
import { eventually, json } from './support.js';

const ITEM = '210100-GG-00003-C'; // 居住证核发 (公安局), process residence-permit
const FILE = new URL('../../../processes/210100-GG-00003-C/residence-permit.bpmn', import.meta.url);
const designer = { sub: 'designer-1', preferred_username: 'designer1', name: '设计员', realm_access: { roles: ['designer'] }, groups: [], idNumber: undefined };
const amrAdmin = { sub: 'da-amr', preferred_username: 'deptadmin-amr', realm_access: { roles: ['dept-admin'] }, groups: ['/沈阳市/市场监督管理局'], idNumber: undefined };
const psbAdmin = { sub: 'da-psb', preferred_username: 'deptadmin-psb', realm_access: { roles: ['dept-admin'] }, groups: ['/沈阳市/公安局'], idNumber: undefined };

/** The seed model with one more approval (`extra-approval`) between the review and the eligibility gateway. */
function withExtraApproval(xml: string, assignment: string): string {
  const task = `<bpmn:userTask id="extra-approval" name="部门会签">
      <bpmn:extensionElements>
        <zeebe:userTask />
        ${assignment}
        <zeebe:taskSchedule dueDate="=statutoryDueDate" />
        <zeebe:taskHeaders><zeebe:header key="stage" value="approval" /></zeebe:taskHeaders>
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_8</bpmn:incoming>
      <bpmn:outgoing>Flow_8b</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="Flow_8b" sourceRef="extra-approval" targetRef="eligible" />
    <bpmn:sequenceFlow id="Flow_8" sourceRef="review" targetRef="extra-approval" />`;
  return xml
    .replace('<bpmn:sequenceFlow id="Flow_8" sourceRef="review" targetRef="eligible" />', task)
    .replace('<bpmn:incoming>Flow_8</bpmn:incoming>\n      <bpmn:outgoing>Flow_9</bpmn:outgoing>', '<bpmn:incoming>Flow_8b</bpmn:incoming>\n      <bpmn:outgoing>Flow_9</bpmn:outgoing>')
    .replace('<bpmndi:BPMNEdge id="Flow_8_di" bpmnElement="Flow_8"><di:waypoint x="640" y="200" /><di:waypoint x="715" y="200" /></bpmndi:BPMNEdge>',
      '<bpmndi:BPMNShape id="extra-approval_di" bpmnElement="extra-approval"><dc:Bounds x="600" y="40" width="100" height="80" /></bpmndi:BPMNShape>'
      + '<bpmndi:BPMNEdge id="Flow_8_di" bpmnElement="Flow_8"><di:waypoint x="640" y="160" /><di:waypoint x="640" y="120" /></bpmndi:BPMNEdge>'
      + '<bpmndi:BPMNEdge id="Flow_8b_di" bpmnElement="Flow_8b"><di:waypoint x="700" y="80" /><di:waypoint x="740" y="80" /><di:waypoint x="740" y="175" /></bpmndi:BPMNEdge>');
}

describe('process designer (/api/designer)', () => {
  let engineDb: TestDatabase;
  let engine: RunningEngine;
  let camunda: Camunda8;
  let app: TestApp;
  let designerToken: string;
  let oldCaseKey: string;

  const draft = async (token = designerToken) => json<ProcessDraftView>(await app.get(`/api/designer/items/${ITEM}/draft`, token), 200);

  beforeAll(async () => {
    engineDb = await createTestDatabase();
    engine = await startEngine({ databaseUrl: engineDb.url, grpcPort: 0, restPort: 0 });
    camunda = new Camunda8({
      ZEEBE_GRPC_ADDRESS: engine.grpcAddress, ZEEBE_REST_ADDRESS: engine.restAddress, CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_LOG_LEVEL: 'none',
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
    });
    app = await startTestApp({ env: { ZEEBE_GRPC_ADDRESS: engine.grpcAddress, ZEEBE_REST_ADDRESS: engine.restAddress } });
    designerToken = await app.token(designer);
    // A case running on the model as shipped in processes/ (version 1), as the applications module deploys it.
    await camunda.getZeebeGrpcApiClient().deployResource({ name: 'residence-permit.bpmn', process: readFileSync(FILE) });
    oldCaseKey = (await camunda.getZeebeGrpcApiClient().createProcessInstance({ bpmnProcessId: 'residence-permit', variables: { caseNumber: 'OLD-1' } })).processInstanceKey;
  });

  afterAll(async () => {
    await app?.close();
    await camunda?.getZeebeGrpcApiClient().close();
    await engine?.stop();
    await engineDb?.drop();
  });

  it('opens the item\'s model from processes/ as revision 1, clean under the lint set', async () => {
    const first = await draft();
    expect(first).toMatchObject({ code: ITEM, bpmnProcessId: 'residence-permit', revision: 1, source: `processes/${ITEM}/residence-permit.bpmn`, mayDeploy: true });
    expect(first.lint).toMatchObject({ parseError: null, errors: 0 });
    expect(first.xml).toContain('id="residence-permit"');
  });

  it('keeps department admins to their own departments\' items and to drafts only', async () => {
    expect((await app.get(`/api/designer/items/${ITEM}/draft`, await app.token(amrAdmin))).status).toBe(403);
    const psb = await app.token(psbAdmin);
    const own = await draft(psb);
    expect(own.mayDeploy).toBe(false);
    const deploy = await app.send('POST', `/api/designer/items/${ITEM}/deployments`, psb, { revision: own.revision });
    expect(deploy.status).toBe(403);
    expect((await app.get(`/api/designer/items/${ITEM}/draft`, await app.token())).status).toBe(403); // a citizen
  });

  it('refuses XML that is not BPMN and a stale base revision, losing nothing already saved', async () => {
    const before = await draft();
    const broken = await app.send('PUT', `/api/designer/items/${ITEM}/draft`, designerToken, { xml: '<bpmn:definitions><oops', baseRevision: before.revision });
    expect(broken.status).toBe(422);
    expect(broken.headers.get('content-type')).toContain('application/problem+json');
    const renamed = await app.send('PUT', `/api/designer/items/${ITEM}/draft`, designerToken, { xml: before.xml.replace('id="residence-permit"', 'id="other"'), baseRevision: before.revision });
    expect(await json(renamed, 422)).toMatchObject({ code: 'MODEL_INVALID' });
    const saved = await json<ProcessDraftView>(await app.send('PUT', `/api/designer/items/${ITEM}/draft`, designerToken, { xml: before.xml, baseRevision: before.revision, note: 'same' }), 200);
    expect(saved.revision).toBe(before.revision + 1);
    const stale = await app.send('PUT', `/api/designer/items/${ITEM}/draft`, designerToken, { xml: before.xml, baseRevision: before.revision });
    expect(await json(stale, 409)).toMatchObject({ code: 'DRAFT_CHANGED' });
    expect((await draft()).revision).toBe(saved.revision);
    const history = await json<{ revision: number }[]>(await app.get(`/api/designer/items/${ITEM}/draft/revisions`, designerToken), 200);
    expect(history.map((h) => h.revision)).toEqual([saved.revision, before.revision]);
  });

  it('saves an approval without a candidate department but refuses to deploy it, naming the element', async () => {
    const current = await draft();
    const xml = withExtraApproval(readFileSync(FILE, 'utf8'), '');
    const saved = await json<ProcessDraftView>(await app.send('PUT', `/api/designer/items/${ITEM}/draft`, designerToken, { xml, baseRevision: current.revision }), 200);
    expect(saved.lint.problems).toContainEqual(expect.objectContaining({ elementId: 'extra-approval', rule: 'gov/user-task-assignment', category: 'error' }));
    const refused = await json<{ code: string; errors: { path: string }[] }>(await app.send('POST', `/api/designer/items/${ITEM}/deployments`, designerToken, { revision: saved.revision }), 422);
    expect(refused.code).toBe('DEPLOY_REFUSED');
    expect(JSON.stringify(refused)).toContain('extra-approval');
    const versions = await json<ProcessVersions>(await app.get(`/api/designer/items/${ITEM}/versions`, designerToken), 200);
    expect(versions.versions.map((v) => v.version)).toEqual([1]);
  });

  it('test-runs the draft in a sandbox: user tasks and jobs completed by hand, production never sees it', async () => {
    const current = await draft();
    const xml = withExtraApproval(readFileSync(FILE, 'utf8'), '<zeebe:assignmentDefinition candidateGroups="/沈阳市/市场监督管理局" />');
    const saved = await json<ProcessDraftView>(await app.send('PUT', `/api/designer/items/${ITEM}/draft`, designerToken, { xml, baseRevision: current.revision }), 200);
    expect(saved.lint.errors).toBe(0);
    let run = await json<TestRunView>(await app.send('POST', `/api/designer/items/${ITEM}/test-runs`, designerToken, { revision: saved.revision, variables: { applicant: { name: '测试' } } }), 201);
    expect(run.sandboxProcessId).toBe('sandbox-residence-permit');
    const key = run.processInstanceKey;
    // Another department's admin can neither read nor drive it.
    expect((await app.get(`/api/designer/test-runs/${key}`, await app.token(amrAdmin))).status).toBe(404);
    const step = async (elementId: string, variables: Record<string, unknown>) => {
      const task = await eventually(async () => {
        const found = (await json<TestRunView>(await app.get(`/api/designer/test-runs/${key}`, designerToken), 200)).userTasks.find((t) => t.elementId === elementId);
        if (!found) throw new Error(`no task ${elementId} yet`);
        return found;
      });
      return json<TestRunView>(await app.send('POST', `/api/designer/test-runs/${key}/user-tasks/${task.userTaskKey}/completion`, designerToken, { variables }), 200);
    };
    await step('pre-review', { decision: 'approve' });
    await step('review', { decision: 'approve', approved: true });
    run = await step('extra-approval', { decision: 'approve', approved: true });
    expect(run.elements).toContainEqual({ elementId: 'pre-review', state: 'completed' });
    // No inbox rows: the sandbox copy has no inbox listeners.
    const db = new pg.Client({ connectionString: app.database.url });
    await db.connect();
    const inbox = (await db.query('SELECT 1 FROM inbox_task')).rows;
    await db.end();
    expect(inbox).toEqual([]);
    const job = await eventually(async () => {
      const found = (await json<TestRunView>(await app.get(`/api/designer/test-runs/${key}`, designerToken), 200)).jobs.find((j) => j.elementId === 'produce');
      if (!found) throw new Error('no job yet');
      return found;
    });
    expect(job.type).toBe('sandbox.dept.submit');
    await json(await app.send('POST', `/api/designer/test-runs/${key}/jobs/${job.jobKey}/completion`, designerToken, { variables: { psbApplication: { status: 'received' } } }), 200);
    const result = await eventually(async () => {
      const found = (await json<TestRunView>(await app.get(`/api/designer/test-runs/${key}`, designerToken), 200)).jobs.find((j) => j.elementId === 'result-approved');
      if (!found) throw new Error('no result job yet');
      return found;
    });
    run = await json<TestRunView>(await app.send('POST', `/api/designer/test-runs/${key}/jobs/${result.jobKey}/completion`, designerToken, {}), 200);
    expect(run.state).toBe('COMPLETED');
    // A production instance cannot be read or driven through the test-run endpoints.
    expect((await app.get(`/api/designer/test-runs/${oldCaseKey}`, designerToken)).status).toBe(404);
  });

  it('deploys a clean revision as a new version: the old case stays on version 1, new cases start version 2', async () => {
    const current = await draft();
    const deployed = await json<ProcessVersions>(await app.send('POST', `/api/designer/items/${ITEM}/deployments`, designerToken, { revision: current.revision }), 201);
    expect(deployed.versions[0]).toMatchObject({ version: 2, latest: true, runningCases: 0, deployedBy: 'designer1', draftRevision: current.revision });
    expect(deployed.versions[1]).toMatchObject({ version: 1, runningCases: 1, deployedBy: null });
    const started = await camunda.getZeebeGrpcApiClient().createProcessInstance({ bpmnProcessId: 'residence-permit', variables: { caseNumber: 'NEW-1' } });
    expect(Number(started.version)).toBe(2);
    const versions = await json<ProcessVersions>(await app.get(`/api/designer/items/${ITEM}/versions`, designerToken), 200);
    expect(versions.versions.map((v) => [v.version, v.runningCases])).toEqual([[2, 1], [1, 1]]);
    // Every deployment attempt is in the audit log: the refused ones and the one that went through.
    const db = new pg.Client({ connectionString: app.database.url });
    await db.connect();
    const audit = (await db.query<{ outcome: string; actor_name: string | null }>(
      "SELECT outcome, actor_name FROM audit_entry WHERE action = 'POST /api/designer/items/:code/deployments' ORDER BY seq",
    )).rows;
    await db.end();
    expect(audit.map((a) => a.outcome)).toEqual(['denied', 'rejected', 'success']);
    expect(audit.at(-1)?.actor_name).toBeTruthy();
  });
});
