// Citizen applications against the real API, real Postgres and the embedded engine (official
// client): draft, materials, submit, one-time correction notice, decisions, result, rating.
// The department system the model pushes to (psb) is outside the platform: the test completes
// that one job itself.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import type { ApplicationView, CaseTask, LibraryFile, MaterialFile, Rectification } from '@gov/contracts';
import { type RunningEngine, startEngine } from '@gov/engine';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { eventually, json, pdf } from './support.js';
import { startTestApp, type TestApp } from './test-app.js';

const ITEM = '210100-GG-00003-C'; // 居住证核发, 公安局
const citizen2 = { sub: 'c0a80101-0000-4000-8000-000000000002', preferred_username: 'citizen2', name: '李娜', idNumber: '210103199007182463' };
const approver = { sub: 'approver-psb', preferred_username: 'approver-psb', name: '陈静', realm_access: { roles: ['approver'] }, groups: ['/沈阳市/公安局'], idNumber: undefined };
const otherApprover = { sub: 'approver-amr', preferred_username: 'approver-amr', name: '刘洋', realm_access: { roles: ['approver'] }, groups: ['/沈阳市/市场监督管理局'], idNumber: undefined };
const enterprise = { sub: 'enterprise-1', preferred_username: 'enterprise1', name: '赵强', idNumber: '210102198806153019', creditCode: '91210102MA0Q123453', companyName: '沈阳市和平区味之源餐饮有限公司' };
const colleague = { ...enterprise, sub: 'enterprise-2', preferred_username: 'enterprise2', name: '钱敏', idNumber: '210103199007182463' };
const admin = { sub: 'admin-1', preferred_username: 'admin1', realm_access: { roles: ['admin'] }, idNumber: undefined };

/** A minimal but real PDF; `tag` makes each one different content. */
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-photo')]);

const goodForm = {
  name: '张伟', idNumber: '210102199003071233', address: '沈阳市和平区太原街1号', residentSince: '2025-06-01', basis: 'employment', delivery: 'counter', phone: '13800000000',
};

