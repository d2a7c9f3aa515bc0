// The e-licence library end to end on the real engine: a company registers an individual business
// (个体工商户设立登记) and gets its 营业执照 as an e-licence when the case is approved; the later food
// business licence application (食品经营许可) fills its "营业执照" material from the wallet without an
// upload, passes the pre-review and shows the approver the material as a verified e-licence; approval
// issues the 食品经营许可证. Verification by number, share link and uploaded PDF (tampering detected),
// lifecycle (revoke), department queries with service accounts, and the holder's ledger.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApplicationView, DataUse, ELicence, InboxPage, LicenceOffer, MaterialFile, ShareLink, Verification } from '@gov/contracts';
import { Camunda8 } from '@camunda8/sdk';
import { type RunningEngine, startEngine } from '@gov/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { startTestApp, type TestApp } from './test-app.js';
import { eventually, json, pdf } from './support.js';

const BUSINESS = '210100-XK-00001-D'; // 个体工商户设立登记 → 营业执照
const FOOD = '210100-XK-00002-B'; // 食品经营许可 → 食品经营许可证
const AMR = '/沈阳市/市场监督管理局';
const enterprise = { sub: 'enterprise-1', preferred_username: 'enterprise1', name: '赵强', idNumber: '210102198806153019', creditCode: '91210102MA0Q123453', companyName: '沈阳市和平区味之源餐饮有限公司' };
const stranger = { sub: 'citizen-2', preferred_username: 'citizen2', name: '李娜', idNumber: '210103199007182463' };
const staff = (username: string, roles: string[], groups: string[]) => ({ sub: username, preferred_username: username, name: username, realm_access: { roles }, groups, idNumber: undefined });
const serviceAccount = { sub: 'svc-gov-worker', preferred_username: 'service-account-gov-worker', name: undefined, idNumber: undefined, realm_access: { roles: ['default-roles-gov'] }, resource_access: { 'gov-api': { roles: ['service'] } }, groups: ['/沈阳市/市场监督管理局', '/沈阳市/公安局'] };
/** A department system's account bound to another department. */
const otherSystem = { ...serviceAccount, sub: 'svc-hrss', preferred_username: 'service-account-hrss-system', groups: ['/沈阳市/人力资源和社会保障局'] };
/** A change-registration process (变更登记): its approval issues the next version of the business licence. */
const CHANGE_PROCESS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="change" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="licence-change-test" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="reissue" name="换发电子营业执照">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="licence.issue" retries="3" />
        <zeebe:taskHeaders><zeebe:header key="licenceType" value="individual-business-licence" /><zeebe:header key="mode" value="replace" /></zeebe:taskHeaders>
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="reissue" />
    <bpmn:sequenceFlow id="f2" sourceRef="reissue" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

