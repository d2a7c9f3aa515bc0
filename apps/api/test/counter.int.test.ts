// Counters (R14, R15), end to end on the real API, Postgres and engine: a community clerk accepts
// the minimum living allowance for a walk-in citizen (looked up by ID number, materials scanned
// into the citizen's library, pre-reviewed on the spot), the case flows to the street office and
// the district bureau in their inboxes, and the result is handed back at the same window. The
// citizen follows the case online; other centres see none of it.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ApplicationView, type CounterCasePage, type CounterPerson, idNumberCheckChar, type InboxPage, type MaterialFile, type TaskForm } from '@gov/contracts';
import { FakeClock, type RunningEngine, startEngine } from '@gov/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { eventually, json, pdf } from './support.js';
import { startTestApp, type TestApp } from './test-app.js';

const ALLOWANCE = '210100-GF-00001-H'; // 最低生活保障: community and street windows accept it
const RESTAURANT = '210100-GG-00001-G'; // not accepted at community windows
const COMMUNITY = '/沈阳市/和平区/太原街街道/北市社区';
const STREET = '/沈阳市/和平区/太原街街道';
const first17 = '21010219560815123';
const WALK_IN = `${first17}${idNumberCheckChar(first17)}`;

const staff = (username: string, role: string, group: string) => ({ sub: `sub-${username}`, preferred_username: username, name: username, realm_access: { roles: [role] }, groups: [group], idNumber: undefined });

