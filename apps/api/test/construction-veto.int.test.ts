// Parallel approval that ends at the first rejection, when the item says so: for 建设工程规划许可证核发
// the model makes every consulted department's rejection a veto (一票否决). Housing, environment and
// fire give their opinions in parallel; when fire rejects, the case ends as not permitted at once,
// the step still open in another department leaves its inbox, and the applicant gets the vetoing
// opinion. Real API, Postgres and engine.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ApplicationView, type InboxPage, type InboxTask, type MaterialFile } from '@gov/contracts';
import { type RunningEngine, startEngine } from '@gov/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { eventually, json, pdf } from './support.js';
import { startTestApp, type TestApp } from './test-app.js';

const ITEM = '210100-XK-00003-9';
const developer = { sub: 'developer-1', preferred_username: 'developer1', name: '周建', idNumber: '210102198806153019', creditCode: '91210102MA0Q123453', companyName: '沈阳盛京置业有限公司' };
const approverOf = (group: string, username: string) => ({ sub: username, preferred_username: username, name: username, realm_access: { roles: ['approver'] }, groups: [group], idNumber: undefined });
const form = {
  developer: '沈阳盛京置业有限公司', creditCode: '91210102MA0Q123453', projectName: '盛京花园二期', projectCode: '2026-210102-47-01-000123',
  location: '沈阳市和平区南京南街 100 号', floorArea: 32000, landCertificate: '辽（2026）沈阳市不动产权第 0012345 号',
};
const HURD = '/沈阳市/住房和城乡建设局';
const EE = '/沈阳市/生态环境局';
const FIRE = '/沈阳市/消防救援支队';

describe('建设工程规划许可: a consulted department vetoes (first rejection ends the case)', () => {
  let engineDb: TestDatabase;
  let engine: RunningEngine;
  let app: TestApp;
  let storageDir: string;

  beforeAll(async () => {
    engineDb = await createTestDatabase();
    engine = await startEngine({ databaseUrl: engineDb.url, grpcPort: 0, restPort: 0 });
    storageDir = mkdtempSync(path.join(os.tmpdir(), 'gov-veto-'));
    app = await startTestApp({ env: { ZEEBE_GRPC_ADDRESS: engine.grpcAddress, ZEEBE_REST_ADDRESS: engine.restAddress, STORAGE_DIR: storageDir } });
  });

  afterAll(async () => {
    await app?.close();
    await engine?.stop();
    await engineDb?.drop();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('ends not permitted at the fire department\'s rejection; the housing step still open leaves its inbox; the applicant reads the veto', async () => {
    const company = await app.token(developer);
    const draft = await json<ApplicationView>(await app.send('POST', '/api/applications', company, { itemCode: ITEM }), 201);
    await json(await app.send('PUT', `/api/applications/${draft.id}/form`, company, { formData: { ...draft.formData, ...form } }), 200);
    for (const material of draft.materials.filter((m) => m.requirement === 'mandatory')) {
      const body = new FormData();
      body.append('file', new Blob([new Uint8Array(pdf(`veto-${material.materialId}`))]), `${material.materialId}.pdf`);
      const file = await json<MaterialFile>(await fetch(`${app.baseUrl}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${company}` }, body }), 201);
      await json(await app.send('PUT', `/api/applications/${draft.id}/materials/${material.materialId}`, company, { fileIds: [file.id] }), 200);
    }
    const { caseNumber } = await json<ApplicationView>(await app.send('POST', `/api/applications/${draft.id}/submit`, company), 200);

    const openStep = async (group: string, username: string) => {
      const token = await app.token(approverOf(group, username));
      const task = await eventually(async () => {
        const found = (await json<InboxPage>(await app.get(`/api/inbox/tasks?caseNumber=${caseNumber ?? ''}`, token), 200)).items[0];
        if (!found) throw new Error(`nothing for ${group} yet`);
        return found;
      });
      return { token, task };
    };
    const decide = (step: { token: string; task: InboxTask }, decision: 'approve' | 'reject', opinion: string) =>
      app.send('POST', `/api/inbox/tasks/${step.task.taskKey}/decision`, step.token, { decision, opinion });

    const preReview = await openStep('/沈阳市/自然资源局', 'nr-window');
    expect(preReview.task.stage).toBe('pre-review');
    await json(await decide(preReview, 'approve', '材料齐全，予以受理'), 200);

    // The three consultations reach their departments at once.
    const [housing, environment, fire] = await Promise.all([openStep(HURD, 'hurd-1'), openStep(EE, 'ee-1'), openStep(FIRE, 'fire-1')]);
    expect([housing.task.name, environment.task.name, fire.task.name]).toEqual(['住建部门意见', '生态环境部门意见', '消防部门意见']);
    await json(await decide(environment, 'approve', '环评手续齐全'), 200);
    await json(await decide(fire, 'reject', '消防车道宽度不足 4 米，不符合 GB 50016 要求'), 200);

    // The veto ends the case; housing's open step is withdrawn, not left waiting.
    const ended = await eventually(async () => {
      const view = await json<ApplicationView>(await app.get(`/api/applications/${draft.id}`, company), 200);
      expect(view.status).toBe('rejected');
      return view;
    });
    expect(ended.result).toMatchObject({ outcome: 'rejected', opinion: '消防车道宽度不足 4 米，不符合 GB 50016 要求' });
    expect(ended.result?.departments.map((d) => [d.department, d.decision])).toEqual(expect.arrayContaining([[EE, 'approve'], [FIRE, 'reject']]));
    await eventually(async () => {
      expect(await json<InboxTask>(await app.get(`/api/inbox/tasks/${housing.task.taskKey}`, housing.token), 200)).toMatchObject({ state: 'canceled' });
      expect((await json<InboxPage>(await app.get(`/api/inbox/tasks?caseNumber=${caseNumber ?? ''}`, housing.token), 200)).items).toEqual([]);
    });
    // Housing can no longer give an opinion on a case that has ended.
    expect((await decide(housing, 'approve', '同意')).status).toBe(409);
    // Nothing went on to the lead department's decision.
    const lead = await app.token(approverOf('/沈阳市/自然资源局', 'nr-window'));
    expect((await json<InboxPage>(await app.get(`/api/inbox/tasks?caseNumber=${caseNumber ?? ''}`, lead), 200)).items).toEqual([]);
  });
});
