// Forms and decisions in the process designer against the real API, real Postgres and the embedded
// engine (official client): drafts with revisions, refusal of what is not a form-js schema or DMN,
// links checked by lint and deploy, and deployment making the catalogue and the pre-review use them.
import { readFileSync } from 'node:fs';
import { Camunda8 } from '@camunda8/sdk';
import type { ApplicationView, DesignResourceDraft, DesignResourceSummary, ProcessDraftView } from '@gov/contracts';
import { type RunningEngine, startEngine } from '@gov/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { json, pdf } from './support.js';
import { startTestApp, type TestApp } from './test-app.js';

const ITEM = '210100-GF-00001-H'; // 最低生活保障 (民政局): application form and eligibility rules (DMN)
const FORM = 'minimum-living-allowance-application';
const DECISION = 'minimum-living-allowance-eligibility';
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
    const draft = await json<ApplicationView>(await app.send('POST', '/api/applications', citizenToken, { itemCode: ITEM }), 201);
    await json(await app.send('PUT', `/api/applications/${draft.id}/form`, citizenToken, { formData: { ...draft.formData, ...formData } }), 200);
    for (const material of draft.materials.filter((m) => m.requirement === 'mandatory')) {
      const body = new FormData();
      body.append('file', new Blob([new Uint8Array(pdf(`${key}-${material.materialId}`))]), `${material.materialId}.pdf`);
      const file = await json<{ id: string }>(await fetch(`${app.baseUrl}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${citizenToken}` }, body }), 201);
      await json(await app.send('PUT', `/api/applications/${draft.id}/materials/${material.materialId}`, citizenToken, { fileIds: [file.id] }), 200);
    }
    return fetch(`${app.baseUrl}/api/applications/${draft.id}/submit`, { method: 'POST', headers: { authorization: `Bearer ${citizenToken}`, 'idempotency-key': key } });
  }
  const eligibleData = { address: '沈阳市和平区北市社区', familySize: 2, monthlyIncome: 1200, reason: '因病致贫', authorised: true, phone: '13800000001' };

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
    await json(await deploy((await processDraft()).revision), 201);
    expect(await publicForm()).toContain('householdNumber');
    const refused = await submitApplication(eligibleData, 'designer-form-1');
    expect((await json<{ errors: { path: string }[] }>(refused, 422)).errors).toContainEqual(expect.objectContaining({ path: 'formData.householdNumber' }));
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
    await json(await deploy((await processDraft()).revision), 201);
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
