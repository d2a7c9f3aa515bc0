// The inbox converges when the API dies in the middle of a sync: the API that took a task listener
// job stops before completing it; the job times out in the engine and another API process takes it
// again (the sync is idempotent), so the inbox ends up in step with the engine — nothing lost,
// nothing doubled. Real Postgres, real engine, two API processes one after the other.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { type ApplicationView, INBOX_SYNC_JOB, type InboxPage, type MaterialFile } from '@gov/contracts';
import { type RunningEngine, startEngine } from '@gov/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { eventually, json, pdf } from './support.js';
import { startTestApp, type TestApp } from './test-app.js';

const ITEM = '210100-GG-00003-C'; // 居住证核发: pre-review → review → …
const form = { name: '张伟', idNumber: '210102199003071233', address: '沈阳市和平区太原街1号', residentSince: '2025-06-01', basis: 'employment', delivery: 'counter', phone: '13800000000' };
const police = { sub: 'approver-psb', preferred_username: 'approver-psb', name: '陈静', realm_access: { roles: ['approver'] }, groups: ['/沈阳市/公安局'], idNumber: undefined };

describe('inbox sync survives an API that dies mid-sync', () => {
  let engineDb: TestDatabase;
  let engine: RunningEngine;
  let first: TestApp;
  let second: TestApp | undefined;
  let camunda: Camunda8;
  let storageDir: string;

  beforeAll(async () => {
    engineDb = await createTestDatabase();
    engine = await startEngine({ databaseUrl: engineDb.url, grpcPort: 0, restPort: 0 });
    storageDir = mkdtempSync(path.join(os.tmpdir(), 'gov-recovery-'));
    first = await startTestApp({ env: { ZEEBE_GRPC_ADDRESS: engine.grpcAddress, ZEEBE_REST_ADDRESS: engine.restAddress, STORAGE_DIR: storageDir } });
    camunda = new Camunda8({
      ZEEBE_GRPC_ADDRESS: engine.grpcAddress, ZEEBE_REST_ADDRESS: engine.restAddress, CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_LOG_LEVEL: 'none',
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
    });
  });

  afterAll(async () => {
    await camunda?.getZeebeGrpcApiClient().close();
    await second?.close();
    await first?.database.drop().catch(() => undefined);
    await engine?.stop();
    await engineDb?.drop();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('a listener job taken by a dead API is taken again after its timeout; the inbox ends in step with the engine', async () => {
    // A case whose pre-review is in the police inbox (first API).
    const citizen = await first.token();
    const draft = await json<ApplicationView>(await first.send('POST', '/api/applications', citizen, { itemCode: ITEM }), 201);
    await json(await first.send('PUT', `/api/applications/${draft.id}/form`, citizen, { formData: form }), 200);
    for (const material of draft.materials.filter((m) => m.requirement === 'mandatory')) {
      const body = new FormData();
      body.append('file', new Blob([new Uint8Array(pdf(material.materialId))]), `${material.materialId}.pdf`);
      const file = await json<MaterialFile>(await fetch(`${first.baseUrl}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${citizen}` }, body }), 201);
      await json(await first.send('PUT', `/api/applications/${draft.id}/materials/${material.materialId}`, citizen, { fileIds: [file.id] }), 200);
    }
    const { caseNumber } = await json<ApplicationView>(await first.send('POST', `/api/applications/${draft.id}/submit`, citizen), 200);
    const preReview = await eventually(async () => {
      const found = (await json<InboxPage>(await first.get(`/api/inbox/tasks?caseNumber=${caseNumber ?? ''}`, await first.token(police)), 200)).items[0];
      if (!found) throw new Error('no pre-review yet');
      return found;
    });

    // The first API goes away. The step is completed in the engine; its completing listener job is
    // held by a worker that dies without completing it: this test's client below, or the first API's
    // last long poll, which the engine may still serve after the API stopped (10 s job timeout).
    await first.close({ keepDatabase: true });
    await camunda.getCamundaRestClient().completeUserTask({ userTaskKey: preReview.taskKey, variables: { decision: 'approve', approved: true, opinion: '受理' } });
    const zeebe = camunda.getZeebeGrpcApiClient();
    const taken = await zeebe.activateJobs({ type: INBOX_SYNC_JOB, worker: 'dying-api', maxJobsToActivate: 10, timeout: 1_500, requestTimeout: 2_000 });
    expect(taken.every((job) => job.customHeaders['io.camunda.zeebe:listenerEventType'] === 'completing')).toBe(true);

    // Another API process starts on the same database: once the job times out it syncs it, then the next step.
    second = await startTestApp({ env: { DATABASE_URL: first.database.url, ZEEBE_GRPC_ADDRESS: engine.grpcAddress, ZEEBE_REST_ADDRESS: engine.restAddress, STORAGE_DIR: storageDir } });
    const approver = await second.token(police);
    await eventually(async () => {
      const done = await json<{ state: string }>(await second?.get(`/api/inbox/tasks/${preReview.taskKey}`, approver) ?? new Response(), 200);
      if (done.state !== 'completed') throw new Error(`pre-review still ${done.state}`);
    });
    const open = await eventually(async () => {
      const page = await json<InboxPage>(await second?.get(`/api/inbox/tasks?caseNumber=${caseNumber ?? ''}`, approver) ?? new Response(), 200);
      if (page.items.length === 0) throw new Error('no review step yet');
      return page.items;
    });
    // Exactly the engine's open step, once.
    expect(open.map((t) => t.elementId)).toEqual(['review']);
    const participated = await json<InboxPage>(await second.get(`/api/inbox/tasks?view=overdue&caseNumber=${caseNumber ?? ''}`, approver), 200);
    expect(participated.items).toEqual([]);
  });
});
