// Forms and decisions in the process designer against the real API, real Postgres and the embedded
// engine (official client): drafts with revisions, refusal of what is not a form-js schema or DMN,
// links checked by lint and deploy, deployment making the catalogue and the pre-review use them, and
// export / import of the processes/<code>/ files (API and npm run processes:pull / push).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Camunda8 } from '@camunda8/sdk';
import type { ApplicationView, DesignResourceDraft, DesignResourceSummary, ElementTemplateView, ProcessBundle, ProcessDraftView, TestRunView } from '@gov/contracts';
import { type RunningEngine, startEngine } from '@gov/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { eventually, json, readyToSubmit } from './support.js';
import { startTestApp, type TestApp } from './test-app.js';

const ITEM = '210100-GF-00001-H'; // 最低生活保障 (民政局): application form and eligibility rules (DMN)
const FORM = 'minimum-living-allowance-application';
const DECISION = 'minimum-living-allowance-eligibility';
const execFileAsync = promisify(execFile);
const FOLDER = new URL('../../../processes/210100-GF-00001-H/', import.meta.url);
const designer = { sub: 'designer-1', preferred_username: 'designer1', name: '设计员', realm_access: { roles: ['designer'] }, groups: [], idNumber: undefined };
const amrAdmin = { sub: 'da-amr', preferred_username: 'deptadmin-amr', realm_access: { roles: ['dept-admin'] }, groups: ['/沈阳市/市场监督管理局'], idNumber: undefined };

