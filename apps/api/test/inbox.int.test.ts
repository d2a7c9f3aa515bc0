// The shared inbox against the real API, Postgres and the embedded engine: the seed models' task
// listeners keep the inbox table in step (created, claimed, decided, canceled), and every action is
// limited to the task's departments.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApplicationView, InboxPage, InboxTask, MaterialFile, SupervisionNotice, SupervisionOverview } from '@gov/contracts';
import pg from 'pg';
import { type RunningEngine, startEngine } from '@gov/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { InboxSyncWorker } from '../src/modules/inbox/inbox-sync.worker.js';
import { eventually, json, pdf } from './support.js';
import { startTestApp, type TestApp } from './test-app.js';

const ITEM = '210100-GG-00003-C'; // 居住证核发, 公安局
const psb = (sub: string, username: string, roles = ['approver']) => ({ sub, preferred_username: username, name: username, realm_access: { roles }, groups: ['/沈阳市/公安局'], idNumber: undefined });
const amr = { sub: 'approver-amr', preferred_username: 'approver-amr', realm_access: { roles: ['approver'] }, groups: ['/沈阳市/市场监督管理局'], idNumber: undefined };
const supervisor = { sub: 'supervisor-1', preferred_username: 'supervisor1', realm_access: { roles: ['supervisor'] }, groups: ['/沈阳市/政务服务办公室'], idNumber: undefined };
const form = { name: '张伟', idNumber: '210102199003071233', address: '沈阳市和平区太原街1号', residentSince: '2025-06-01', basis: 'employment', delivery: 'counter', phone: '13800000000' };