describe('counter acceptance: community window → street → district → hand-back', () => {
  // The engine's clock is fake so that the seven-day public notice passes at once; every wait below
  // moves it a second on, so that retry back-offs of listener jobs (which fail while a submission
  // has not committed yet) run out as they would.
  const clock = new FakeClock(Date.now());
  const waitFor = <T>(check: () => Promise<T>, step = 1000) => eventually(async () => {
    clock.advance(step);
    return check();
  });
  let engineDb: TestDatabase;
  let engine: RunningEngine;
  let app: TestApp;
  let storageDir: string;
  let clerk: string;
  let otherClerk: string;

  beforeAll(async () => {
    engineDb = await createTestDatabase();
    engine = await startEngine({ databaseUrl: engineDb.url, grpcPort: 0, restPort: 0, clock });
    storageDir = mkdtempSync(path.join(os.tmpdir(), 'gov-counter-'));
    app = await startTestApp({ env: { ZEEBE_GRPC_ADDRESS: engine.grpcAddress, ZEEBE_REST_ADDRESS: engine.restAddress, STORAGE_DIR: storageDir, LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent' } });
    clerk = await app.token(staff('clerk-community', 'clerk', COMMUNITY));
    otherClerk = await app.token(staff('clerk1', 'clerk', STREET));
  });

  afterAll(async () => {
    await app?.close();
    await engine?.stop();
    await engineDb?.drop();
    rmSync(storageDir, { recursive: true, force: true });
  });

  const scan = async (applicationId: string, tag: string, token = clerk) => {
    const body = new FormData();
    body.append('file', new Blob([new Uint8Array(pdf(tag))]), `${tag}.pdf`);
    return fetch(`${app.baseUrl}/api/files?applicationId=${applicationId}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body });
  };

  it('looks the citizen up by a checked ID number and refuses items the centre does not accept', async () => {
    const person = await json<CounterPerson>(await app.get(`/api/counter/people/${WALK_IN}`, clerk), 200);
    expect(person).toEqual({ idNumberMasked: expect.stringMatching(/^210102\*+/), name: null, phone: null, hasAccount: false, openCases: 0 });
    const bad = await app.get('/api/counter/people/210102195608151230', clerk);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const citizen = await app.token();
    expect((await app.get(`/api/counter/people/${WALK_IN}`, citizen)).status).toBe(403);
    const refused = await app.send('POST', '/api/counter/applications', clerk, { itemCode: RESTAURANT, applicant: { idNumber: WALK_IN, name: '刘秀英' } });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'NOT_ACCEPTED_AT_THIS_COUNTER' });
  });

  it('accepts for a walk-in citizen, flows to street and district, hands the result back, and the citizen sees it online', async () => {
    const draft = await json<ApplicationView>(await app.send('POST', '/api/counter/applications', clerk, { itemCode: ALLOWANCE, applicant: { idNumber: WALK_IN, name: '刘秀英', phone: '13900000007' } }), 201);
    expect(draft).toMatchObject({ status: 'draft', counter: { centre: COMMUNITY, centreName: '和平区太原街街道北市社区', clerk: 'clerk-community' }, actions: { edit: true, submit: true } });
    expect(draft.prefilled).toEqual(expect.arrayContaining(['phone']));
    // Another centre's clerk sees nothing of it.
    expect((await app.get(`/api/applications/${draft.id}`, otherClerk)).status).toBe(404);
    expect((await scan(draft.id, 'foreign', otherClerk)).status).toBe(404);
    expect((await json<CounterCasePage>(await app.get('/api/counter/cases?status=drafts', otherClerk), 200)).items).toEqual([]);
    expect((await json<CounterCasePage>(await app.get('/api/counter/cases?status=drafts', clerk), 200)).items.map((c) => c.id)).toEqual([draft.id]);

    // The clerk fills in the form and scans one material; the on-the-spot pre-review lists every missing one.
    const form = { ...draft.formData, address: '沈阳市和平区北市社区3号', familySize: 2, monthlyIncome: 900, reason: '因病致贫', authorised: true };
    await json(await app.send('PUT', `/api/applications/${draft.id}/form`, clerk, { formData: form }), 200);
    const mandatory = draft.materials.filter((m) => m.requirement === 'mandatory');
    const [firstMaterial, ...rest] = mandatory;
    const scanned = await json<MaterialFile>(await scan(draft.id, 'first'), 201);
    await json(await app.send('PUT', `/api/applications/${draft.id}/materials/${firstMaterial?.materialId ?? ''}`, clerk, { fileIds: [scanned.id] }), 200);
    const precheck = await json<{ problems: { path: string }[] }>(await app.get(`/api/applications/${draft.id}/precheck`, clerk), 200);
    expect(precheck.problems.map((p) => p.path).sort()).toEqual(rest.map((m) => `materials.${m.materialId}`).sort());
    const notice = await app.get(`/api/applications/${draft.id}/precheck-notice.pdf`, clerk);
    expect(notice.status).toBe(200);
    expect(Buffer.from(await notice.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    // Submitting with problems is refused and keeps everything typed and scanned.
    expect((await app.send('POST', `/api/applications/${draft.id}/submit`, clerk)).status).toBe(422);
    for (const material of rest) {
      const file = await json<MaterialFile>(await scan(draft.id, material.materialId), 201);
      await json(await app.send('PUT', `/api/applications/${draft.id}/materials/${material.materialId}`, clerk, { fileIds: [file.id] }), 200);
    }
    const accepted = await json<ApplicationView>(await app.send('POST', `/api/applications/${draft.id}/submit`, clerk), 200);
    expect(accepted.status).toBe('in-review');
    expect(accepted.timeline.map((e) => e.kind)).toEqual(['created', 'submitted', 'auto-checked', 'accepted']);
    const receipt = await app.get(`/api/applications/${draft.id}/receipt.pdf`, clerk);
    expect(receipt.status).toBe(200);
    const caseNumber = accepted.caseNumber ?? '';

    // 材料网上流转: the street office, then the district bureau, each in its own inbox.
    const decideIn = async (group: string, username: string, formData?: Record<string, unknown>) => {
      const token = await app.token(staff(username, 'approver', group));
      const task = await waitFor(async () => {
        const found = (await json<InboxPage>(await app.get(`/api/inbox/tasks?caseNumber=${caseNumber}`, token), 200)).items[0];
        if (!found) throw new Error(`nothing for ${group} yet`);
        return found;
      });
      // Staff of every department the case reaches may read its file.
      expect((await app.get(`/api/applications/${draft.id}`, token)).status).toBe(200);
      return { task, token, response: await app.send('POST', `/api/inbox/tasks/${task.taskKey}/decision`, token, { decision: 'approve', opinion: `${username} 同意`, ...(formData ? { formData } : {}) }) };
    };
    // The street's step links the household survey form (入户调查记录): approving needs it filled in.
    const street = await decideIn(STREET, 'approver-street');
    expect(street.task).toMatchObject({ elementId: 'street-review', stage: 'approval' });
    const surveyForm = await json<TaskForm>(await app.get(`/api/inbox/tasks/${street.task.taskKey}/form`, street.token), 200);
    expect(surveyForm).toMatchObject({ formId: 'household-survey', schema: expect.objectContaining({ id: 'household-survey' }) });
    const unfilled = await json<{ code: string; errors: { path: string }[] }>(street.response, 400);
    expect(unfilled.code).toBe('VALIDATION_FAILED');
    expect(unfilled.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['formData.surveyDate', 'formData.householdMembers', 'formData.verifiedMonthlyIncome', 'formData.livingConditions']));
    const survey = { surveyDate: '2026-11-20', householdMembers: 3, verifiedMonthlyIncome: 1200, livingConditions: '租住平房，无固定收入', neighboursConsulted: true };
    // Only the form's own fields.
    const stray = await json<{ errors: { path: string }[] }>(await app.send('POST', `/api/inbox/tasks/${street.task.taskKey}/decision`, street.token, { decision: 'approve', formData: { ...survey, caseNumber: 'x' } }), 400);
    expect(stray.errors.map((e) => e.path)).toEqual(['formData.caseNumber']);
    // The survey date is a date (the form's date picker), not any text.
    const badDate = await json<{ errors: { path: string }[] }>(await app.send('POST', `/api/inbox/tasks/${street.task.taskKey}/decision`, street.token, { decision: 'approve', formData: { ...survey, surveyDate: '20.11.2026' } }), 400);
    expect(badDate.errors.map((e) => e.path)).toEqual(['formData.surveyDate']);
    await json(await app.send('POST', `/api/inbox/tasks/${street.task.taskKey}/decision`, street.token, { decision: 'approve', opinion: '入户调查属实', formData: survey }), 200);
    // Recorded for staff in the case history (not for the applicant).
    const recorded = await json<ApplicationView>(await app.get(`/api/applications/${draft.id}`, street.token), 200);
    expect(recorded.timeline.map((e) => e.text)).toContainEqual(expect.stringContaining('核实的共同生活家庭成员人数：3；核实的家庭月收入（元）：1200'));
    // A step that links no form takes no form values.
    const districtToken = await app.token(staff('approver-ca', 'approver', '/沈阳市/和平区/民政局'));
    const districtTask = await waitFor(async () => {
      const found = (await json<InboxPage>(await app.get(`/api/inbox/tasks?caseNumber=${caseNumber}`, districtToken), 200)).items[0];
      if (!found) throw new Error('nothing for the district yet');
      return found;
    });
    expect(await json<TaskForm>(await app.get(`/api/inbox/tasks/${districtTask.taskKey}/form`, districtToken), 200)).toEqual({ formId: null, schema: null });
    expect((await app.send('POST', `/api/inbox/tasks/${districtTask.taskKey}/decision`, districtToken, { decision: 'approve', formData: { x: 1 } })).status).toBe(400);
    const district = await decideIn('/沈阳市/和平区/民政局', 'approver-ca');
    expect(district.task.elementId).toBe('district-approve');
    await json(district.response, 200);
    // 基层窗口反馈: after the seven-day public notice (a day passes per look), the result waits at the accepting window.
    const waiting = await waitFor(async () => {
      const page = await json<CounterCasePage>(await app.get('/api/counter/cases?status=awaiting-hand-back', clerk), 200);
      const found = page.items.find((c) => c.id === draft.id);
      if (!found?.handBackTaskKey) throw new Error('no hand-back step yet');
      return found;
    }, 24 * 3600_000);
    expect(waiting).toMatchObject({ status: 'approved', applicantName: '刘秀英' });
    const handBackTask = waiting.handBackTaskKey ?? '';
    // Only that centre hands it back, only as a hand-over (not a decision), and only with the ID checked.
    expect((await app.send('POST', `/api/inbox/tasks/${handBackTask}/hand-back`, otherClerk, { receivedBy: '刘秀英', idChecked: true })).status).toBe(404);
    expect(await (await app.send('POST', `/api/inbox/tasks/${handBackTask}/decision`, clerk, { decision: 'approve' })).json()).toMatchObject({ code: 'HAND_BACK_STEP' });
    expect((await app.send('POST', `/api/inbox/tasks/${handBackTask}/hand-back`, clerk, { receivedBy: '刘秀英', idChecked: false })).status).toBe(400);
    const handedBack = await json<ApplicationView>(await app.send('POST', `/api/inbox/tasks/${handBackTask}/hand-back`, clerk, { receivedBy: '刘秀英', idChecked: true, note: '本人领取' }), 200);
    expect(handedBack.counter?.handedBackAt).toEqual(expect.any(String));
    expect(handedBack.timeline.at(-1)).toMatchObject({ kind: 'handed-back', department: COMMUNITY, text: expect.stringContaining('领取人：刘秀英') });
    expect((await app.send('POST', `/api/inbox/tasks/${handBackTask}/hand-back`, clerk, { receivedBy: '刘秀英', idChecked: true })).status).toBe(409);
    await waitFor(async () => {
      const done = await json<CounterCasePage>(await app.get('/api/counter/cases?status=done', clerk), 200);
      if (!done.items.some((c) => c.id === draft.id)) throw new Error('not done yet');
    });

    // R15: the same case online. The citizen signs up later with this ID number and finds it in "my cases".
    const citizen = await app.token({ sub: 'later-account', preferred_username: 'liuxiuying', name: '刘秀英', realm_access: { roles: ['citizen'] }, groups: [], idNumber: WALK_IN });
    const mine = await json<{ items: { id: string; counter: unknown }[] }>(await app.get('/api/applications', citizen), 200);
    expect(mine.items.map((i) => i.id)).toEqual([draft.id]);
    const online = await json<ApplicationView>(await app.get(`/api/applications/${draft.id}`, citizen), 200);
    expect(online).toMatchObject({ status: 'approved', actions: { edit: false, rate: true } });
    // The street's household survey figures are for staff only.
    expect(online.timeline.map((e) => e.text ?? '').join('\n')).not.toContain('核实的家庭月收入');
    // The clerk cannot rate or withdraw for the citizen; the citizen can rate the counter's service.
    expect((await app.send('POST', `/api/applications/${draft.id}/rating`, clerk, { level: 5 })).status).toBe(403);
    await json(await app.send('POST', `/api/applications/${draft.id}/rating`, citizen, { level: 5, channel: 'counter' }), 200);
    // The walk-in citizen is known at the window now.
    expect(await json<CounterPerson>(await app.get(`/api/counter/people/${WALK_IN}`, clerk), 200)).toMatchObject({ name: '刘秀英', phone: '13900000007', hasAccount: false, openCases: 0 });
  });
});