describe('process designer: forms and decisions', () => {
  let engineDb: TestDatabase;
  let engine: RunningEngine;
  let camunda: Camunda8;
  let app: TestApp;
  let token: string;
  let citizenToken: string;

  const formUrl = `/api/designer/items/${ITEM}/forms/${FORM}/draft`;
  const decisionUrl = `/api/designer/items/${ITEM}/decisions/${DECISION}/draft`;
  const processDraft = async () => json<ProcessDraftView>(await app.get(`/api/designer/items/${ITEM}/draft`, token), 200);
  const deploy = async (revision: number) => app.send('POST', `/api/designer/items/${ITEM}/deployments`, token, { revision });

  /** A citizen's application with every mandatory material, submitted with the given form data. */
  async function submitApplication(formData: Record<string, unknown>, key: string): Promise<Response> {
    const draft = await readyToSubmit(app, citizenToken, ITEM, formData, key);
    return fetch(`${app.baseUrl}/api/applications/${draft.id}/submit`, { method: 'POST', headers: { authorization: `Bearer ${citizenToken}`, 'idempotency-key': key } });
  }
  const eligibleData = { address: '沈阳市和平区北市社区', familySize: 2, monthlyIncome: 1200, reason: '因病致贫', authorised: true, phone: '13800000001' };
  const approverClaims = { sub: 'approver-mca', preferred_username: 'approver-mca', realm_access: { roles: ['approver'] }, groups: ['/沈阳市/民政局'], idNumber: undefined };

  /** The civil affairs bureau's pre-review asks the applicant to complete the address; the applicant does and resubmits. */
  async function correctAndResubmit(application: ApplicationView): Promise<Response> {
    const approver = await app.token(approverClaims);
    const preReview = await eventually(async () => {
      const task = (await json<{ items: { taskKey: string; elementId: string }[] }>(await app.get(`/api/inbox/tasks?caseNumber=${application.caseNumber ?? ''}`, approver), 200)).items.find((t) => t.elementId === 'pre-review');
      if (!task) throw new Error('pre-review not in the inbox yet');
      return task;
    });
    await json(await app.send('POST', `/api/inbox/tasks/${preReview.taskKey}/decision`, approver, {
      decision: 'correct', opinion: '地址不完整', problems: [{ target: { kind: 'field', key: 'address' }, reason: '请写明门牌号' }],
    }), 200);
    await json(await app.send('PUT', `/api/applications/${application.id}/form`, citizenToken, { formData: { ...application.formData, address: `${typeof application.formData.address === 'string' ? application.formData.address : ''}3号楼2单元` } }), 200);
    return app.send('POST', `/api/applications/${application.id}/resubmit`, citizenToken);
  }

  beforeAll(async () => {
    engineDb = await createTestDatabase();
    engine = await startEngine({ databaseUrl: engineDb.url, grpcPort: 0, restPort: 0 });
    camunda = new Camunda8({
      ZEEBE_GRPC_ADDRESS: engine.grpcAddress, ZEEBE_REST_ADDRESS: engine.restAddress, CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_LOG_LEVEL: 'none',
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
    });
    app = await startTestApp({ env: { ZEEBE_GRPC_ADDRESS: engine.grpcAddress, ZEEBE_REST_ADDRESS: engine.restAddress } });
    token = await app.token(designer);
    citizenToken = await app.token();
  });

  afterAll(async () => {
    await app?.close();
    await camunda?.getZeebeGrpcApiClient().close();
    await engine?.stop();
    await engineDb?.drop();
  });

  it('lists the application form and the eligibility rules, both served from processes/ until deployed', async () => {
    const resources = await json<DesignResourceSummary[]>(await app.get(`/api/designer/items/${ITEM}/resources`, token), 200);
    expect(resources).toEqual([
      expect.objectContaining({ kind: 'decision', id: DECISION, roles: ['eligibility'], available: 'file', draftRevision: null }),
      expect.objectContaining({ kind: 'form', id: FORM, roles: ['application'], available: 'file', draftRevision: null }),
    ]);
    expect((await app.get(`/api/designer/items/${ITEM}/resources`, await app.token(amrAdmin))).status).toBe(403);
  });

  it('refuses a form that is not JSON or not a form-js schema, keeping what was saved', async () => {
    const first = await json<DesignResourceDraft>(await app.get(formUrl, token), 200);
    expect(first).toMatchObject({ kind: 'form', id: FORM, revision: 1, source: `processes/${ITEM}/${FORM}.form` });
    const broken = await app.send('PUT', formUrl, token, { content: '{"type": "default", ', baseRevision: 1 });
    expect(broken.headers.get('content-type')).toContain('application/problem+json');
    expect(await json(broken, 422)).toMatchObject({ code: 'FORM_INVALID', detail: expect.stringContaining('not JSON') });
    const notForm = await app.send('PUT', formUrl, token, { content: JSON.stringify({ id: FORM, components: 'x' }), baseRevision: 1 });
    expect(await json(notForm, 422)).toMatchObject({ code: 'FORM_INVALID', detail: expect.stringContaining('"type" must be "default"') });
    const otherId = await app.send('PUT', formUrl, token, { content: JSON.stringify({ type: 'default', id: 'other', components: [] }), baseRevision: 1 });
    expect(await json(otherId, 422)).toMatchObject({ code: 'FORM_INVALID' });
    expect(await json<DesignResourceDraft>(await app.get(formUrl, token), 200)).toMatchObject({ revision: 1, content: first.content });
  });

  it('deploys a changed application form: new applications get its fields, the check enforces them', async () => {
    const current = await json<DesignResourceDraft>(await app.get(formUrl, token), 200);
    const schema = JSON.parse(current.content) as { components: Record<string, unknown>[] };
    schema.components.push({ type: 'textfield', key: 'householdNumber', label: '户口簿户号', id: 'Field_household', validate: { required: true } });
    const saved = await json<DesignResourceDraft>(await app.send('PUT', formUrl, token, { content: JSON.stringify(schema, null, 2), baseRevision: current.revision }), 200);
    expect(saved.revision).toBe(current.revision + 1);
    expect(await json(await app.send('PUT', formUrl, token, { content: current.content, baseRevision: current.revision }), 409)).toMatchObject({ code: 'DRAFT_CHANGED' });
    // Saved is not deployed: the portal still gets the processes/ form.
    const publicForm = async () => JSON.stringify(await json(await app.get(`/api/public/catalogue/items/${ITEM}/form`), 200));
    expect(await publicForm()).not.toContain('householdNumber');
    const older = await json<ApplicationView>(await submitApplication(eligibleData, 'designer-form-0'), 200); // a case on its way before the deployment
    await json(await deploy((await processDraft()).revision), 201);
    expect(await publicForm()).toContain('householdNumber');
    const refused = await submitApplication(eligibleData, 'designer-form-1');
    expect((await json<{ errors: { path: string }[] }>(refused, 422)).errors).toContainEqual(expect.objectContaining({ path: 'formData.householdNumber' }));
    // A case keeps the form it was submitted with; a draft gets the deployed one.
    const formOf = async (id: string, who = citizenToken) => JSON.stringify(await json(await app.get(`/api/applications/${id}/form`, who), 200));
    expect(await formOf(older.id)).not.toContain('householdNumber');
    const fresh = await json<ApplicationView>(await app.send('POST', '/api/applications', citizenToken, { itemCode: ITEM }), 201);
    expect(await formOf(fresh.id)).toContain('householdNumber');
    expect((await app.get(`/api/applications/${older.id}/form`, await app.token({ sub: 'someone-else' }))).status).toBe(404);
    // Asked for correction, the older case is checked against its own form: it answers without the new field.
    expect(await formOf(older.id, await app.token(approverClaims))).not.toContain('householdNumber'); // the case file shows it with its own form
    expect(await json<ApplicationView>(await correctAndResubmit(older), 200)).toMatchObject({ status: 'submitted' });
    const resources = await json<DesignResourceSummary[]>(await app.get(`/api/designer/items/${ITEM}/resources`, token), 200);
    expect(resources.find((r) => r.id === FORM)).toMatchObject({ available: 'deployed', draftRevision: saved.revision });
  });

  it('refuses DMN that cannot be read or lacks its decision; deployed rules are what the pre-review evaluates', async () => {
    const current = await json<DesignResourceDraft>(await app.get(decisionUrl, token), 200);
    expect(current.content).toBe(readFileSync(new URL(`${DECISION}.dmn`, FOLDER), 'utf8'));
    expect(await json(await app.send('PUT', decisionUrl, token, { content: '<definitions><oops', baseRevision: current.revision }), 422)).toMatchObject({ code: 'DECISION_INVALID' });
    const renamed = current.content.replace(`<decision id="${DECISION}"`, '<decision id="other"');
    expect(await json(await app.send('PUT', decisionUrl, token, { content: renamed, baseRevision: current.revision }), 422)).toMatchObject({ code: 'DECISION_INVALID', detail: expect.stringContaining(DECISION) });
    const raised = current.content.replace('<text>&gt;= 900</text>', '<text>&gt;= 500</text>').replace('（900 元/人·月）', '（500 元/人·月）');
    await json(await app.send('PUT', decisionUrl, token, { content: raised, baseRevision: current.revision }), 200);
    const older = await json<ApplicationView>(await submitApplication({ ...eligibleData, householdNumber: '210102-000' }, 'designer-rules-0'), 200); // judged by the 900 of before
    await json(await deploy((await processDraft()).revision), 201);
    // A case is judged again by the rules it was first judged by: its correction passes under the 900.
    expect(await json<ApplicationView>(await correctAndResubmit(older), 200)).toMatchObject({ status: 'submitted' });
    // 1200 / 2 = 600 per person: eligible under the file's 900, not under the deployed 500.
    const refused = await submitApplication({ ...eligibleData, householdNumber: '210102-001' }, 'designer-rules-1');
    expect((await json<{ errors: { path: string; message: string }[] }>(refused, 422)).errors).toEqual([
      { path: 'eligibility', message: expect.stringContaining('500 元/人·月') },
    ]);
  });

  it('lints and refuses to deploy a model whose user task links a form that does not exist, until the form is created', async () => {
    const current = await processDraft();
    const xml = current.xml.replace(/(<bpmn:userTask id="street-review"[^>]*>\s*<bpmn:extensionElements>)/, '$1\n        <zeebe:formDefinition formId="street-review-form" />');
    expect(xml).toContain('street-review-form');
    const saved = await json<ProcessDraftView>(await app.send('PUT', `/api/designer/items/${ITEM}/draft`, token, { xml, baseRevision: current.revision }), 200);
    expect(saved.lint.problems).toContainEqual(expect.objectContaining({ elementId: 'street-review', rule: 'gov/linked-form-exists', category: 'error' }));
    const refused = await json<{ code: string }>(await deploy(saved.revision), 422);
    expect(refused).toMatchObject({ code: 'DEPLOY_REFUSED' });
    expect(JSON.stringify(refused)).toContain('street-review-form');
    const created = await json<DesignResourceDraft>(await app.get(`/api/designer/items/${ITEM}/forms/street-review-form/draft`, token), 200);
    expect(created).toMatchObject({ revision: 1, source: 'new' });
    expect((await processDraft()).lint.errors).toBe(0);
    await json(await deploy(saved.revision), 201);
    const resources = await json<DesignResourceSummary[]>(await app.get(`/api/designer/items/${ITEM}/resources`, token), 200);
    expect(resources.find((r) => r.id === 'street-review-form')).toMatchObject({ roles: ['approval'], linkedFrom: ['street-review'], available: 'deployed' });
  });
});

