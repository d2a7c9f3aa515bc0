// The case library (办件库, R19) against the real API, real Postgres and the embedded engine: cases
// are created end to end by citizens (draft, materials, submit), then searched and exported by
// supervisors, admins, department admins and approvers, each seeing what their role allows.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApplicationView, CaseTask, MaterialFile } from '@gov/contracts';
import { type RunningEngine, startEngine } from '@gov/engine';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { eventually, json, pdf } from './support.js';
import { startTestApp, type TestApp } from './test-app.js';

const RESIDENCE = '210100-GG-00003-C'; // 居住证核发, 公安局
const BUSINESS = '210100-XK-00001-D'; // 个体工商户设立登记, 市场监督管理局
const PSB = '/沈阳市/公安局';
const AMR = '/沈阳市/市场监督管理局';

const staff = (sub: string, roles: string[], groups: string[]) => ({ sub, preferred_username: sub, name: sub, realm_access: { roles }, groups, idNumber: undefined });
const citizen2 = { sub: 'c0a80101-0000-4000-8000-000000000002', preferred_username: 'citizen2', name: '李娜', idNumber: '210103199007182463' };
const people = {
  admin: staff('admin1', ['admin'], []),
  supervisor: staff('supervisor1', ['supervisor'], ['/沈阳市/政务服务办公室']),
  approverPsb: staff('approver-psb', ['approver'], [PSB]),
  approverAmr: staff('approver-amr', ['approver'], [AMR]),
  deptAdminAmr: staff('deptadmin-amr', ['dept-admin'], [AMR]),
  approverWithoutDepartment: staff('approver-none', ['approver'], []),
  clerk: staff('clerk1', ['clerk'], ['/沈阳市/和平区/太原街街道']),
  designer: staff('designer1', ['designer'], ['/沈阳市/政务服务办公室']),
};

const png = (tag: string) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`IHDR-${tag}`)]);

const forms: Record<string, Record<string, unknown>> = {
  [RESIDENCE]: { address: '沈阳市和平区太原街1号', residentSince: '2025-06-01', basis: 'employment', delivery: 'counter', phone: '13800000000' },
  [BUSINESS]: {
    operatorName: '张伟', operatorIdNumber: '210102199003071233', phone: '13800000001', businessName: '张记小吃店', organisationForm: 'individual', businessScope: '小吃服务', premisesAddress: '沈阳市和平区中华路2号',
    capital: 50000, employees: 2,
  },
};

interface CaseRow { id: string; caseNumber: string; itemCode: string; itemName: string; agencyName: string; applicantName: string; applicantIdNumberMasked: string; status: string; submittedAt: string | null; decidedAt: string | null; dueDate: string | null }
interface CasePage { items: CaseRow[]; total: number; page: number; pageSize: number }