describe('e-licence library: issue on approval, verify anywhere, reuse instead of paper', () => {
  let engineDb: TestDatabase;
  let engine: RunningEngine;
  let app: TestApp;
  let storageDir: string;
  let keyDir: string;
  let company: string;
  let businessLicence: ELicence;
  let foodLicence: ELicence;
  let foodApplication: ApplicationView;

  const upload = async (token: string, content: Buffer, name: string, route = '/api/files') => {
    const body = new FormData();
    body.append('file', new Blob([new Uint8Array(content)], { type: 'application/pdf' }), name);
    return fetch(`${app.baseUrl}${route}`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {}, body });
  };

  /** Decides every open step of the case in 市场监督管理局's inbox until the case is decided. */
  async function approveCase(applicationId: string, caseNumber: string): Promise<ApplicationView> {
    const approver = await app.token(staff('approver-amr', ['approver'], [AMR]));
    // The inbox may list a step for a moment after its decision (its listeners are still running): decide each step once.
    const decided = new Set<string>();
    for (;;) {
      const view = await json<ApplicationView>(await app.get(`/api/applications/${applicationId}`, company), 200);
      if (view.status === 'approved') return view;
      const task = await eventually(async () => {
        const found = (await json<InboxPage>(await app.get(`/api/inbox/tasks?caseNumber=${caseNumber}`, approver), 200)).items.find((t) => !decided.has(t.taskKey));
        const now = await json<ApplicationView>(await app.get(`/api/applications/${applicationId}`, company), 200);
        if (now.status === 'approved') return null;
        if (!found) throw new Error('no open step yet');
        return found;
      });
      if (!task) continue;
      await json(await app.send('POST', `/api/inbox/tasks/${task.taskKey}/decision`, approver, { decision: 'approve', opinion: '符合条件，同意' }), 200);
      decided.add(task.taskKey);
    }
  }

  async function applyWithUploads(itemCode: string, formData: Record<string, unknown>, skip: string[] = []): Promise<ApplicationView> {
    const draft = await json<ApplicationView>(await app.send('POST', '/api/applications', company, { itemCode }), 201);
    await json(await app.send('PUT', `/api/applications/${draft.id}/form`, company, { formData: { ...draft.formData, ...formData } }), 200);
    for (const material of draft.materials.filter((m) => m.requirement === 'mandatory' && !skip.includes(m.materialId))) {
      const file = await json<MaterialFile>(await upload(company, pdf(`${draft.id}-${material.materialId}`), `${material.materialId}.pdf`), 201);
      await json(await app.send('PUT', `/api/applications/${draft.id}/materials/${material.materialId}`, company, { fileIds: [file.id] }), 200);
    }
    return draft;
  }

  beforeAll(async () => {
    engineDb = await createTestDatabase();
    engine = await startEngine({ databaseUrl: engineDb.url, grpcPort: 0, restPort: 0 });
    storageDir = mkdtempSync(path.join(os.tmpdir(), 'gov-licences-files-'));
    keyDir = mkdtempSync(path.join(os.tmpdir(), 'gov-licences-keys-'));
    app = await startTestApp({ env: {
      ZEEBE_GRPC_ADDRESS: engine.grpcAddress, ZEEBE_REST_ADDRESS: engine.restAddress, STORAGE_DIR: storageDir, LICENCE_KEY_DIR: keyDir, PUBLIC_BASE_URL: 'https://zwfw.example.gov.cn',
    } });
    company = await app.token(enterprise);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await engine?.stop();
    await engineDb?.drop();
    rmSync(storageDir, { recursive: true, force: true });
    rmSync(keyDir, { recursive: true, force: true });
  });

  it('issues the 营业执照 as a signed e-licence to the company when the registration is approved', async () => {
    const draft = await applyWithUploads(BUSINESS, {
      operatorName: '赵强', operatorIdNumber: '210102198806153019', phone: '13800000002', businessName: '和平区味之源小吃店', organisationForm: 'individual',
      businessScope: '小吃店经营', premisesAddress: '沈阳市和平区中华路8号', capital: 10, employees: 3,
    });
    const submitted = await json<ApplicationView>(await app.send('POST', `/api/applications/${draft.id}/submit`, company), 200);
    await approveCase(draft.id, submitted.caseNumber ?? '');

    const wallet = await json<ELicence[]>(await app.get('/api/licences', company), 200);
    expect(wallet).toHaveLength(1);
    businessLicence = wallet[0] as ELicence;
    expect(businessLicence).toMatchObject({
      type: 'individual-business-licence', typeName: '营业执照', status: 'valid', caseNumber: submitted.caseNumber, validUntil: null,
      holder: { kind: 'company', name: '沈阳市和平区味之源餐饮有限公司', idMasked: '91210102MA0Q123453' },
      department: { path: AMR }, signature: { algorithm: 'SM2-SM3' },
    });
    expect(businessLicence.fields).toContainEqual({ key: 'businessScope', label: '经营范围', value: '小吃店经营' });
    expect(businessLicence.verifyUrl).toBe(`https://zwfw.example.gov.cn/verify/${businessLicence.licenceNo}`);
    // Nobody anonymous, and no person who is not the holder, sees it.
    expect((await app.get('/api/licences')).status).toBe(401);
    expect((await app.get(`/api/licences/${businessLicence.licenceNo}/pdf`, await app.token(stranger))).status).toBe(404);
    expect((await app.get(`/api/licences/${businessLicence.licenceNo}`, await app.token(stranger))).status).toBe(404);
  }, 90_000);

  it('fills the food licence application\'s 营业执照 from the wallet, passes the pre-review without an upload and shows approvers a verified e-licence', async () => {
    const draft = await applyWithUploads(FOOD, {
      operatorName: '沈阳市和平区味之源餐饮有限公司', creditCode: '91210102MA0Q123453', premisesAddress: '沈阳市和平区中华路8号', businessItems: ['hot-food'],
      safetyManager: '王芳', phone: '13800000002',
    }, ['business-licence']);
    // Without the licence the pre-review names the missing material and the e-licence that can replace it.
    const incomplete = await json<{ code: string; errors: { path: string; message: string }[] }>(await app.send('POST', `/api/applications/${draft.id}/submit`, company), 422);
    expect(incomplete.errors).toContainEqual({ path: 'materials.business-licence', message: expect.stringContaining('营业执照') });

    const offers = await json<LicenceOffer[]>(await app.get(`/api/applications/${draft.id}/licence-offers`, company), 200);
    expect(offers).toEqual([{ materialId: 'business-licence', licenceNo: businessLicence.licenceNo, typeName: '营业执照' }]);
    // A licence cannot stand for a material it does not replace.
    expect((await app.send('PUT', `/api/applications/${draft.id}/materials/layout/licence`, company, { licenceNo: businessLicence.licenceNo })).status).toBe(422);
    // Nor can someone else use the company's licence.
    expect((await app.send('PUT', `/api/applications/${draft.id}/materials/business-licence/licence`, await app.token(stranger), { licenceNo: businessLicence.licenceNo })).status).toBe(404);

    const filled = await json<ApplicationView>(await app.send('POST', `/api/applications/${draft.id}/licences/fill`, company), 200);
    const material = filled.materials.find((m) => m.materialId === 'business-licence');
    expect(material?.files).toHaveLength(1);
    expect(material?.files[0]?.eLicence).toEqual({ licenceNo: businessLicence.licenceNo, typeName: '营业执照', verified: true, status: 'valid' });

    foodApplication = await json<ApplicationView>(await app.send('POST', `/api/applications/${draft.id}/submit`, company), 200);
    expect(foodApplication.status).toBe('submitted');
    // The approver's case file shows the material as an e-licence, verified.
    const approver = await app.token(staff('approver-amr', ['approver'], [AMR]));
    const seen = await json<ApplicationView>(await app.get(`/api/applications/${draft.id}`, approver), 200);
    expect(seen.materials.find((m) => m.materialId === 'business-licence')?.files[0]?.eLicence).toMatchObject({ verified: true, licenceNo: businessLicence.licenceNo });
    // …and can open the licence PDF itself.
    const fileId = material?.files[0]?.id ?? '';
    expect((await app.get(`/api/files/${fileId}/content`, approver)).status).toBe(200);

    const decided = await approveCase(draft.id, foodApplication.caseNumber ?? '');
    const wallet = await json<ELicence[]>(await app.get('/api/licences', company), 200);
    foodLicence = wallet.find((l) => l.type === 'food-business-licence') as ELicence;
    expect(foodLicence).toMatchObject({ typeName: '食品经营许可证', status: 'valid', caseNumber: foodApplication.caseNumber });
    // The result delivers the e-licence with the receipt.
    expect(decided.result?.documents).toContainEqual({ name: `电子证照：食品经营许可证（${foodLicence.licenceNo}）`, url: foodLicence.pdfUrl });
    expect(foodLicence.fields).toContainEqual({ key: 'businessItems', label: '经营项目', value: '热食类食品制售' });
    expect(Date.parse(foodLicence.validUntil ?? '') - Date.parse(foodLicence.issuedAt)).toBeGreaterThan(4.9 * 365 * 24 * 3600_000);
  }, 120_000);

  it('verifies by number without login, showing no fields unless the holder shares a time-limited link', async () => {
    const bare = await json<Verification>(await app.get(`/api/verify/${foodLicence.licenceNo}`), 200);
    expect(bare).toMatchObject({ valid: true, status: 'valid', signatureValid: true, typeName: '食品经营许可证', holderName: '沈阳市和平区味之源餐饮有限公司', fields: [], algorithm: 'SM2-SM3' });
    const link = await json<ShareLink>(await app.send('POST', `/api/licences/${foodLicence.licenceNo}/share`, company, { hours: 2 }), 201);
    expect(link.url).toBe(`https://zwfw.example.gov.cn/verify/${foodLicence.licenceNo}?share=${link.token}`);
    const shared = await json<Verification>(await app.get(`/api/verify/${foodLicence.licenceNo}?share=${link.token}`), 200);
    expect(shared.valid).toBe(true);
    expect(shared.fields).toContainEqual({ label: '食品安全管理人员', value: '王芳' });
    // A token of another licence shows nothing more.
    const wrong = await json<Verification>(await app.get(`/api/verify/${businessLicence.licenceNo}?share=${link.token}`), 200);
    expect(wrong.fields).toEqual([]);
    expect((await json<Verification>(await app.get('/api/verify/SY20000101000001'), 200))).toMatchObject({ valid: false, failure: 'not-found' });
    expect((await app.get('/api/verify/not%20a%20number')).status).toBe(400);
  });

  it('verifies the downloaded PDF and detects a tampered one (visible content or embedded fields)', async () => {
    const response = await app.get(`/api/licences/${foodLicence.licenceNo}/pdf`, company);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/pdf');
    const original = Buffer.from(await response.arrayBuffer());
    const checked = await json<Verification>(await upload('', original, 'licence.pdf', '/api/verify/document'), 200);
    expect(checked).toMatchObject({ valid: true, documentIntact: true, signatureValid: true, licenceNo: foodLicence.licenceNo });
    expect(checked.fields).toContainEqual({ label: '经营场所', value: '沈阳市和平区中华路8号' });

    // Someone edits the printed text (the page's content stream) and leaves the signature alone.
    const text = original.toString('latin1');
    const at = text.indexOf(' Tj ET', text.indexOf('stream'));
    const edited = Buffer.from(`${text.slice(0, at - 2)}${text[at - 2] === '0' ? '1' : '0'}${text.slice(at - 1)}`, 'latin1');
    expect(edited.length).toBe(original.length);
    expect(await json<Verification>(await upload('', edited, 'edited.pdf', '/api/verify/document'), 200)).toMatchObject({ valid: false, failure: 'document-altered', signatureValid: true, fields: [] });

    // Someone rewrites the embedded signed fields (王芳 → 王芬) to match: the signature no longer holds.
    const hex = (value: string) => Buffer.from(value, 'utf8').toString('hex').toUpperCase();
    const forged = Buffer.from(text.replace(hex('王芳'), hex('王芬')), 'latin1');
    expect(forged.equals(original)).toBe(false);
    expect(await json<Verification>(await upload('', forged, 'forged.pdf', '/api/verify/document'), 200)).toMatchObject({ valid: false, failure: 'bad-signature' });

    expect(await json<Verification>(await upload('', pdf('plain'), 'plain.pdf', '/api/verify/document'), 200)).toMatchObject({ valid: false, failure: 'not-a-licence' });
    expect((await fetch(`${app.baseUrl}/api/verify/document`, { method: 'POST' })).status).toBe(400);
  });

  it('lets department systems query the library with a service account, on the case\'s basis only, and writes every use to the ledger', async () => {
    const service = await app.token(serviceAccount);
    const query = { holderId: '91210102MA0Q123453', type: 'individual-business-licence', caseNumber: foodApplication.caseNumber, department: AMR, basis: 'legal-basis', legalBasis: '《食品经营许可和备案管理办法》第十二条', purpose: '核验食品经营许可申请人主体资格' };
    const answer = await json<{ licences: ELicence[]; verified: boolean }>(await app.send('POST', '/api/department/licences/query', service, query), 200);
    expect(answer.verified).toBe(true);
    expect(answer.licences.map((l) => l.licenceNo)).toEqual([businessLicence.licenceNo]);
    // People, even staff, cannot call it; a basis must be named; a holder who is not on the case is refused.
    expect((await app.send('POST', '/api/department/licences/query', await app.token(staff('approver-amr', ['approver'], [AMR])), query)).status).toBe(403);
    expect((await app.send('POST', '/api/department/licences/query', service, { ...query, legalBasis: '' })).status).toBe(400);
    expect((await app.send('POST', '/api/department/licences/query', service, { ...query, holderId: '210103199007182463' })).status).toBe(403);
    expect((await app.send('POST', '/api/department/licences/query', service, { ...query, department: '/沈阳市/公安局' })).status).toBe(403);
    // A service account acts only for its own departments.
    const unbound = await app.send('POST', '/api/department/licences/query', await app.token(otherSystem), query);
    expect(unbound.status).toBe(403);
    expect(await unbound.json()).toMatchObject({ code: 'DEPARTMENT_NOT_BOUND' });
    // The department's system fetches a material of the case by the reference dept.submit sent; another department's cannot.
    const material = foodApplication.materials.flatMap((m) => m.files).find((f) => !f.eLicence);
    expect(material).toBeDefined();
    expect((await app.get(`/api/files/${material?.id ?? ''}/content`, service)).status).toBe(200);
    expect((await app.get(`/api/files/${material?.id ?? ''}/content`, await app.token(otherSystem))).status).toBe(404);

    const ledger = await json<DataUse[]>(await app.get('/api/licences/ledger', company), 200);
    expect(ledger).toContainEqual(expect.objectContaining({ licenceNo: businessLicence.licenceNo, department: '沈阳市市场监督管理局', caseNumber: foodApplication.caseNumber, basis: 'consent' }));
    expect(ledger).toContainEqual(expect.objectContaining({ licenceNo: businessLicence.licenceNo, department: '市场监督管理局', basis: 'legal-basis', basisDetail: query.legalBasis, actor: 'service-account-gov-worker' }));
    expect(ledger).toContainEqual(expect.objectContaining({ licenceNo: foodLicence.licenceNo, basis: 'holder', purpose: '通过分享链接核验证照' }));
    // The approver opened the licence file of the case: a use of the material, by the department, for the case.
    expect(ledger).toContainEqual(expect.objectContaining({ licenceNo: businessLicence.licenceNo, material: expect.stringContaining('营业执照'), department: '市场监督管理局', actor: 'approver-amr', caseNumber: foodApplication.caseNumber }));
    expect(ledger).toContainEqual(expect.objectContaining({ material: material?.name, department: '市场监督管理局', actor: 'service-account-gov-worker', caseNumber: foodApplication.caseNumber }));
    // Someone else's ledger has none of it.
    expect(await json<DataUse[]>(await app.get('/api/licences/ledger', await app.token(stranger)), 200)).toEqual([]);
  });

  it('revokes a licence by its department\'s admin with a reason: verification fails and it can no longer be reused', async () => {
    const change = { action: 'revoke', reason: '经营场所不符合食品安全要求' };
    expect((await app.send('PUT', `/api/licences/${foodLicence.licenceNo}/status`, company, change)).status).toBe(403);
    expect((await app.send('PUT', `/api/licences/${foodLicence.licenceNo}/status`, await app.token(staff('deptadmin-psb', ['dept-admin'], ['/沈阳市/公安局'])), change)).status).toBe(403);
    const deptAdmin = await app.token(staff('deptadmin-amr', ['dept-admin'], [AMR]));
    // The issuing department's admin looks the licence up; another department's does not find it.
    expect(await json<ELicence>(await app.get(`/api/licences/${foodLicence.licenceNo}`, deptAdmin), 200)).toMatchObject({ status: 'valid' });
    expect((await app.get(`/api/licences/${foodLicence.licenceNo}`, await app.token(staff('deptadmin-psb', ['dept-admin'], ['/沈阳市/公安局'])))).status).toBe(404);
    const revoked = await json<ELicence>(await app.send('PUT', `/api/licences/${foodLicence.licenceNo}/status`, deptAdmin, change), 200);
    expect(revoked).toMatchObject({ status: 'revoked', statusReason: change.reason });
    expect(await json<Verification>(await app.get(`/api/verify/${foodLicence.licenceNo}`), 200)).toMatchObject({ valid: false, status: 'revoked', failure: 'status', signatureValid: true });
    expect((await app.send('PUT', `/api/licences/${foodLicence.licenceNo}/status`, deptAdmin, { action: 'reinstate', reason: '误操作' })).status).toBe(409);

    // Suspending the 营业执照 takes the "verified" mark off the material that used it.
    await json(await app.send('PUT', `/api/licences/${businessLicence.licenceNo}/status`, deptAdmin, { action: 'suspend', reason: '年报未报送' }), 200);
    const view = await json<ApplicationView>(await app.get(`/api/applications/${foodApplication.id}`, company), 200);
    expect(view.materials.find((m) => m.materialId === 'business-licence')?.files[0]?.eLicence).toMatchObject({ verified: false, status: 'suspended' });
    await json(await app.send('PUT', `/api/licences/${businessLicence.licenceNo}/status`, deptAdmin, { action: 'reinstate', reason: '已补报年报' }), 200);
  });

  it('keeps old licences verifiable after the department\'s signing key is rotated', async () => {
    expect((await app.send('POST', '/api/licence-types/keys/rotate', await app.token(staff('deptadmin-amr', ['dept-admin'], [AMR])), { department: AMR })).status).toBe(403);
    const rotated = await json<{ keyId: string }>(await app.send('POST', '/api/licence-types/keys/rotate', await app.token(staff('admin1', ['admin'], [])), { department: AMR }), 200);
    expect(rotated.keyId).not.toBe(businessLicence.signature.keyId);
    expect(await json<Verification>(await app.get(`/api/verify/${businessLicence.licenceNo}`), 200)).toMatchObject({ valid: true, keyId: businessLicence.signature.keyId });
    const types = await json<{ code: string; replaces: unknown[] }[]>(await app.get('/api/licence-types'), 200);
    expect(types.map((t) => t.code)).toEqual(['food-business-licence', 'individual-business-licence']);
  });

  it('replaces a licence with a new version when a process re-issues it (change registration); the old one verifies as replaced', async () => {
    const camunda = new Camunda8({ ZEEBE_GRPC_ADDRESS: engine.grpcAddress, ZEEBE_REST_ADDRESS: engine.restAddress, CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_LOG_LEVEL: 'none', zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE' } });
    const zeebe = camunda.getZeebeGrpcApiClient();
    try {
      await zeebe.deployResource({ process: Buffer.from(CHANGE_PROCESS), name: 'licence-change-test.bpmn' });
      // The food licence case stands in for a change-registration case of the same company.
      const result = await zeebe.createProcessInstanceWithResult({ bpmnProcessId: 'licence-change-test', variables: { caseNumber: foodApplication.caseNumber ?? '' }, requestTimeout: 20_000 });
      const issued: unknown = result.variables.licenceNo;
      expect(typeof issued).toBe('string');
      const licenceNo = typeof issued === 'string' ? issued : '';
      const wallet = await json<ELicence[]>(await app.get('/api/licences', company), 200);
      expect(wallet.find((l) => l.licenceNo === licenceNo)).toMatchObject({ type: 'individual-business-licence', version: 2, status: 'valid' });
      expect(wallet.find((l) => l.licenceNo === businessLicence.licenceNo)).toMatchObject({ status: 'replaced', replacedBy: licenceNo });
      expect(await json<Verification>(await app.get(`/api/verify/${businessLicence.licenceNo}`), 200)).toMatchObject({ valid: false, status: 'replaced', signatureValid: true });
    } finally {
      await zeebe.close();
    }
  }, 60_000);

  it('fills a new application automatically only on the holder\'s standing consent, and says so in the ledger', async () => {
    const draft = await json<ApplicationView>(await app.send('POST', '/api/applications', company, { itemCode: FOOD }), 201);
    expect((await app.send('POST', `/api/applications/${draft.id}/licences/fill`, company, { automatic: true })).status).toBe(403);
    expect(await json(await app.get('/api/licences/autofill', company), 200)).toEqual({ enabled: false, grantedAt: null });
    expect(await json(await app.send('PUT', '/api/licences/autofill', company, { enabled: true }), 200)).toMatchObject({ enabled: true });
    const filled = await json<ApplicationView>(await app.send('POST', `/api/applications/${draft.id}/licences/fill`, company, { automatic: true }), 200);
    expect(filled.materials.find((m) => m.materialId === 'business-licence')?.files[0]?.eLicence).toMatchObject({ typeName: '营业执照', verified: true });
    const ledger = await json<DataUse[]>(await app.get('/api/licences/ledger', company), 200);
    expect(ledger[0]).toMatchObject({ basis: 'consent', basisDetail: expect.stringContaining('持证人已授权自动引用'), purpose: expect.stringContaining('食品经营许可') });
    expect(await json(await app.send('PUT', '/api/licences/autofill', company, { enabled: false }), 200)).toEqual({ enabled: false, grantedAt: null });
  });

  it('lets admins keep licence types as catalogue data: create and edit, with the replaced materials checked against the items', async () => {
    const admin = await app.token(staff('admin1', ['admin'], []));
    const type = {
      name: '卫生许可证', department: { path: '/沈阳市/卫生健康委员会', name: '沈阳市卫生健康委员会' }, holderKind: 'company',
      fields: [{ key: 'operator', label: '单位名称', sources: ['operatorName', 'companyName'] }, { key: 'address', label: '地址', sources: ['premisesAddress'] }],
      validityYears: 4, layout: { title: '卫生许可证', footer: '请在有效期届满前申请延续' }, replaces: [{ itemCode: '210100-GG-00001-G', materialId: 'premises' }],
    };
    expect((await app.send('PUT', '/api/licence-types/hygiene-licence', company, type)).status).toBe(403);
    expect((await app.send('PUT', '/api/licence-types/hygiene-licence', await app.token(staff('deptadmin-amr', ['dept-admin'], [AMR])), type)).status).toBe(403);
    const missing = await app.send('PUT', '/api/licence-types/hygiene-licence', admin, { ...type, replaces: [{ itemCode: '210100-GG-00001-G', materialId: 'no-such-material' }] });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ errors: [{ path: 'replaces.0.materialId' }] });
    expect((await app.send('PUT', '/api/licence-types/hygiene-licence', admin, { ...type, fields: [type.fields[0], type.fields[0]] })).status).toBe(400);
    expect(await json(await app.send('PUT', '/api/licence-types/hygiene-licence', admin, type), 200)).toMatchObject({ code: 'hygiene-licence', name: '卫生许可证', validityYears: 4 });
    await json(await app.send('PUT', '/api/licence-types/hygiene-licence', admin, { ...type, validityYears: 5 }), 200);
    const listed = await json<{ code: string; validityYears: number | null; replaces: unknown[] }[]>(await app.get('/api/licence-types'), 200);
    expect(listed.find((t) => t.code === 'hygiene-licence')).toMatchObject({ validityYears: 5, replaces: [{ itemCode: '210100-GG-00001-G', materialId: 'premises' }] });
  });
});