describe('shared inbox (/api/inbox/tasks)', () => {
  let engineDb: TestDatabase;
  let engine: RunningEngine;
  let app: TestApp;
  let storageDir: string;
  let citizen: string;
  let chen: string;
  let zhou: string;

  const inbox = async (token: string, query = '') => json<InboxPage>(await app.get(`/api/inbox/tasks?${query}`, token), 200);
  const action = (token: string, key: string, verb: string, body?: unknown) => app.send('POST', `/api/inbox/tasks/${key}/${verb}`, token, body ?? {});

  /** A submitted residence-permit case; returns its id and case number. */
  async function submittedCase(tag: string): Promise<{ id: string; caseNumber: string }> {
    const draft = await json<ApplicationView>(await app.send('POST', '/api/applications', citizen, { itemCode: ITEM }), 201);
    await json(await app.send('PUT', `/api/applications/${draft.id}/form`, citizen, { formData: form }), 200);
    for (const material of draft.materials.filter((m) => m.requirement === 'mandatory')) {
      const body = new FormData();
      body.append('file', new Blob([new Uint8Array(pdf(`${tag}-${material.materialId}`))]), `${material.materialId}.pdf`);
      const file = await json<MaterialFile>(await fetch(`${app.baseUrl}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${citizen}` }, body }), 201);
      await json(await app.send('PUT', `/api/applications/${draft.id}/materials/${material.materialId}`, citizen, { fileIds: [file.id] }), 200);
    }
    const submitted = await json<ApplicationView>(await app.send('POST', `/api/applications/${draft.id}/submit`, citizen), 200);
    return { id: draft.id, caseNumber: submitted.caseNumber ?? '' };
  }

  /** The open task of a case in a view, once the listener has put it there. */
  const taskOf = (token: string, caseNumber: string, elementId: string, view = 'department') => eventually(async () => {
    const task = (await inbox(token, `view=${view}&caseNumber=${caseNumber}`)).items.find((t) => t.elementId === elementId);
    if (!task) throw new Error(`no ${elementId} of ${caseNumber} in ${view} yet`);
    return task;
  });

  beforeAll(async () => {
    engineDb = await createTestDatabase();
    engine = await startEngine({ databaseUrl: engineDb.url, grpcPort: 0, restPort: 0 });
    storageDir = mkdtempSync(path.join(os.tmpdir(), 'gov-inbox-'));
    // The deadline watcher scans every second here (a minute by default).
    app = await startTestApp({ env: { ZEEBE_GRPC_ADDRESS: engine.grpcAddress, ZEEBE_REST_ADDRESS: engine.restAddress, STORAGE_DIR: storageDir, DEADLINE_SCAN_SECONDS: '1' } });
    citizen = await app.token();
    chen = await app.token(psb('approver-psb', 'approver-psb'));
    zhou = await app.token(psb('approver-psb-2', 'zhou-psb'));
  });

  afterAll(async () => {
    await app?.close();
    await engine?.stop();
    await engineDb?.drop();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('puts a submitted case\'s pre-review in its department\'s inbox, with the case, the applicant and the statutory due date', async () => {
    const { caseNumber } = await submittedCase('listed');
    const task = await taskOf(chen, caseNumber, 'pre-review');
    expect(task).toMatchObject({ state: 'open', stage: 'pre-review', name: '受理预审', assignee: null, candidateGroups: ['/沈阳市/公安局'], itemCode: ITEM, itemName: '居住证核发', applicantName: '张伟' });
    expect(Date.parse(task.dueAt ?? '')).toBeGreaterThan(Date.now());
    // Another department sees nothing of it; a supervisor sees it across departments.
    const other = await app.token(amr);
    expect((await inbox(other, `caseNumber=${caseNumber}`)).items).toEqual([]);
    expect((await app.get(`/api/inbox/tasks/${task.taskKey}`, other)).status).toBe(404);
    expect((await action(other, task.taskKey, 'claim')).status).toBe(404);
    expect((await inbox(await app.token(supervisor), `caseNumber=${caseNumber}`)).items.map((t) => t.taskKey)).toEqual([task.taskKey]);
    // Citizens have no inbox.
    expect((await app.get('/api/inbox/tasks', citizen)).status).toBe(403);
  });

  it('claim takes a task out of the shared view; a colleague can neither claim nor decide it; unclaim gives it back', async () => {
    const { caseNumber } = await submittedCase('claimed');
    const task = await taskOf(chen, caseNumber, 'pre-review');
    expect(await json<InboxTask>(await action(chen, task.taskKey, 'claim'), 200)).toMatchObject({ assignee: 'approver-psb' });
    expect(await inbox(chen, `view=mine&caseNumber=${caseNumber}`)).toMatchObject({ items: [expect.objectContaining({ taskKey: task.taskKey })], total: 1, totalCapped: false });
    expect((await inbox(zhou, `view=department&caseNumber=${caseNumber}`)).items).toEqual([]);
    const taken = await action(zhou, task.taskKey, 'claim');
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ code: 'TASK_TAKEN', detail: expect.stringContaining('approver-psb') });
    expect((await action(zhou, task.taskKey, 'decision', { decision: 'approve' })).status).toBe(409);
    expect((await action(zhou, task.taskKey, 'unclaim')).status).toBe(403);
    expect(await json<InboxTask>(await action(chen, task.taskKey, 'unclaim'), 200)).toMatchObject({ assignee: null });
    expect((await inbox(zhou, `view=department&caseNumber=${caseNumber}`)).items.map((t) => t.taskKey)).toEqual([task.taskKey]);
  });

  it('a department admin assigns a task to a colleague, who decides it; the next step arrives and the decided one is in "participated"', async () => {
    const { id, caseNumber } = await submittedCase('assigned');
    const task = await taskOf(chen, caseNumber, 'pre-review');
    expect((await action(chen, task.taskKey, 'assign', { assignee: 'zhou-psb' })).status).toBe(403);
    const admin = await app.token(psb('deptadmin-psb', 'deptadmin-psb', ['dept-admin']));
    expect(await json<InboxTask>(await action(admin, task.taskKey, 'assign', { assignee: 'zhou-psb' }), 200)).toMatchObject({ assignee: 'zhou-psb' });
    const decided = await json<ApplicationView>(await action(zhou, task.taskKey, 'decision', { decision: 'approve', opinion: '予以受理' }), 200);
    expect(decided).toMatchObject({ id, status: 'in-review' });
    const review = await taskOf(chen, caseNumber, 'review');
    expect(review.stage).toBe('approval');
    await eventually(async () => {
      const past = await inbox(zhou, `view=participated&caseNumber=${caseNumber}`);
      expect(past.items).toEqual([expect.objectContaining({ taskKey: task.taskKey, state: 'completed' })]);
    });
    // Deciding a finished task again is refused, not repeated.
    expect((await action(zhou, task.taskKey, 'decision', { decision: 'approve' })).status).toBe(409);
    // Through the case's own route too: the step has ended, so 409 rather than "not found".
    const again = await app.send('POST', `/api/applications/${id}/tasks/${task.taskKey}/decision`, zhou, { decision: 'approve' });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'TASK_ALREADY_DECIDED' });
  });

  it('a decided step leaves the lists at once, not when the engine\'s completing listener comes round', async () => {
    const { caseNumber } = await submittedCase('closed-at-once');
    const task = await taskOf(chen, caseNumber, 'pre-review');
    // Hold back the listener jobs (as a busy moment would): the list the approver goes back to must
    // still not offer the step they just decided.
    const sync = app.provider(InboxSyncWorker);
    await sync.onApplicationShutdown();
    try {
      await json(await action(chen, task.taskKey, 'decision', { decision: 'approve', opinion: '予以受理' }), 200);
      expect(await json<InboxTask>(await app.get(`/api/inbox/tasks/${task.taskKey}`, chen), 200)).toMatchObject({ state: 'completed' });
      expect((await inbox(chen, `view=department&caseNumber=${caseNumber}`)).items).toEqual([]);
      expect((await inbox(chen, `view=participated&caseNumber=${caseNumber}`)).items.map((t) => t.taskKey)).toEqual([task.taskKey]);
    } finally {
      sync.onApplicationBootstrap();
    }
    // The listener's own report changes nothing more; the next step arrives as usual.
    expect((await taskOf(chen, caseNumber, 'review')).stage).toBe('approval');
    expect(await json<InboxTask>(await app.get(`/api/inbox/tasks/${task.taskKey}`, chen), 200)).toMatchObject({ state: 'completed' });
  });

  it('two approvers deciding the same task at once: one wins, the other is refused, the case moves once', async () => {
    const { id, caseNumber } = await submittedCase('race');
    const task = await taskOf(chen, caseNumber, 'pre-review');
    const answers = await Promise.all([
      action(chen, task.taskKey, 'decision', { decision: 'approve', opinion: '甲' }),
      action(zhou, task.taskKey, 'decision', { decision: 'reject', opinion: '乙不同意' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const view = await json<ApplicationView>(await app.get(`/api/applications/${id}`, chen), 200);
    expect(view.timeline.filter((e) => e.kind === 'accepted' || e.kind === 'department-decided')).toHaveLength(1);
  });

  it('two approvers deciding the same approval step at once (the case status stays): the engine refuses the second, whose record is rolled back', async () => {
    const { id, caseNumber } = await submittedCase('race-review');
    const preReview = await taskOf(chen, caseNumber, 'pre-review');
    await json(await action(chen, preReview.taskKey, 'decision', { decision: 'approve', opinion: '受理' }), 200);
    const review = await taskOf(chen, caseNumber, 'review');
    const answers = await Promise.all([
      action(chen, review.taskKey, 'decision', { decision: 'approve', opinion: '甲同意' }),
      action(zhou, review.taskKey, 'decision', { decision: 'reject', opinion: '乙不同意' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const view = await json<ApplicationView>(await app.get(`/api/applications/${id}`, chen), 200);
    expect(view.timeline.filter((e) => e.kind === 'department-decided')).toHaveLength(1);
  });

  it('a withdrawn case takes its open steps out of the inbox (canceling listeners)', async () => {
    const { id, caseNumber } = await submittedCase('withdrawn');
    const task = await taskOf(chen, caseNumber, 'pre-review');
    await json(await app.send('POST', `/api/applications/${id}/withdraw`, citizen, { reason: '不需要了' }), 200);
    await eventually(async () => {
      expect((await inbox(chen, `caseNumber=${caseNumber}`)).items).toEqual([]);
      expect(await json<InboxTask>(await app.get(`/api/inbox/tasks/${task.taskKey}`, chen), 200)).toMatchObject({ state: 'canceled' });
    });
  });

  it('streams changes of the department\'s tasks as server-sent events; other departments hear nothing', async () => {
    const listen = (token: string) => {
      const controller = new AbortController();
      const received: string[] = [];
      const done = fetch(`${app.baseUrl}/api/inbox/tasks/events`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: controller.signal })
        .then(async (response) => {
          expect(response.headers.get('content-type')).toContain('text/event-stream');
          const reader = response.body?.getReader();
          for (;;) {
            const chunk = await reader?.read();
            if (!chunk || chunk.done) return;
            received.push(Buffer.from(chunk.value).toString('utf8'));
          }
        })
        .catch((error: unknown) => {
          if (!(error instanceof Error && error.name === 'AbortError')) throw error;
        });
      return { received: () => received.join(''), stop: async () => { controller.abort(); await done; } };
    };
    const police = listen(zhou);
    const market = listen(await app.token(amr));
    const { caseNumber } = await submittedCase('events');
    const task = await taskOf(chen, caseNumber, 'pre-review');
    await json(await action(chen, task.taskKey, 'claim'), 200);
    await eventually(() => {
      const text = police.received();
      expect(text).toContain(`"taskKey":"${task.taskKey}"`);
      expect(text).toContain('"assignee":"approver-psb"');
      return Promise.resolve();
    });
    expect(market.received()).not.toContain(task.taskKey);
    await police.stop();
    await market.stop();
  });

  /** Moves a step's due date, as the statutory clock would after the days pass. */
  async function dueIn(taskKey: string, ms: number): Promise<void> {
    const db = new pg.Client({ connectionString: app.database.url });
    await db.connect();
    await db.query('UPDATE inbox_task SET due_at = $2 WHERE user_task_key = $1', [taskKey, new Date(Date.now() + ms)]);
    await db.end();
  }

  it('warns a step near its due date and escalates it once overdue; supervisors see it in the overview, staff in the supervised view, the applicant nothing', async () => {
    const { id, caseNumber } = await submittedCase('deadline');
    // The department's admin and a supervisor have signed in (the directory escalations go to).
    const deptAdmin = await app.token(psb('deptadmin-psb', 'deptadmin-psb', ['dept-admin']));
    const boss = await app.token(supervisor);
    type Notifications = { items: { title: string; body: string; caseNumber: string | null }[] };
    await json(await app.get('/api/notifications', deptAdmin), 200);
    await json(await app.get('/api/notifications', boss), 200);
    const task = await taskOf(chen, caseNumber, 'pre-review');
    expect(task).toMatchObject({ warnedAt: null, escalatedAt: null, openNotices: 0 });
    expect((await inbox(chen, `view=supervised&caseNumber=${caseNumber}`)).items).toEqual([]);
    await dueIn(task.taskKey, 3600_000); // due within the warning threshold (3 working days)
    const warned = await taskOf(chen, caseNumber, 'pre-review', 'supervised');
    expect(warned.warnedAt).toEqual(expect.any(String));
    expect(warned.escalatedAt).toBeNull();
    await dueIn(task.taskKey, -3600_000); // overdue
    const escalated = await eventually(async () => {
      const found = await json<InboxTask>(await app.get(`/api/inbox/tasks/${task.taskKey}`, chen), 200);
      if (!found.escalatedAt) throw new Error('not escalated yet');
      return found;
    });
    expect(escalated.warnedAt).toBe(warned.warnedAt); // warned once, escalated once
    const staffView = await json<ApplicationView>(await app.get(`/api/applications/${id}`, chen), 200);
    expect(staffView.timeline.filter((e) => e.kind === 'deadline-warned' || e.kind === 'escalated').map((e) => e.kind)).toEqual(['deadline-warned', 'escalated']);
    const applicantView = await json<ApplicationView>(await app.get(`/api/applications/${id}`, citizen), 200);
    expect(applicantView.timeline.some((e) => e.kind === 'escalated' || e.kind === 'deadline-warned')).toBe(false);
    // The admin and the supervisor are told of the escalation; the approver is not.
    for (const token of [deptAdmin, boss]) {
      await eventually(async () => {
        const mine = await json<Notifications>(await app.get('/api/notifications', token), 200);
        expect(mine.items.filter((n) => n.caseNumber === caseNumber)).toEqual([expect.objectContaining({ title: '超期督办：受理预审', body: expect.stringContaining('公安局“受理预审”已超过办理时限') })]);
      });
    }
    expect((await json<Notifications>(await app.get('/api/notifications', chen), 200)).items.filter((n) => n.caseNumber === caseNumber)).toEqual([]);
    const overview = await json<SupervisionOverview>(await app.get('/api/supervision/overview', boss), 200);
    expect(overview.departments.find((d) => d.department === '/沈阳市/公安局')).toMatchObject({ overdue: expect.any(Number), escalated: expect.any(Number) });
    expect(overview.departments.find((d) => d.department === '/沈阳市/公安局')?.escalated).toBeGreaterThanOrEqual(1);
    expect((await app.get('/api/supervision/overview', chen)).status).toBe(403);
  });

  it('a supervisor sends a supervision notice on a step; only its department answers, once; the case history records both', async () => {
    const { id, caseNumber } = await submittedCase('notice');
    const task = await taskOf(chen, caseNumber, 'pre-review');
    const boss = await app.token(supervisor);
    expect((await app.send('POST', '/api/supervision/notices', chen, { taskKey: task.taskKey, text: '请说明超期原因' })).status).toBe(403);
    const bad = await app.send('POST', '/api/supervision/notices', boss, { taskKey: task.taskKey, text: '短' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const notice = await json<SupervisionNotice>(await app.send('POST', '/api/supervision/notices', await app.token({ ...supervisor, name: '黄强' }), { taskKey: task.taskKey, text: '请于三日内办结并说明超期原因', answerWithinDays: 3 }), 201);
    expect(notice).toMatchObject({ status: 'open', department: '/沈阳市/公安局', caseNumber, taskName: '受理预审', issuedBy: '黄强' });
    expect(Date.parse(notice.answerBy)).toBeGreaterThan(Date.now());
    // The department sees it (in its list and on the step); another department does not and cannot answer.
    expect((await json<SupervisionNotice[]>(await app.get('/api/supervision/notices?status=open', chen), 200)).map((n) => n.id)).toContain(notice.id);
    expect((await json<InboxTask>(await app.get(`/api/inbox/tasks/${task.taskKey}`, chen), 200)).openNotices).toBe(1);
    expect((await inbox(chen, `view=supervised&caseNumber=${caseNumber}`)).items.map((t) => t.taskKey)).toEqual([task.taskKey]);
    const other = await app.token(amr);
    expect((await json<SupervisionNotice[]>(await app.get('/api/supervision/notices', other), 200)).map((n) => n.id)).not.toContain(notice.id);
    expect((await app.send('POST', `/api/supervision/notices/${notice.id}/answer`, other, { response: '不是本部门的事项' })).status).toBe(404);
    const answered = await json<SupervisionNotice>(await app.send('POST', `/api/supervision/notices/${notice.id}/answer`, chen, { response: '已核实材料，今日完成受理' }), 200);
    expect(answered).toMatchObject({ status: 'answered', response: '已核实材料，今日完成受理', answeredBy: 'approver-psb' });
    expect((await app.send('POST', `/api/supervision/notices/${notice.id}/answer`, zhou, { response: '再次答复一下' })).status).toBe(409);
    expect((await json<SupervisionNotice[]>(await app.get('/api/supervision/notices?status=answered', boss), 200)).map((n) => n.id)).toContain(notice.id);
    const history = (await json<ApplicationView>(await app.get(`/api/applications/${id}`, chen), 200)).timeline.map((e) => e.kind);
    expect(history).toEqual(expect.arrayContaining(['supervision-notice', 'supervision-answered']));
    expect((await json<ApplicationView>(await app.get(`/api/applications/${id}`, citizen), 200)).timeline.some((e) => e.kind.startsWith('supervision'))).toBe(false);
  });

  it('filters by creation date, due date and priority', async () => {
    const { caseNumber } = await submittedCase('filters');
    const task = await taskOf(chen, caseNumber, 'pre-review');
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const keys = async (query: string) => (await inbox(chen, `caseNumber=${caseNumber}&${query}`)).items.map((t) => t.taskKey);
    expect(await keys(`createdFrom=${today}&createdTo=${today}`)).toEqual([task.taskKey]);
    expect(await keys('createdTo=2020-01-01')).toEqual([]);
    expect(await keys('dueBy=2020-01-01')).toEqual([]);
    expect(await keys('dueBy=2099-12-31')).toEqual([task.taskKey]);
    expect(await keys('minPriority=50')).toEqual([task.taskKey]);
    expect(await keys('minPriority=51')).toEqual([]);
    expect((await app.get('/api/inbox/tasks?createdFrom=yesterday', chen)).status).toBe(400);
  });

  it('sends a case back to an earlier step (退回): the step ends, the earlier one opens again in its department, with the reason in the history', async () => {
    const { id, caseNumber } = await submittedCase('return');
    const preReview = await taskOf(chen, caseNumber, 'pre-review');
    expect(await json(await app.get(`/api/inbox/tasks/${preReview.taskKey}/return-targets`, chen), 200)).toEqual([]); // nothing before it
    await json(await action(chen, preReview.taskKey, 'decision', { decision: 'approve', opinion: '受理' }), 200);
    const review = await taskOf(chen, caseNumber, 'review');
    expect(await json(await app.get(`/api/inbox/tasks/${review.taskKey}/return-targets`, chen), 200)).toEqual([{ elementId: 'pre-review', name: '受理预审' }]);
    // The task view's diagram: the model the case runs on, the current step and the one done.
    const diagram = await json<{ xml: string; active: string[]; completed: string[] }>(await app.get(`/api/inbox/tasks/${review.taskKey}/diagram`, chen), 200);
    expect(diagram.xml).toContain('<bpmn:process id="residence-permit"');
    expect(diagram.active).toEqual(['review']);
    expect(diagram.completed).toEqual(['pre-review']);
    expect((await app.get(`/api/inbox/tasks/${review.taskKey}/diagram`, await app.token(amr))).status).toBe(404);
    // Another department cannot; a reason is required; the target must be an earlier step.
    expect((await action(await app.token(amr), review.taskKey, 'return', { toElementId: 'pre-review', opinion: '退回' })).status).toBe(404);
    expect((await action(chen, review.taskKey, 'return', { toElementId: 'pre-review', opinion: '' })).status).toBe(400);
    expect(await (await action(chen, review.taskKey, 'return', { toElementId: 'produce', opinion: '退回重审' })).json()).toMatchObject({ code: 'RETURN_TARGET_UNKNOWN' });
    const returned = await json<ApplicationView>(await action(chen, review.taskKey, 'return', { toElementId: 'pre-review', opinion: '居住证明材料需重新核验' }), 200);
    expect(returned.status).toBe('submitted');
    expect(returned.timeline.at(-1)).toMatchObject({ kind: 'returned', text: expect.stringContaining('居住证明材料需重新核验') });
    expect(await json<InboxTask>(await app.get(`/api/inbox/tasks/${review.taskKey}`, chen), 200)).toMatchObject({ state: 'canceled' }); // at once
    const again = await taskOf(chen, caseNumber, 'pre-review');
    expect(again.taskKey).not.toBe(preReview.taskKey);
    // The applicant does not see the internal step.
    expect((await json<ApplicationView>(await app.get(`/api/applications/${id}`, citizen), 200)).timeline.some((e) => e.kind === 'returned')).toBe(false);
  });

  it('keeps each approver\'s saved filters and opinion drafts: valid queries only, their own only, drafts dropped on deciding', async () => {
    const filter = await json<{ id: string; name: string; query: Record<string, string> }>(await app.send('POST', '/api/inbox/filters', chen, { name: '本周逾期', query: { view: 'overdue', sort: 'priority', createdFrom: '2026-11-23' } }), 201);
    expect(filter).toMatchObject({ name: '本周逾期', query: { view: 'overdue', sort: 'priority', createdFrom: '2026-11-23' } });
    // The same name replaces it; a query the inbox would refuse is refused here too.
    await json(await app.send('POST', '/api/inbox/filters', chen, { name: '本周逾期', query: { view: 'overdue' } }), 201);
    const bad = await app.send('POST', '/api/inbox/filters', chen, { name: '坏的', query: { view: 'everything' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [expect.objectContaining({ path: 'query.view' })] });
    expect((await json<{ name: string; query: Record<string, string> }[]>(await app.get('/api/inbox/filters', chen), 200))).toEqual([expect.objectContaining({ name: '本周逾期', query: { view: 'overdue' } })]);
    expect(await json(await app.get('/api/inbox/filters', zhou), 200)).toEqual([]);
    expect((await app.send('DELETE', `/api/inbox/filters/${filter.id}`, zhou)).status).toBe(404);
    expect((await app.send('DELETE', `/api/inbox/filters/${filter.id}`, chen)).status).toBe(204);

    const { caseNumber } = await submittedCase('draft');
    const task = await taskOf(chen, caseNumber, 'pre-review');
    expect(await json(await app.get(`/api/inbox/tasks/${task.taskKey}/draft`, chen), 200)).toEqual({ draft: null });
    await json(await app.send('PUT', `/api/inbox/tasks/${task.taskKey}/draft`, chen, { decision: 'reject', opinion: '材料不全，拟不予受理' }), 200);
    expect(await json(await app.get(`/api/inbox/tasks/${task.taskKey}/draft`, chen), 200)).toEqual({ draft: { decision: 'reject', opinion: '材料不全，拟不予受理' } });
    expect(await json(await app.get(`/api/inbox/tasks/${task.taskKey}/draft`, zhou), 200)).toEqual({ draft: null }); // a colleague's own
    expect((await app.get(`/api/inbox/tasks/${task.taskKey}/draft`, await app.token(amr))).status).toBe(404);
    await json(await action(chen, task.taskKey, 'decision', { decision: 'approve', opinion: '受理' }), 200);
    expect(await json(await app.get(`/api/inbox/tasks/${task.taskKey}/draft`, chen), 200)).toEqual({ draft: null });
  });

  it('the approver holding a step delegates it to a colleague, who decides it; nobody else can', async () => {
    const { caseNumber } = await submittedCase('delegate');
    const task = await taskOf(chen, caseNumber, 'pre-review');
    expect((await action(chen, task.taskKey, 'delegate', { assignee: 'zhou-psb' })).status).toBe(403); // not held yet
    await json(await action(chen, task.taskKey, 'claim'), 200);
    expect((await action(zhou, task.taskKey, 'delegate', { assignee: 'zhou-psb' })).status).toBe(403); // not theirs
    expect((await action(await app.token(amr), task.taskKey, 'delegate', { assignee: 'x' })).status).toBe(404);
    const delegated = await json<InboxTask>(await action(chen, task.taskKey, 'delegate', { assignee: 'zhou-psb' }), 200);
    expect(delegated.assignee).toBe('zhou-psb');
    expect((await inbox(zhou, `view=mine&caseNumber=${caseNumber}`)).items.map((t) => t.taskKey)).toEqual([task.taskKey]);
    expect((await action(chen, task.taskKey, 'decision', { decision: 'approve', opinion: '受理' })).status).toBe(409);
    await json(await action(zhou, task.taskKey, 'decision', { decision: 'approve', opinion: '受理' }), 200);
    expect((await inbox(chen, `view=participated&caseNumber=${caseNumber}`)).items.map((t) => t.taskKey)).toContain(task.taskKey);
  });

  it('offers colleagues who have signed in (the staff directory) and refuses to hand a step to anyone else', async () => {
    const { caseNumber } = await submittedCase('directory');
    const task = await taskOf(chen, caseNumber, 'pre-review');
    const amrApprover = await app.token(amr);
    await json(await app.get('/api/inbox/tasks', amrApprover), 200); // signed in, of another department
    type Member = { username: string; name: string; departments: string[]; roles: string[] };
    const colleagues = await eventually(async () => {
      const found = await json<Member[]>(await app.get('/api/staff/colleagues', chen), 200);
      expect(found.map((m) => m.username)).toContain('zhou-psb');
      return found;
    });
    expect(colleagues.every((m) => m.departments.includes('/沈阳市/公安局'))).toBe(true);
    expect(colleagues.map((m) => m.username)).not.toContain('approver-amr');
    expect((await json<Member[]>(await app.get('/api/staff/colleagues?q=zhou', chen), 200)).map((m) => m.username)).toEqual(['zhou-psb']);
    expect(await json<Member[]>(await app.get('/api/staff/colleagues?department=/沈阳市/市场监督管理局', chen), 200)).toEqual([]);
    // Citizens are not staff, and do not see the directory.
    expect((await app.get('/api/staff/colleagues', citizen)).status).toBe(403);

    await json(await action(chen, task.taskKey, 'claim'), 200);
    const typo = await action(chen, task.taskKey, 'delegate', { assignee: 'zhuo-psb' });
    expect(typo.status).toBe(422);
    expect(await typo.json()).toMatchObject({ code: 'ASSIGNEE_UNKNOWN' });
    // Someone who has signed in, but of another department, is not a colleague either.
    expect(await (await action(chen, task.taskKey, 'delegate', { assignee: 'approver-amr' })).json()).toMatchObject({ code: 'ASSIGNEE_UNKNOWN' });
    const admin = await app.token(psb('deptadmin-psb', 'deptadmin-psb', ['dept-admin']));
    expect(await (await action(admin, task.taskKey, 'assign', { assignee: 'nobody-psb' })).json()).toMatchObject({ code: 'ASSIGNEE_UNKNOWN' });
    // Nothing changed: the step is still the approver's.
    expect(await json<InboxTask>(await app.get(`/api/inbox/tasks/${task.taskKey}`, chen), 200)).toMatchObject({ assignee: 'approver-psb' });
  });

  it('an opinion carries the approver\'s attachments: the applicant sees and opens them with the opinion, other departments cannot', async () => {
    const { id, caseNumber } = await submittedCase('attach');
    const task = await taskOf(chen, caseNumber, 'pre-review');
    const upload = async (token: string, tag: string) => {
      const body = new FormData();
      body.append('file', new Blob([new Uint8Array(pdf(tag))]), `${tag}.pdf`);
      return json<MaterialFile>(await fetch(`${app.baseUrl}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body }), 201);
    };
    const report = await upload(chen, '现场核查记录');
    const colleagues = await upload(zhou, '同事的文件');
    expect(await (await action(chen, task.taskKey, 'decision', { decision: 'approve', opinion: '受理', attachments: [colleagues.id] })).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const decided = await json<ApplicationView>(await action(chen, task.taskKey, 'decision', { decision: 'approve', opinion: '受理，见核查记录', attachments: [report.id] }), 200);
    expect(decided.timeline.find((e) => e.kind === 'accepted')?.attachments).toEqual([{ fileId: report.id, name: '现场核查记录.pdf' }]);
    const applicantView = await json<ApplicationView>(await app.get(`/api/applications/${id}`, citizen), 200);
    expect(applicantView.timeline.find((e) => e.kind === 'accepted')?.attachments).toEqual([{ fileId: report.id, name: '现场核查记录.pdf' }]);
    expect((await app.get(`/api/files/${report.id}/content`, citizen)).status).toBe(200);
    expect((await app.get(`/api/files/${report.id}/content`, zhou)).status).toBe(200); // a colleague of the department
    expect((await app.get(`/api/files/${report.id}/content`, await app.token(amr))).status).toBe(404);
    expect((await app.get(`/api/files/${report.id}/content`, await app.token({ sub: 'someone-else', idNumber: '210103199007182463' }))).status).toBe(404);
  });
});