const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe('case library (/api/cases)', () => {
  let engineDb: TestDatabase;
  let engine: RunningEngine;
  let app: TestApp;
  let storageDir: string;
  const tokens: Record<string, string> = {};
  /** Cases made in beforeAll: two residence permits (citizen1, citizen2) and a business registration (citizen1). */
  let residence1: ApplicationView;
  let residence2: ApplicationView;
  let business: ApplicationView;

  const search = async (query: string, who = 'admin') =>
    json<CasePage>(await app.get(`/api/cases${query}`, tokens[who] ?? who), 200);
  const numbers = (page: CasePage) => page.items.map((i) => i.caseNumber).sort();

  /** A citizen fills the form, uploads every mandatory material and submits: a real case with a process instance. */
  async function submitCase(token: string, itemCode: string, tag: string): Promise<ApplicationView> {
    const draft = await json<ApplicationView>(await app.send('POST', '/api/applications', token, { itemCode }), 201);
    const form = { ...draft.formData, ...forms[itemCode] };
    await json<ApplicationView>(await app.send('PUT', `/api/applications/${draft.id}/form`, token, { formData: form }), 200);
    for (const material of draft.materials.filter((m) => m.requirement === 'mandatory')) {
      const body = new FormData();
      const content = material.materialId === 'photo' ? png(`${tag}-${draft.id}`) : pdf(`${tag}-${draft.id}-${material.materialId}`);
      body.append('file', new Blob([content]), `${material.materialId}.pdf`);
      const file = await json<MaterialFile>(await fetch(`${app.baseUrl}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body }), 201);
      await json<ApplicationView>(await app.send('PUT', `/api/applications/${draft.id}/materials/${material.materialId}`, token, { fileIds: [file.id] }), 200);
    }
    const submitted = await fetch(`${app.baseUrl}/api/applications/${draft.id}/submit`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'idempotency-key': `library-${tag}` } });
    return json<ApplicationView>(submitted, 200);
  }

  beforeAll(async () => {
    engineDb = await createTestDatabase();
    engine = await startEngine({ databaseUrl: engineDb.url, grpcPort: 0, restPort: 0 });
    storageDir = mkdtempSync(path.join(os.tmpdir(), 'gov-library-'));
    app = await startTestApp({ env: { ZEEBE_GRPC_ADDRESS: engine.grpcAddress, ZEEBE_REST_ADDRESS: engine.restAddress, STORAGE_DIR: storageDir } });
    for (const [who, claims] of Object.entries(people)) tokens[who] = await app.token(claims);
    tokens.citizen1 = await app.token();
    tokens.citizen2 = await app.token(citizen2);
    residence1 = await submitCase(tokens.citizen1, RESIDENCE, 'r1');
    business = await submitCase(tokens.citizen1, BUSINESS, 'b1');
    residence2 = await submitCase(tokens.citizen2, RESIDENCE, 'r2');
  });

  afterAll(async () => {
    await app?.close();
    await engine?.stop();
    await engineDb?.drop();
    if (storageDir) rmSync(storageDir, { recursive: true, force: true });
  });

  it('shows supervisors and admins every case, newest first, with item, agency, masked applicant and dates', async () => {
    for (const who of ['admin', 'supervisor'] as const) {
      const page = await search('', who);
      expect(page.total).toBe(3);
      expect(page.items.map((i) => i.caseNumber)).toEqual([residence2.caseNumber, business.caseNumber, residence1.caseNumber]);
    }
    const row = (await search(`?caseNumber=${residence1.caseNumber ?? ''}`)).items[0];
    expect(row).toMatchObject({
      id: residence1.id, caseNumber: residence1.caseNumber, itemCode: RESIDENCE, itemName: '居住证核发', agencyName: '沈阳市公安局', applicantName: '张伟',
      applicantIdNumberMasked: residence1.applicant.idNumberMasked, status: 'submitted', decidedAt: null, dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(row?.applicantIdNumberMasked).not.toContain('199003071');
    expect(Date.parse(row?.submittedAt ?? '')).not.toBeNaN();
  });

  it('shows department admins and approvers only the cases of their departments, and another department\'s approver cannot open a case', async () => {
    expect(numbers(await search('', 'approverPsb'))).toEqual([residence1.caseNumber, residence2.caseNumber].sort());
    expect(numbers(await search('', 'approverAmr'))).toEqual([business.caseNumber]);
    expect(numbers(await search('', 'deptAdminAmr'))).toEqual([business.caseNumber]);
    expect(await search('', 'approverWithoutDepartment')).toMatchObject({ items: [], total: 0 });
    // asking for another department's cases by name finds nothing either
    expect((await search(`?department=${encodeURIComponent(PSB)}`, 'approverAmr')).total).toBe(0);
    expect((await search(`?caseNumber=${residence1.caseNumber ?? ''}`, 'approverAmr')).total).toBe(0);
    // opening a case goes through GET /api/applications/{id}, which applies the same rule
    expect((await app.get(`/api/applications/${residence1.id}`, tokens.approverAmr)).status).toBe(404);
    expect((await json<ApplicationView>(await app.get(`/api/applications/${residence1.id}`, tokens.approverPsb), 200)).caseNumber).toBe(residence1.caseNumber);
  });

  it('finds cases by the applicant\'s ID number exactly, by part of a case number, item, department, status and submission dates', async () => {
    expect(numbers(await search('?idNumber=210103199007182463'))).toEqual([residence2.caseNumber]);
    expect(numbers(await search('?idNumber=210102199003071233'))).toEqual([business.caseNumber, residence1.caseNumber].sort());
    expect((await search('?idNumber=210102199003071234')).total).toBe(0); // one digit off: no partial matches on ID numbers
    const badId = await app.get('/api/cases?idNumber=2101021990', tokens.admin);
    expect(badId.status).toBe(400);
    expect(await badId.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'idNumber' }] });

    expect(numbers(await search(`?caseNumber=${(residence2.caseNumber ?? '').slice(-6)}`))).toEqual([residence2.caseNumber]);
    expect(numbers(await search(`?itemCode=${BUSINESS}`))).toEqual([business.caseNumber]);
    expect(numbers(await search(`?department=${encodeURIComponent(AMR)}`))).toEqual([business.caseNumber]);

    const today = chinaToday();
    expect((await search(`?submittedFrom=${today}&submittedTo=${today}`)).total).toBe(3);
    expect((await search('?submittedTo=2020-01-31')).total).toBe(0);
    expect((await app.get(`/api/cases?submittedFrom=${today}&submittedTo=2020-01-01`, tokens.admin)).status).toBe(400);

    // the police reject the second residence permit at pre-review; the status filter finds it
    const task = await eventually(async () => {
      const open = await json<CaseTask[]>(await app.get(`/api/applications/${residence2.id}/tasks`, tokens.approverPsb), 200);
      if (!open[0]) throw new Error('no pre-review step yet');
      return open[0];
    });
    await json(await app.send('POST', `/api/applications/${residence2.id}/tasks/${task.taskKey}/decision`, tokens.approverPsb ?? null, { decision: 'reject', opinion: '不符合居住证申领条件' }), 200);
    const rejected = await eventually(async () => {
      const page = await search('?status=rejected');
      if (page.total !== 1) throw new Error('not rejected yet');
      return page.items[0];
    });
    expect(rejected).toMatchObject({ caseNumber: residence2.caseNumber, status: 'rejected', decidedAt: expect.any(String) });
    expect((await app.get('/api/cases?status=draft', tokens.admin)).status).toBe(400); // drafts are not cases
  });

  it('pages through the results', async () => {
    const first = await search('?pageSize=2');
    const second = await search('?pageSize=2&page=2');
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(second.items).toHaveLength(1);
    expect([...first.items, ...second.items].map((i) => i.caseNumber)).toEqual([residence2.caseNumber, business.caseNumber, residence1.caseNumber]);
  });

  it('exports the same search as CSV that Excel opens as UTF-8, in the caller\'s scope', async () => {
    const response = await app.get(`/api/cases/export.csv?itemCode=${RESIDENCE}`, tokens.admin);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="cases-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('办件编号,事项编码,事项名称,实施机关,申请人,申请人身份证号（脱敏）,申请单位,统一社会信用代码,办件状态,提交时间,办结时间,法定办结期限');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`${residence2.caseNumber},${RESIDENCE},居住证核发,沈阳市公安局,李娜,${residence2.applicant.idNumberMasked},,,已办结（不予办理）,`);
    expect(lines[2]).toMatch(new RegExp(`^${residence1.caseNumber},.*,张伟,.*,已提交，待受理,\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2},,\\d{4}-\\d{2}-\\d{2}$`));
    expect(bytes.toString('utf8')).not.toContain('210102199003071233');

    const amrExport = await (await app.get('/api/cases/export.csv', tokens.approverAmr)).text();
    expect(amrExport).toContain(business.caseNumber ?? 'missing');
    expect(amrExport).not.toContain(residence1.caseNumber ?? 'missing');
    expect((await app.get('/api/cases/export.csv?page=2', tokens.admin)).status).toBe(400);
  });

  it('refuses an export larger than 10 000 cases and asks to narrow the filters', async () => {
    // given more cases than one export holds (copies of a real case with their own numbers)
    const db = new pg.Client({ connectionString: app.database.url });
    await db.connect();
    try {
      await db.query(`
        INSERT INTO application (id, case_number, item_code, item_revision, item_name, agency_path, agency_name, departments, applicant_subject, applicant_name,
          applicant_id_number, status, form_data, created_at, updated_at, submitted_at)
        SELECT gen_random_uuid(), 'BULK-' || n, item_code, item_revision, item_name, agency_path, agency_name, departments, applicant_subject, applicant_name,
          applicant_id_number, 'in-review', '{}', created_at, updated_at, submitted_at - interval '1 day'
        FROM application, generate_series(1, 10001) AS n WHERE id = $1`, [business.id]);
    } finally {
      await db.end();
    }
    const refused = await app.get('/api/cases/export.csv', tokens.admin);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ code: 'EXPORT_TOO_LARGE', detail: expect.stringContaining('10004 cases match') });
    // a narrower export still works, and the search pages through all of them
    expect((await app.get(`/api/cases/export.csv?itemCode=${RESIDENCE}`, tokens.admin)).status).toBe(200);
    expect((await search('?pageSize=1')).total).toBe(10_004);
  });

  it('is for supervisors, admins, department admins and approvers only', async () => {
    for (const who of ['citizen1', 'clerk', 'designer'] as const) {
      expect((await app.get('/api/cases', tokens[who])).status, who).toBe(403);
      expect((await app.get('/api/cases/export.csv', tokens[who])).status, who).toBe(403);
    }
    expect((await app.get('/api/cases')).status).toBe(401);
    expect((await app.get('/api/cases/export.csv')).status).toBe(401);
  });
});
