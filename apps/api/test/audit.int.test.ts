import { Body, Controller, Module, Param, Post } from '@nestjs/common';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditChainReport, AuditPage, Problem } from '@gov/contracts';
import { z } from 'zod';
import { Roles } from '../src/common/auth/access.decorators.js';
import { ZodPipe } from '../src/common/zod.pipe.js';
import { startTestApp, type TestApp } from './test-app.js';

// A state-changing route of the shape later features will have, to exercise the audit trail.
@Controller('test-cases')
@Roles('approver')
class TestCaseController {
  @Post(':caseNo/decision')
  decide(@Param('caseNo') caseNo: string, @Body(new ZodPipe(z.object({ decision: z.enum(['approve', 'reject']) }), 'decision')) body: { decision: string }) {
    return { caseNo, decision: body.decision };
  }
}
@Module({ controllers: [TestCaseController] })
class TestCaseModule {}

let app: TestApp;
const approver = { sub: 'approver-1', preferred_username: 'approver-amr', realm_access: { roles: ['approver'] }, groups: ['/沈阳市/市场监督管理局'] };
const admin = { sub: 'admin-1', preferred_username: 'admin1', realm_access: { roles: ['admin'] } };

beforeAll(async () => { app = await startTestApp({ extraModules: [TestCaseModule] }); });
afterAll(async () => { await app.close(); });

async function post(path: string, token: string | null, body: unknown, requestId: string): Promise<Response> {
  return fetch(`${app.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

/** Audit entries are written once the response is finished; poll briefly for one. */
async function auditEntryFor(requestId: string): Promise<AuditPage['items'][number]> {
  const adminToken = await app.token(admin);
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const page = await app.getJson<AuditPage>('/api/audit?limit=200', adminToken);
    const entry = page.items.find((item) => item.requestId === requestId);
    if (entry) return entry;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no audit entry for ${requestId}`);
}

describe('audit log', () => {
  it('records an accepted decision with actor, roles, action, target and outcome', async () => {
    const response = await post('/api/test-cases/SY2026-000123/decision', await app.token(approver), { decision: 'approve' }, 'req-ok');
    expect(response.status).toBe(201);
    expect(await auditEntryFor('req-ok')).toMatchObject({
      actorId: 'approver-1',
      actorName: 'approver-amr',
      actorRoles: ['approver'],
      action: 'POST /api/test-cases/:caseNo/decision',
      path: '/api/test-cases/SY2026-000123/decision',
      status: 201,
      outcome: 'success',
      clientIp: expect.stringContaining('127.0.0.1'),
    });
  });

  it('records a citizen refused by role as denied', async () => {
    const response = await post('/api/test-cases/SY2026-000123/decision', await app.token(), { decision: 'approve' }, 'req-denied');
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'ROLE_REQUIRED' });
    expect(await auditEntryFor('req-denied')).toMatchObject({ actorName: 'citizen1', status: 403, outcome: 'denied' });
  });

  it('records an anonymous attempt as denied', async () => {
    await post('/api/test-cases/SY2026-000123/decision', null, { decision: 'approve' }, 'req-anon');
    expect(await auditEntryFor('req-anon')).toMatchObject({ actorId: null, status: 401, outcome: 'denied' });
  });

  it('rejects an invalid body with the field named, and records it as rejected', async () => {
    const response = await post('/api/test-cases/SY2026-000123/decision', await app.token(approver), { decision: 'maybe' }, 'req-bad');
    expect(response.status).toBe(400);
    const problem = (await response.json()) as Problem;
    expect(problem).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'decision' }] });
    expect(problem.detail).toMatch(/decision/);
    expect(await auditEntryFor('req-bad')).toMatchObject({ outcome: 'rejected', status: 400 });
  });

  it('is readable by supervisors but not by citizens or approvers', async () => {
    expect((await app.get('/api/audit', await app.token({ realm_access: { roles: ['supervisor'] } }))).status).toBe(200);
    const refused = await app.get('/api/audit', await app.token());
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'ROLE_REQUIRED' });
    expect((await app.get('/api/audit', await app.token(approver))).status).toBe(403);
  });

  it('rejects an unknown query parameter with a clear message', async () => {
    const response = await app.get('/api/audit?colour=red', await app.token(admin));
    expect(response.status).toBe(400);
    expect(((await response.json()) as Problem).detail).toMatch(/colour/);
  });

  it('pages newest first', async () => {
    const adminToken = await app.token(admin);
    await auditEntryFor('req-bad');
    const first = await app.getJson<AuditPage>('/api/audit?limit=2', adminToken);
    expect(first.items).toHaveLength(2);
    expect(first.items[0]?.seq).toBeGreaterThan(first.items[1]?.seq ?? Infinity);
    const second = await app.getJson<AuditPage>(`/api/audit?limit=2&before=${first.nextBefore}`, adminToken);
    expect(second.items[0]?.seq).toBeLessThan(first.items[1]?.seq ?? -1);
  });

  it('keeps one unbroken chain when a burst of requests is written in batches', async () => {
    const token = await app.token(approver);
    const burst = Array.from({ length: 120 }, (_, i) => post(`/api/test-cases/BURST-${i}/decision`, token, { decision: 'approve' }, `req-burst-${i}`));
    expect((await Promise.all(burst)).every((r) => r.status === 201)).toBe(true);
    await auditEntryFor('req-burst-119');
    const adminToken = await app.token(admin);
    // Every request has its entry, and the chain verifies from the first to the last.
    const page = await app.getJson<AuditPage>('/api/audit?limit=200', adminToken);
    expect(page.items.filter((e) => e.requestId?.startsWith('req-burst-')).length).toBe(120);
    expect(await app.getJson<AuditChainReport>('/api/audit/verify', adminToken)).toMatchObject({ intact: true, firstBrokenSeq: null });
  });

  it('keeps an intact hash chain, and detects an entry changed behind its back', async () => {
    const adminToken = await app.token(admin);
    await auditEntryFor('req-anon');
    const before = await app.getJson<AuditChainReport>('/api/audit/verify', adminToken);
    expect(before).toMatchObject({ intact: true, firstBrokenSeq: null });
    expect(before.entries).toBeGreaterThanOrEqual(4);

    const client = new pg.Client({ connectionString: app.database.url });
    await client.connect();
    try {
      await expect(client.query("UPDATE audit_entry SET outcome = 'success'")).rejects.toThrow(/append-only/);
      await expect(client.query('DELETE FROM audit_entry')).rejects.toThrow(/append-only/);
      // Someone with superuser rights disables the trigger and rewrites history:
      await client.query('ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_change');
      await client.query("UPDATE audit_entry SET actor_name = 'someone-else' WHERE seq = (SELECT min(seq) FROM audit_entry)");
    } finally {
      await client.end();
    }
    const after = await app.getJson<AuditChainReport>('/api/audit/verify', adminToken);
    expect(after.intact).toBe(false);
    expect(after.firstBrokenSeq).toBe(1);
  });
});
