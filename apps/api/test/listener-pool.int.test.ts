import type { InboxPage } from '@gov/contracts';
import pg from 'pg';
import { DataSource, type QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type EngineApp, startEngineApp } from './engine-app.js';
import { eventually, json, readyToSubmit } from './support.js';
import type { TestApp } from './test-app.js';

const ITEM = '210100-GG-00003-C'; // 居住证核发, 公安局
const form = { address: '沈阳市和平区太原街1号', residentSince: '2025-06-01', basis: 'employment', delivery: 'counter', phone: '13800000000' };
const approver = { sub: 'approver-psb', preferred_username: 'approver-psb', realm_access: { roles: ['approver'] }, groups: ['/沈阳市/公安局'], idNumber: undefined };

/**
 * With real Zeebe a decision's completion waits for the step's completing listener, which this API
 * serves and which writes the inbox row; the decision holds a pool connection meanwhile. So the
 * listeners must never need a connection of that pool: here every one of them is held, as by that
 * many decisions at once, and a step completed in the engine still leaves the inbox.
 */
describe('task listeners while every connection of the API pool is taken', () => {
  let stack: EngineApp;
  let app: TestApp;
  let held: QueryRunner[] = [];

  beforeAll(async () => {
    stack = await startEngineApp({ env: { DB_POOL_SIZE: '2' } });
    app = stack.app;
  });

  afterAll(async () => {
    await Promise.all(held.map((runner) => runner.release()));
    await stack?.close();
  });

  it('the completing listener still closes the step in the inbox', async () => {
    const citizen = await app.token();
    const draft = await readyToSubmit(app, citizen, ITEM, form, 'listener-pool');
    const submitted = await json<{ caseNumber: string }>(await app.send('POST', `/api/applications/${draft.id}/submit`, citizen), 200);
    const staff = await app.token(approver);
    const task = await eventually(async () => {
      const found = (await json<InboxPage>(await app.get(`/api/inbox/tasks?caseNumber=${submitted.caseNumber}`, staff), 200)).items[0];
      if (!found) throw new Error('pre-review not in the inbox yet');
      return found;
    });
    // Take every connection of the API's pool (DB_POOL_SIZE 2).
    const dataSource = app.provider(DataSource);
    held = [dataSource.createQueryRunner(), dataSource.createQueryRunner()];
    await Promise.all(held.map((runner) => runner.connect()));
    // Complete the step in the engine directly (what a decision does); its completing listener runs in the API.
    // (409 while its creating listener is still finishing: asked again.)
    await eventually(async () => {
      const completed = await fetch(`${stack.engine.restAddress}/v2/user-tasks/${task.taskKey}/completion`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ variables: { decision: 'approve', approved: true } }) });
      if (completed.status !== 204) throw new Error(`completion answered ${completed.status}`);
    }, 5000);
    const reader = new pg.Client({ connectionString: app.database.url });
    await reader.connect();
    try {
      // Well within the pool's 15 s connection timeout: the listener did not wait for the held pool.
      await eventually(async () => {
        const { rows } = await reader.query<{ state: string }>('SELECT state FROM inbox_task WHERE user_task_key = $1', [task.taskKey]);
        if (rows[0]?.state !== 'completed') throw new Error(`still ${rows[0]?.state ?? 'missing'}`);
      }, 5000);
    } finally {
      await reader.end();
      await Promise.all(held.map((runner) => runner.release()));
      held = [];
    }
  }, 60_000);
});