describe('process designer: export and import of processes/<code>/', () => {
  let engineDb: TestDatabase;
  let engine: RunningEngine;
  let app: TestApp;
  let token: string;
  let dir: string;
  const CODE = '210100-GG-00002-E'; // 新生儿出生“一件事”: no other test here changes it
  const bundleUrl = `/api/designer/items/${CODE}/bundle`;
  const folder = new URL(`../../../processes/${CODE}/`, import.meta.url);

  beforeAll(async () => {
    engineDb = await createTestDatabase();
    engine = await startEngine({ databaseUrl: engineDb.url, grpcPort: 0, restPort: 0 });
    app = await startTestApp({ env: { ZEEBE_GRPC_ADDRESS: engine.grpcAddress, ZEEBE_REST_ADDRESS: engine.restAddress } });
    token = await app.token(designer);
    dir = mkdtempSync(path.join(os.tmpdir(), 'gov-processes-'));
  });

  afterAll(async () => {
    await app?.close();
    await engine?.stop();
    await engineDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const script = (args: string[]) => execFileAsync(process.execPath, [fileURLToPath(new URL('../../../scripts/processes.mjs', import.meta.url)), ...args, '--dir', dir], {
    env: { ...process.env, GOV_API_URL: app.baseUrl, GOV_API_TOKEN: token },
  });

  it('exports the item as its processes/ files: as deployed (the files themselves before any deployment) and from the drafts', async () => {
    const deployed = await json<ProcessBundle>(await app.get(`${bundleUrl}?from=deployed`, token), 200);
    const shipped = ['newborn-birth.bpmn', 'newborn-birth-application.form'];
    expect(Object.keys(deployed.files).sort()).toEqual([...shipped].sort());
    for (const file of shipped) expect(deployed.files[file]).toBe(readFileSync(new URL(file, folder), 'utf8'));
    const draft = await json<ProcessBundle>(await app.get(bundleUrl, token), 200);
    expect(draft).toMatchObject({ format: 'gov-process-bundle/1', code: CODE, from: 'draft' });
    expect(draft.files['newborn-birth.bpmn']).toBe(deployed.files['newborn-birth.bpmn']);
    expect((await app.get(bundleUrl, await app.token(amrAdmin))).status).toBe(403);
  });

  it('imports files as new draft revisions, or nothing at all when one of them is wrong', async () => {
    const before = await json<ProcessBundle>(await app.get(bundleUrl, token), 200);
    const form = JSON.parse(before.files['newborn-birth-application.form'] ?? '{}') as { components: unknown[] };
    form.components.push({ type: 'textfield', key: 'birthCertificateRemark', label: '出生医学证明备注', id: 'Field_remark' });
    const files = { 'newborn-birth-application.form': JSON.stringify(form, null, 2), 'newborn-birth.bpmn': before.files['newborn-birth.bpmn'] ?? '' };
    const wrong = await app.send('POST', bundleUrl, token, { files: { ...files, 'other.bpmn': files['newborn-birth.bpmn'], 'x.dmn': '<nope' } });
    const problem = await json<{ code: string; errors: { path: string }[] }>(wrong, 422);
    expect(problem.code, JSON.stringify(problem)).toBe('BUNDLE_INVALID');
    expect([...new Set(problem.errors.map((e) => e.path))].sort()).toEqual(['other.bpmn', 'x.dmn']);
    expect(JSON.parse((await json<DesignResourceDraft>(await app.get(`/api/designer/items/${CODE}/forms/newborn-birth-application/draft`, token), 200)).content)).not.toHaveProperty('components.99');
    expect((await app.get(`/api/designer/items/${CODE}/forms/newborn-birth-application/draft/revisions`, token)).status).toBe(200);
    const imported = await json<{ revisions: { file: string; revision: number }[] }>(await app.send('POST', bundleUrl, token, { files }), 201);
    expect(imported.revisions).toEqual(expect.arrayContaining([
      expect.objectContaining({ file: 'newborn-birth-application.form', revision: 2 }), expect.objectContaining({ file: 'newborn-birth.bpmn', revision: 2 }),
    ]));
    expect((await json<DesignResourceDraft>(await app.get(`/api/designer/items/${CODE}/forms/newborn-birth-application/draft`, token), 200)).content).toContain('出生医学证明备注');
  });

  it('pulls the drafts into a processes/ folder and pushes the folder back as revisions (npm run processes:pull / push)', async () => {
    await script(['pull', CODE]);
    expect(readFileSync(path.join(dir, CODE, 'newborn-birth-application.form'), 'utf8')).toContain('出生医学证明备注');
    const bpmn = path.join(dir, CODE, 'newborn-birth.bpmn');
    writeFileSync(bpmn, readFileSync(bpmn, 'utf8').replace('name="新生儿出生“一件事”"', 'name="新生儿出生“一件事”（新版）"'));
    const pushed = await script(['push', CODE, '--note', 'from the repo']);
    expect(pushed.stdout).toContain('newborn-birth.bpmn → draft revision 3');
    const draft = await json<ProcessDraftView>(await app.get(`/api/designer/items/${CODE}/draft`, token), 200);
    expect(draft).toMatchObject({ revision: 3 });
    expect(draft.xml).toBe(readFileSync(bpmn, 'utf8'));
    await expect(script(['pull', '210100-XX-NOPE'])).rejects.toThrow(/404/);
  });
  it('test-runs a call activity against a sandboxed copy of the called process, never the production one', async () => {
    const CALLER = '210100-QR-00001-K'; // marriage-registration
    const caller = (called: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="marriage-registration" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:callActivity id="birth" name="出生登记"><bpmn:extensionElements><zeebe:calledElement processId="${called}" propagateAllChildVariables="false" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:callActivity>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="birth" />
    <bpmn:sequenceFlow id="f2" sourceRef="birth" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
    const save = async (xml: string) => {
      const current = await json<ProcessDraftView>(await app.get(`/api/designer/items/${CALLER}/draft`, token), 200);
      return json<ProcessDraftView>(await app.send('PUT', `/api/designer/items/${CALLER}/draft`, token, { xml, baseRevision: current.revision }), 200);
    };
    const start = (revision: number) => app.send('POST', `/api/designer/items/${CALLER}/test-runs`, token, { revision, variables: { applicant: { name: '测试' } } });

    for (const [called, element] of [['=whichProcess', 'birth'], ['no-such-process', 'birth']] as const) {
      const refused = await json<{ code: string; errors: { path: string }[] }>(await start((await save(caller(called))).revision), 422);
      expect(refused.code).toBe('SANDBOX_CALL_REFUSED');
      expect(refused.errors[0]?.path).toBe(element);
    }

    const run = await json<TestRunView>(await start((await save(caller('newborn-birth'))).revision), 201);
    // The called item's draft (imported above) runs as sandbox-newborn-birth; its open step is listed with the run and completed from it.
    const task = await eventually(async () => {
      const view = await json<TestRunView>(await app.get(`/api/designer/test-runs/${run.processInstanceKey}`, token), 200);
      const found = view.userTasks.find((t) => t.elementId === 'pre-review');
      if (!found) throw new Error('no called step yet');
      return found;
    });
    expect(task.name).toContain('sandbox-newborn-birth');
    const rest = new Camunda8({ ZEEBE_REST_ADDRESS: engine.restAddress, CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_LOG_LEVEL: 'none' }).getCamundaRestClient();
    const instances = async (processDefinitionId: string) => (await rest.searchProcessInstances({ filter: { processDefinitionId } })).items;
    expect(await instances('newborn-birth')).toEqual([]);
    expect((await instances('sandbox-newborn-birth')).map((i) => String(i.parentProcessInstanceKey))).toEqual([run.processInstanceKey]);
    await json(await app.send('POST', `/api/designer/test-runs/${run.processInstanceKey}/user-tasks/${task.userTaskKey}/completion`, token, { variables: { decision: 'approve' } }), 200);
  });
  it('lets admins add and replace element templates, checked against Camunda\'s schema, merged with the repository\'s', async () => {
    const admin = await app.token({ sub: 'admin-1', preferred_username: 'admin1', realm_access: { roles: ['admin'] }, groups: [], idNumber: undefined });
    const list = async (as = token) => json<ElementTemplateView[]>(await app.get('/api/designer/element-templates', as), 200);
    const put = (id: string, template: unknown, as = admin) => app.send('PUT', `/api/designer/element-templates/${id}`, as, template);
    const repository = await list();
    const approval = repository.find((t) => t.id === 'gov.approval.department');
    expect(approval).toMatchObject({ source: 'repository' });
    const custom = { ...approval?.template, id: 'gov.approval.district', name: '区级部门审批' };

    expect((await put('gov.approval.district', custom, token)).status).toBe(403); // designers use templates, admins manage them
    const invalid = await json<{ code: string; detail: string }>(await put('gov.approval.district', { id: 'gov.approval.district', name: 'x' }), 422);
    expect(invalid).toMatchObject({ code: 'TEMPLATE_INVALID', detail: expect.stringContaining('appliesTo') });
    expect(await json(await put('gov.approval.other', custom), 422)).toMatchObject({ code: 'TEMPLATE_INVALID' });

    await json(await put('gov.approval.district', custom), 200);
    await json(await put('gov.approval.department', { ...approval?.template, name: '部门审批（本市版）' }), 200);
    const merged = await list();
    expect(merged.find((t) => t.id === 'gov.approval.district')).toMatchObject({ source: 'admin', name: '区级部门审批', updatedBy: 'admin1' });
    expect(merged.filter((t) => t.id === 'gov.approval.department')).toEqual([expect.objectContaining({ source: 'admin', replacesRepository: true, name: '部门审批（本市版）' })]);
    expect(merged).toHaveLength(repository.length + 1);

    await json(await app.send('DELETE', '/api/designer/element-templates/gov.approval.department', admin), 200);
    expect((await list()).find((t) => t.id === 'gov.approval.department')).toMatchObject({ source: 'repository', name: approval?.name });
    expect((await app.send('DELETE', '/api/designer/element-templates/gov.approval.department', admin)).status).toBe(404);
  });
});
