// A seed item that calls two department systems, end to end: a company applies to open a
// restaurant (开办餐饮店“一件事”); the service centre accepts, three departments approve in
// parallel, and the real worker pushes the results to the simulated market-supervision and fire
// systems before the case ends approved. Real API, Postgres, engine, worker and dept-sim.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHmac } from 'node:crypto';
import { type ApplicationView, type InboxPage, type MaterialFile, signedPayload } from '@gov/contracts';
import { type RunningEngine, startEngine } from '@gov/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { type DeptSim, devCallbackSecret, startDeptSim } from '../../dept-sim/src/index.js';
import { type InProcessWorker, startInProcessWorker } from '../../worker/test/support.js';
import { applyAndSubmit, eventually, json, pdf } from './support.js';
import { startTestApp, type TestApp } from './test-app.js';

const ITEM = '210100-GG-00001-G';
const enterprise = { sub: 'enterprise-1', preferred_username: 'enterprise1', name: '赵强', idNumber: '210102198806153019', creditCode: '91210102MA0Q123453', companyName: '沈阳市和平区味之源餐饮有限公司' };
const approverOf = (group: string, username: string) => ({ sub: username, preferred_username: username, name: username, realm_access: { roles: ['approver'] }, groups: [group], idNumber: undefined });
const form = { operatorName: '沈阳市和平区味之源餐饮有限公司', operatorIdNumber: '210102198806153019', premisesAddress: '沈阳市和平区中华路8号', floorArea: 120, seats: 40, cuisine: ['hot-food'], fireCommitment: true, phone: '13800000002' };