describe('citizen applications (/api/applications)', () => {
  let engineDb: TestDatabase;
  let engine: RunningEngine;
  let camunda: Camunda8;
  let app: TestApp;
  let storageDir: string;
  let citizenToken: string;
  let citizen2Token: string;
  let approverToken: string;

  const upload = (token: string, content: Buffer, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(content)]), name);
    return fetch(`${app.baseUrl}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  };
  const uploaded = async (content: Buffer, name: string, token = citizenToken) => json<MaterialFile>(await upload(token, content, name), 201);
  const create = async (token = citizenToken, itemCode = ITEM) => json<ApplicationView>(await app.send('POST', '/api/applications', token, { itemCode }), 201);
  const view = async (id: string, token = citizenToken) => json<ApplicationView>(await app.get(`/api/applications/${id}`, token), 200);
  const attach = async (id: string, materialId: string, fileIds: string[]) => json<ApplicationView>(await app.send('PUT', `/api/applications/${id}/materials/${materialId}`, citizenToken, { fileIds }), 200);
  const saveForm = async (id: string, formData: Record<string, unknown>) => json<ApplicationView>(await app.send('PUT', `/api/applications/${id}/form`, citizenToken, { formData }), 200);
  const submit = (id: string, key = 'submit-key-0001') => fetch(`${app.baseUrl}/api/applications/${id}/submit`, { method: 'POST', headers: { authorization: `Bearer ${citizenToken}`, 'idempotency-key': key } });
  const tasks = async (id: string, token = approverToken) => json<CaseTask[]>(await app.get(`/api/applications/${id}/tasks`, token), 200);
  const openTask = (id: string, elementId?: string) => eventually(async () => {
    const open = await tasks(id);
    const task = open.find((t) => elementId === undefined || t.elementId === elementId);
    if (!task) throw new Error(`no open task ${elementId ?? ''} yet`);
    return task;
  });
  const decide = (id: string, taskKey: string, body: unknown, token = approverToken) => app.send('POST', `/api/applications/${id}/tasks/${taskKey}/decision`, token, body);

  /** A draft with every field and mandatory material filled. */
  async function completeDraft(): Promise<ApplicationView> {
    const draft = await create();
    await saveForm(draft.id, goodForm);
    const mandatory = draft.materials.filter((m) => m.requirement === 'mandatory');
    for (const material of mandatory) {
      const file = await uploaded(material.materialId === 'photo' ? Buffer.concat([png, Buffer.from(draft.id)]) : pdf(`${draft.id}-${material.materialId}`), `${material.materialId}.pdf`);
      await attach(draft.id, material.materialId, [file.id]);
    }
    return view(draft.id);
  }

  /** Completes the department-system job the model waits on (the psb system is outside the platform). */
  async function completeDepartmentJobs(): Promise<number> {
    const jobs = await camunda.getZeebeGrpcApiClient().activateJobs({ type: 'dept.submit', worker: 'psb-stand-in', maxJobsToActivate: 10, timeout: 60_000, requestTimeout: -1 });
    for (const job of jobs) await camunda.getZeebeGrpcApiClient().completeJob({ jobKey: job.key, variables: { psbApplication: { applicationId: 'PSB-1', status: 'received' } } });
    return jobs.length;
  }

  beforeAll(async () => {
    engineDb = await createTestDatabase();
    engine = await startEngine({ databaseUrl: engineDb.url, grpcPort: 0, restPort: 0 });
    camunda = new Camunda8({
      ZEEBE_GRPC_ADDRESS: engine.grpcAddress, ZEEBE_REST_ADDRESS: engine.restAddress, CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_LOG_LEVEL: 'none',
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
    });
    storageDir = mkdtempSync(path.join(os.tmpdir(), 'gov-files-'));
    app = await startTestApp({ env: { ZEEBE_GRPC_ADDRESS: engine.grpcAddress, ZEEBE_REST_ADDRESS: engine.restAddress, STORAGE_DIR: storageDir, MAX_UPLOAD_BYTES: String(64 * 1024) } });
    citizenToken = await app.token();
    citizen2Token = await app.token(citizen2);
    approverToken = await app.token(approver);
  });

  afterAll(async () => {
    await app?.close();
    await camunda?.getZeebeGrpcApiClient().close();
    await engine?.stop();
    await engineDb?.drop();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('serves the form of a published item and starts a draft pre-filled from the identity in the token', async () => {
    const form = await json<{ components: { key?: string }[] }>(await app.get(`/api/public/catalogue/items/${ITEM}/form`), 200);
    expect(form.components.map((c) => c.key)).toContain('phone');
    const draft = await create();
    expect(draft).toMatchObject({ status: 'draft', caseNumber: null, itemCode: ITEM, itemName: '居住证核发', actions: { edit: true, submit: true, withdraw: false } });
    expect(draft.formData).toMatchObject({ name: '张伟', idNumber: '210102199003071233' });
    expect(draft.prefilled).toEqual(expect.arrayContaining(['name', 'idNumber']));
    expect(draft.applicant.idNumberMasked).not.toContain('199003071');
    expect(draft.materials.map((m) => m.materialId)).toEqual(['id-card', 'photo', 'residence-proof', 'employment-proof', 'study-proof']);
  });

  it('refuses to start an application for someone without a verified ID number, or for an offline item', async () => {
    const noId = await app.send('POST', '/api/applications', await app.token({ idNumber: undefined }), { itemCode: ITEM });
    expect(noId.status).toBe(403);
    expect(await noId.json()).toMatchObject({ code: 'IDENTITY_REQUIRED' });
    const offline = await app.send('POST', '/api/applications', citizenToken, { itemCode: '210100-QR-00001-K' });
    expect(offline.status).toBe(409);
    expect(offline.headers.get('content-type')).toContain('application/problem+json');
    expect(await offline.json()).toMatchObject({ code: 'ITEM_NOT_APPLICABLE' });
  });

  it('checks uploads by content and size, keeps one library file per content, and shows them to their owner only', async () => {
    const renamed = await upload(citizenToken, Buffer.from('just some text, not a PDF'), 'fake.pdf');
    expect(renamed.status).toBe(415);
    expect(await renamed.json()).toMatchObject({ code: 'FILE_TYPE_NOT_ACCEPTED' });
    const large = await upload(citizenToken, Buffer.concat([pdf('large'), Buffer.alloc(70 * 1024)]), 'large.pdf');
    expect(large.status).toBe(413);
    expect(large.headers.get('content-type')).toContain('application/problem+json');
    const first = await uploaded(pdf('library'), '身份证.pdf');
    expect(first).toMatchObject({ name: '身份证.pdf', mediaType: 'application/pdf', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const again = await uploaded(pdf('library'), 'same-bytes.pdf');
    expect(again).toMatchObject({ id: first.id, name: '身份证.pdf' });
    const content = await app.get(`/api/files/${first.id}/content`, citizenToken);
    expect(content.status).toBe(200);
    expect(Buffer.from(await content.arrayBuffer()).toString()).toContain('library');
    expect((await app.get(`/api/files/${first.id}/content`, citizen2Token)).status).toBe(404);
    const library = await json<LibraryFile[]>(await app.get('/api/files', citizenToken), 200);
    expect(library.map((f) => f.id)).toContain(first.id);
  });

  it('autosaves the form, refuses a stale version, and never lets another citizen see or change the draft', async () => {
    const draft = await create();
    const saved = await json<ApplicationView>(await app.send('PUT', `/api/applications/${draft.id}/form`, citizenToken, { formData: { ...draft.formData, address: '沈阳市' }, version: draft.version }), 200);
    expect(saved.version).toBe(draft.version + 1);
    const stale = await app.send('PUT', `/api/applications/${draft.id}/form`, citizenToken, { formData: { address: 'lost?' }, version: draft.version });
    expect(stale.status).toBe(409);
    expect((await view(draft.id)).formData.address).toBe('沈阳市');
    expect((await app.get(`/api/applications/${draft.id}`, citizen2Token)).status).toBe(404);
    expect((await app.send('PUT', `/api/applications/${draft.id}/form`, citizen2Token, { formData: {} })).status).toBe(404);
    // Staff see cases, not drafts.
    expect((await app.get(`/api/applications/${draft.id}`, approverToken)).status).toBe(404);
  });

  it('lists every problem at once when submission is incomplete, and keeps what was entered', async () => {
    const draft = await create();
    await saveForm(draft.id, { ...draft.formData, phone: '12345' });
    const refused = await submit(draft.id);
    expect(refused.status).toBe(422);
    const problem = await refused.json() as { code: string; errors: { path: string; message: string }[] };
    expect(problem.code).toBe('APPLICATION_INCOMPLETE');
    const paths = problem.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['formData.phone', 'formData.residentSince', 'formData.basis', 'materials.id-card', 'materials.photo', 'materials.residence-proof']));
    expect(paths).not.toContain('materials.study-proof'); // conditional
    const after = await view(draft.id);
    expect(after).toMatchObject({ status: 'draft', caseNumber: null, formData: { phone: '12345' } });
  });

  it('an expired draft says so and cannot be submitted; a new application gets its entries back', async () => {
    const draft = await create();
    await saveForm(draft.id, { ...draft.formData, address: '沈阳市沈河区 expired' });
    const db = new pg.Client({ connectionString: app.database.url });
    await db.connect();
    await db.query(`UPDATE application SET draft_expires_at = now() - interval '1 day' WHERE id = $1`, [draft.id]);
    await db.end();
    const gone = await submit(draft.id);
    expect(gone.status).toBe(410);
    expect(await gone.json()).toMatchObject({ code: 'DRAFT_EXPIRED' });
    expect((await view(draft.id)).actions.edit).toBe(false);
    const fresh = await create();
    expect(fresh.formData.address).toBe('沈阳市沈河区 expired');
  });

  it('runs a case end to end: submit once, one correction notice, resubmit, decisions, result, rating', async () => {
    const draft = await completeDraft();
    // A double click: two submissions at once make one case.
    const [a, b] = await Promise.all([submit(draft.id, 'double-click-1'), submit(draft.id, 'double-click-1')]);
    const [first, second] = [await json<ApplicationView>(a, 200), await json<ApplicationView>(b, 200)];
    expect(first.caseNumber).toMatch(/^210100-\d{8}-\d{6}$/);
    expect(second.caseNumber).toBe(first.caseNumber);
    expect(first).toMatchObject({ status: 'submitted', actions: { edit: false, withdraw: true }, clock: { state: 'running', limitDays: 15 } });
    expect(first.timeline.map((e) => e.kind)).toEqual(['created', 'submitted', 'auto-checked']);
    const caseNumber = first.caseNumber ?? '';

    const receipt = await app.get(`/api/applications/${draft.id}/receipt.pdf`, citizenToken);
    expect(receipt.headers.get('content-type')).toBe('application/pdf');
    const receiptText = Buffer.from(await receipt.arrayBuffer()).toString('latin1');
    expect(receiptText.startsWith('%PDF-')).toBe(true);
    expect(receiptText.toUpperCase()).toContain(Buffer.from(caseNumber, 'utf16le').swap16().toString('hex').toUpperCase());
    expect((await app.get(`/api/applications/${draft.id}/receipt.pdf`, citizen2Token)).status).toBe(404);

    // Staff of another department see nothing; the police see one pre-review step.
    expect((await app.get(`/api/applications/${draft.id}`, await app.token(otherApprover))).status).toBe(404);
    const preReview = await openTask(draft.id);
    expect(await tasks(draft.id)).toHaveLength(1);
    expect(preReview.candidateGroups).toEqual(['/沈阳市/公安局']);
    const staffView = await view(draft.id, approverToken);
    expect(staffView.actions).toEqual({ edit: false, submit: false, resubmit: false, withdraw: false, rate: false });

    // A correction request needs an opinion and problems.
    expect((await decide(draft.id, preReview.taskKey, { decision: 'correct', opinion: '请补正' })).status).toBe(400);
    const corrected = await json<ApplicationView>(await decide(draft.id, preReview.taskKey, {
      decision: 'correct', opinion: '材料不符合要求，请一次性补正',
      problems: [
        { target: { kind: 'material', materialId: 'photo' }, reason: '照片须为近期一寸白底免冠彩色照片', rule: '《居住证暂行条例》第十条' },
        { target: { kind: 'field', key: 'phone' }, reason: '联系电话无法接通，请核对' },
      ],
    }), 200);
    expect(corrected.status).toBe('correction-requested');
    const mine = await view(draft.id);
    expect(mine).toMatchObject({ status: 'correction-requested', actions: { edit: true, resubmit: true }, clock: { state: 'paused' } });
    expect(mine.notices).toHaveLength(1);
    expect(mine.notices[0]).toMatchObject({ number: 1, defects: 0, answeredAt: null });
    expect(mine.notices[0]?.problems.map((p) => p.reason)).toEqual(['照片须为近期一寸白底免冠彩色照片', '联系电话无法接通，请核对']);

    // The citizen corrects both in one go and resubmits (twice: the second is a no-op).
    const photo = await uploaded(Buffer.concat([png, Buffer.from('new photo')]), 'photo.png');
    await attach(draft.id, 'photo', [photo.id]);
    await saveForm(draft.id, { ...goodForm, phone: '13900000000' });
    const resubmitted = await json<ApplicationView>(await app.send('POST', `/api/applications/${draft.id}/resubmit`, citizenToken), 200);
    expect(resubmitted).toMatchObject({ status: 'submitted', clock: { state: 'running' } });
    expect((await app.send('POST', `/api/applications/${draft.id}/resubmit`, citizenToken)).status).toBe(200);

    // A second notice about something untouched since the first one is a defect of the first.
    const againPreReview = await eventually(async () => {
      const task = await openTask(draft.id, preReview.elementId);
      if (task.taskKey === preReview.taskKey) throw new Error('still the old task');
      return task;
    });
    await json<ApplicationView>(await decide(draft.id, againPreReview.taskKey, {
      decision: 'correct', opinion: '地址不完整', problems: [{ target: { kind: 'field', key: 'address' }, reason: '请写明门牌号和房间号' }],
    }), 200);
    const withDefect = await view(draft.id);
    expect(withDefect.notices.map((n) => n.defects)).toEqual([0, 1]);
    expect(withDefect.notices[1]?.problems[0]?.defect).toBe(true);
    await saveForm(draft.id, { ...goodForm, phone: '13900000000', address: '沈阳市和平区太原街1号3单元502' });
    await json<ApplicationView>(await app.send('POST', `/api/applications/${draft.id}/resubmit`, citizenToken), 200);

    // Accept, approve; the department system takes the case; the model reports the result.
    const third = await eventually(async () => {
      const task = await openTask(draft.id, preReview.elementId);
      if (task.taskKey === againPreReview.taskKey) throw new Error('still the old task');
      return task;
    });
    expect((await json<ApplicationView>(await decide(draft.id, third.taskKey, { decision: 'approve', opinion: '材料齐全，予以受理' }), 200)).status).toBe('in-review');
    const review = await eventually(async () => {
      const task = (await tasks(draft.id)).find((t) => t.taskKey !== third.taskKey);
      if (!task) throw new Error('no review step yet');
      return task;
    });
    const wrongStage = await decide(draft.id, review.taskKey, { decision: 'correct', opinion: '补正', problems: [{ target: { kind: 'other' }, reason: '不可在此补正' }] });
    expect(wrongStage.status).toBe(409);
    await json<ApplicationView>(await decide(draft.id, review.taskKey, { decision: 'approve', opinion: '符合居住证申领条件' }), 200);
    await eventually(async () => {
      if ((await completeDepartmentJobs()) === 0) throw new Error('no department job yet');
    });
    const decided = await eventually(async () => {
      const current = await view(draft.id);
      if (current.status !== 'approved') throw new Error(`still ${current.status}`);
      return current;
    });
    expect(decided).toMatchObject({ result: { outcome: 'approved', remedy: null }, clock: { state: 'stopped' }, actions: { rate: true, withdraw: false } });
    expect(decided.timeline.map((e) => e.kind)).toEqual([
      'created', 'submitted', 'auto-checked', 'correction-requested', 'resubmitted', 'correction-requested', 'resubmitted', 'accepted', 'department-decided', 'approved',
    ]);
    expect((await app.send('POST', `/api/applications/${draft.id}/withdraw`, citizenToken, { reason: '不想办了' })).status).toBe(409);

    // Rating: a bad one needs reasons, opens a rectification the department answers; the citizen sees it.
    const noReason = await app.send('POST', `/api/applications/${draft.id}/rating`, citizenToken, { level: 2 });
    expect(noReason.status).toBe(400);
    const rated = await json<ApplicationView>(await app.send('POST', `/api/applications/${draft.id}/rating`, citizenToken, { level: 2, reasons: ['slow'], comment: '补正了两次' }), 200);
    expect(rated.rating).toMatchObject({ level: 2, reasons: ['slow'], rectification: { status: 'open', department: '/沈阳市/公安局' } });
    expect((await app.send('POST', `/api/applications/${draft.id}/rating`, citizenToken, { level: 5 })).status).toBe(409);
    const open = await json<Rectification[]>(await app.get('/api/rectifications?status=open', approverToken), 200);
    const rectification = open.find((r) => r.caseNumber === caseNumber);
    expect(rectification).toMatchObject({ level: 2, reasons: ['slow'], itemName: '居住证核发' });
    expect(await json<Rectification[]>(await app.get('/api/rectifications', await app.token(otherApprover)), 200)).toEqual([]);
    await json<Rectification>(await app.send('POST', `/api/rectifications/${rectification?.id ?? ''}/answer`, approverToken, { response: '已将补正告知纳入一次性告知清单，避免二次补正' }), 200);
    const answered = await view(draft.id);
    expect(answered.rating?.rectification).toMatchObject({ status: 'answered', response: '已将补正告知纳入一次性告知清单，避免二次补正' });
    expect(answered.timeline.at(-1)).toMatchObject({ kind: 'rectification-answered' });

    // Notifications followed every step.
    const notifications = await json<{ items: { id: string; title: string; caseNumber: string | null }[]; unread: number }>(await app.get('/api/notifications', citizenToken), 200);
    const titles = notifications.items.filter((n) => n.caseNumber === caseNumber).map((n) => n.title);
    expect(titles).toEqual(expect.arrayContaining([expect.stringContaining('申请已提交'), expect.stringContaining('请补正材料'), expect.stringContaining('申请已受理'), expect.stringContaining('办理结果'), expect.stringContaining('评价整改回复')]));
    const unread = notifications.unread;
    expect((await app.send('POST', `/api/notifications/${notifications.items[0]?.id ?? ''}/read`, citizenToken)).status).toBe(204);
    expect((await json<{ unread: number }>(await app.get('/api/notifications', citizenToken), 200)).unread).toBe(unread - 1);

    // The list shows the case as rated; the library shows where files were used.
    const list = await json<{ items: { id: string; rated: boolean; status: string }[] }>(await app.get('/api/applications?status=approved', citizenToken), 200);
    expect(list.items.find((i) => i.id === draft.id)).toMatchObject({ rated: true, status: 'approved' });
    const ratedOnly = await json<{ items: { id: string; rated: boolean }[] }>(await app.get('/api/applications?rated=true', citizenToken), 200);
    expect(ratedOnly.items.map((i) => i.id)).toEqual([draft.id]);
    const notRated = await json<{ items: { id: string }[] }>(await app.get('/api/applications?rated=false', citizenToken), 200);
    expect(notRated.items.map((i) => i.id)).not.toContain(draft.id);
    const library = await json<LibraryFile[]>(await app.get('/api/files', citizenToken), 200);
    expect(library.find((f) => f.id === photo.id)?.usedIn).toEqual([expect.objectContaining({ caseNumber, itemName: '居住证核发', materialName: '近期一寸白底免冠彩色照片' })]);
  });

  it('a pre-review rejection ends the case rejected with the reasons and the legal remedy', async () => {
    const draft = await completeDraft();
    await json<ApplicationView>(await submit(draft.id, 'reject-case-1'), 200);
    const task = await openTask(draft.id);
    await json<ApplicationView>(await decide(draft.id, task.taskKey, { decision: 'reject', opinion: '申请人不在本市居住半年以上' }), 200);
    const rejected = await eventually(async () => {
      const current = await view(draft.id);
      if (current.status !== 'rejected') throw new Error(`still ${current.status}`);
      return current;
    });
    expect(rejected.result).toMatchObject({ outcome: 'rejected', opinion: '申请人不在本市居住半年以上', remedy: expect.stringContaining('行政复议') });
  });

  it('reuses materials on file in the next application, and a citizen may withdraw an undecided case', async () => {
    const draft = await completeDraft();
    await json<ApplicationView>(await submit(draft.id, 'withdraw-case-1'), 200);
    const next = await create();
    expect(next.materials.find((m) => m.materialId === 'id-card')?.files.length).toBe(1);
    const withdrawn = await json<ApplicationView>(await app.send('POST', `/api/applications/${draft.id}/withdraw`, citizenToken, { reason: '信息填写有误，重新申请' }), 200);
    expect(withdrawn).toMatchObject({ status: 'withdrawn', actions: { withdraw: false }, clock: { state: 'stopped' } });
    expect(await tasks(draft.id)).toEqual([]);
    expect((await app.send('POST', `/api/applications/${draft.id}/withdraw`, citizen2Token, { reason: 'not mine' })).status).toBe(404);
  });

  it('refuses to submit a draft whose item was retired since, and keeps the draft', async () => {
    const draft = await completeDraft();
    const adminToken = await app.token(admin);
    expect((await app.send('POST', `/api/catalogue/items/${ITEM}/retire`, adminToken)).status).toBe(200);
    try {
      const refused = await submit(draft.id, 'retired-item-1');
      expect(refused.status).toBe(409);
      expect(await refused.json()).toMatchObject({ code: 'ITEM_NOT_APPLICABLE' });
      expect((await view(draft.id)).status).toBe('draft');
    } finally {
      expect((await app.send('POST', `/api/catalogue/items/${ITEM}/publish`, adminToken)).status).toBe(200);
    }
  });

  it('an enterprise user applies for their company; colleagues of the company see the case, others do not', async () => {
    const token = await app.token(enterprise);
    const draft = await create(token, '210100-XK-00002-B'); // 食品经营许可, enterprises
    expect(draft.company).toEqual({ creditCode: '91210102MA0Q123453', name: '沈阳市和平区味之源餐饮有限公司' });
    expect(draft.formData).toMatchObject({ creditCode: '91210102MA0Q123453', operatorName: '沈阳市和平区味之源餐饮有限公司' });
    expect(draft.prefilled).toEqual(expect.arrayContaining(['creditCode', 'operatorName']));
    const colleagueToken = await app.token(colleague);
    // A colleague's draft stays private; once submitted the case is the company's.
    expect((await app.get(`/api/applications/${draft.id}`, colleagueToken)).status).toBe(404);
    const db = new pg.Client({ connectionString: app.database.url });
    await db.connect();
    await db.query(`UPDATE application SET status = 'submitted', case_number = '210100-20260302-999999' WHERE id = $1`, [draft.id]);
    await db.end();
    expect((await view(draft.id, colleagueToken)).company?.creditCode).toBe('91210102MA0Q123453');
    const list = await json<{ items: { id: string }[] }>(await app.get('/api/applications', colleagueToken), 200);
    expect(list.items.map((i) => i.id)).toContain(draft.id);
    expect((await app.get(`/api/applications/${draft.id}`, citizen2Token)).status).toBe(404);
    // A personal item is the person's own, even for an enterprise user.
    expect((await create(token)).company).toBeNull();
  });

  it('runs the item\'s eligibility rules (DMN) in the automatic pre-review and names the unmet condition', async () => {
    const draft = await create(citizenToken, '210100-GF-00001-H'); // 最低生活保障
    const form = { ...draft.formData, address: '沈阳市和平区北市社区', familySize: 2, monthlyIncome: 3000, reason: '因病致贫', authorised: true, phone: '13800000001' };
    await saveForm(draft.id, form);
    for (const material of draft.materials.filter((m) => m.requirement === 'mandatory')) {
      await attach(draft.id, material.materialId, [(await uploaded(pdf(`${draft.id}-${material.materialId}`), `${material.materialId}.pdf`)).id]);
    }
    const refused = await submit(draft.id, 'eligibility-1');
    expect(refused.status).toBe(422);
    expect((await refused.json() as { errors: { path: string; message: string }[] }).errors).toEqual([
      { path: 'eligibility', message: expect.stringContaining('不低于本市最低生活保障标准') },
    ]);
    await saveForm(draft.id, { ...form, monthlyIncome: 1200 });
    expect((await json<ApplicationView>(await submit(draft.id, 'eligibility-2'), 200)).status).toBe('submitted');
  });
});
