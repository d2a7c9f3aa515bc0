import type { ApplicationView } from '@gov/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngineApp, startEngineApp } from './engine-app.js';
import { json, readyToSubmit } from './support.js';
import type { TestApp } from './test-app.js';

const ITEM = '210100-GG-00003-C'; // 居住证核发
const form = { address: '沈阳市和平区太原街1号', residentSince: '2025-06-01', basis: 'employment', delivery: 'counter', phone: '13800000000' };

/**
 * A submission's transaction holds a pool connection; anything it waits for must not need another.
 * With more submissions at once than the pool has connections, one such wait deadlocks the pool
 * until its connection timeout (the applications benchmark found it at 20 citizens: the working-day
 * calendar, loaded on first use inside the transaction).
 */
describe('submissions at once on a fresh API with a small pool', () => {
  let stack: EngineApp;
  let app: TestApp;

  beforeAll(async () => {
    stack = await startEngineApp({ env: { DB_POOL_SIZE: '2' } });
    app = stack.app;
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('every one gets its case number; none waits for a connection the others hold', async () => {
    const citizens = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => app.token({ sub: `c0a80101-0000-4000-8000-00000000010${n}` })));
    const drafts: { token: string; draft: ApplicationView }[] = [];
    for (const [n, token] of citizens.entries()) drafts.push({ token, draft: await readyToSubmit(app, token, ITEM, form, `pool-${n}`) });
    // Nothing above needed a case's clock: the first submissions find the calendar not loaded yet.
    const answers = await Promise.all(drafts.map(({ token, draft }) => app.send('POST', `/api/applications/${draft.id}/submit`, token)));
    const problems = await Promise.all(answers.filter((a) => a.status !== 200).map(async (a) => `${a.status} ${await a.text()}`));
    expect(problems).toEqual([]);
    const submitted = await Promise.all(answers.map((a) => json<ApplicationView>(a, 200)));
    expect(new Set(submitted.map((s) => s.caseNumber)).size).toBe(6);
    expect(submitted.every((s) => s.status === 'submitted' && s.clock !== null)).toBe(true);
  }, 60_000);
});