describe('开办餐饮店“一件事”: three departments in parallel, two department systems', () => {
  let engineDb: TestDatabase;
  let engine: RunningEngine;
  let app: TestApp;
  let sim: DeptSim;
  let worker: InProcessWorker;
  let storageDir: string;

  beforeAll(async () => {
    engineDb = await createTestDatabase();
    engine = await startEngine({ databaseUrl: engineDb.url, grpcPort: 0, restPort: 0 });
    sim = await startDeptSim({ port: 0, platformUrl: null, processingDelayMs: 20 });
    storageDir = mkdtempSync(path.join(os.tmpdir(), 'gov-restaurant-'));
    // DEPT_SIM_URL: the API keeps a connection to every simulated department, as `npm start` does.
    app = await startTestApp({ env: { ZEEBE_GRPC_ADDRESS: engine.grpcAddress, ZEEBE_REST_ADDRESS: engine.restAddress, STORAGE_DIR: storageDir, DEPT_SIM_URL: sim.url } });
    worker = startInProcessWorker(engine, { DATABASE_URL: app.database.url, DEPT_SIM_URL: sim.url });
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await sim?.close();
    await engine?.stop();
    await engineDb?.drop();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('ends approved after each department decided in its own inbox and both systems took the results', async () => {
    const company = await app.token(enterprise);
    const draft = await applyAndSubmit(app, company, ITEM, form, 'restaurant');
    const { caseNumber } = draft;

    /** Decides the case's open step in `group`'s inbox, as that department's approver. */
    const decideIn = async (group: string, username: string) => {
      const token = await app.token(approverOf(group, username));
      const task = await eventually(async () => {
        const found = (await json<InboxPage>(await app.get(`/api/inbox/tasks?caseNumber=${caseNumber ?? ''}`, token), 200)).items[0];
        if (!found) throw new Error(`nothing for ${group} yet`);
        return found;
      });
      await json(await app.send('POST', `/api/inbox/tasks/${task.taskKey}/decision`, token, { decision: 'approve', opinion: `${username} 同意` }), 200);
      return task;
    };
    const accepted = await decideIn('/沈阳市/政务服务办公室', 'window-1');
    expect(accepted.stage).toBe('pre-review');

    // Market supervision finds the layout plan wrong and asks for correction in its own branch
    // (its step allows it); fire and environment decide meanwhile, in their own inboxes.
    const amr = await app.token(approverOf('/沈阳市/市场监督管理局', 'approver-amr'));
    const foodTask = await eventually(async () => {
      const found = (await json<InboxPage>(await app.get(`/api/inbox/tasks?caseNumber=${caseNumber ?? ''}`, amr), 200)).items[0];
      if (!found) throw new Error('nothing for amr yet');
      return found;
    });
    expect(foodTask).toMatchObject({ elementId: 'food-licence', stage: 'approval', correctable: true });
    const asked = await json<ApplicationView>(await app.send('POST', `/api/inbox/tasks/${foodTask.taskKey}/decision`, amr, {
      decision: 'correct', opinion: '平面布局图不符合要求', problems: [{ target: { kind: 'material', materialId: 'layout' }, reason: '平面布局图须标明加工操作间与就餐区的分隔' }],
    }), 200);
    expect(asked.status).toBe('correction-requested');
    // A parallel branch cannot send the whole case back (the others are open): it asks for correction instead.
    const fr = await app.token(approverOf('/沈阳市/消防救援支队', 'approver-fr'));
    const fireTask = await eventually(async () => {
      const found = (await json<InboxPage>(await app.get(`/api/inbox/tasks?caseNumber=${caseNumber ?? ''}`, fr), 200)).items[0];
      if (!found) throw new Error('nothing for fire yet');
      return found;
    });
    expect(await (await app.send('POST', `/api/inbox/tasks/${fireTask.taskKey}/return`, fr, { toElementId: 'pre-review', opinion: '退回预审' })).json()).toMatchObject({ code: 'RETURN_NOT_SINGLE_STEP' });
    const decided = await Promise.all([decideIn('/沈阳市/消防救援支队', 'approver-fr'), decideIn('/沈阳市/生态环境局', 'approver-ee')]);
    expect(decided.map((t) => t.elementId).sort()).toEqual(['eia-filing', 'fire-check']);
    // The applicant answers the notice; the case goes back to the departments' review, not to pre-review.
    const body = new FormData();
    body.append('file', new Blob([new Uint8Array(pdf('layout-v2'))]), 'layout-v2.pdf');
    const layout = await json<MaterialFile>(await fetch(`${app.baseUrl}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${company}` }, body }), 201);
    await json(await app.send('PUT', `/api/applications/${draft.id}/materials/layout`, company, { fileIds: [layout.id] }), 200);
    expect((await json<ApplicationView>(await app.send('POST', `/api/applications/${draft.id}/resubmit`, company), 200)).status).toBe('in-review');
    const again = await decideIn('/沈阳市/市场监督管理局', 'approver-amr');
    expect(again.elementId).toBe('food-licence');
    expect(again.taskKey).not.toBe(foodTask.taskKey);

    const done = await eventually(async () => {
      const view = await json<ApplicationView>(await app.get(`/api/applications/${draft.id}`, company), 200);
      if (view.status !== 'approved') throw new Error(`still ${view.status}`);
      return view;
    });
    expect(done.result?.departments.map((d) => d.department).sort()).toEqual(['/沈阳市/市场监督管理局', '/沈阳市/政务服务办公室', '/沈阳市/消防救援支队', '/沈阳市/生态环境局']);
    expect(done.notices).toHaveLength(1);
    // A department system's progress report reaches the applicant's timeline and notifications.
    const event = { eventId: `progress-${caseNumber ?? ''}`, type: 'application.progress', caseNumber, applicationId: 'AMR-1', status: 'processing', result: null, reason: '许可证正在制证', occurredAt: new Date().toISOString() };
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = `sha256=${createHmac('sha256', devCallbackSecret('amr')).update(signedPayload(timestamp, event)).digest('hex')}`;
    const callback = await fetch(`${app.baseUrl}/api/integrations/amr/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-gov-timestamp': timestamp, 'x-gov-signature': signature }, body: JSON.stringify(event) });
    expect(callback.status).toBe(202);
    const progressed = await json<ApplicationView>(await app.get(`/api/applications/${draft.id}`, company), 200);
    expect(progressed.timeline.at(-1)).toMatchObject({ kind: 'department-progress', department: '/沈阳市/市场监督管理局', text: '市场监督管理局业务系统：办理中。许可证正在制证' });

    // Both department systems received the case, keyed by its case number.
    for (const department of ['amr', 'fr']) {
      const answer = await fetch(`${sim.urlOf(department)}/applications?caseNumber=${caseNumber ?? ''}`, { headers: { 'x-api-key': `${department}-dev-api-key` } });
      expect(answer.status, department).toBe(200);
      expect(JSON.stringify(await answer.json()), department).toContain(caseNumber ?? '');
    }
  });
});
