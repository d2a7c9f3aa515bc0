import type { Problem, PublicInfo, PublicInfoList } from '@gov/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './test-app.js';

let app: TestApp;
const admin = { sub: 'admin-1', preferred_username: 'admin1', realm_access: { roles: ['admin'] } };

beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app.close(); });

const send = (method: string, path: string, token: string | null, body?: unknown) => app.send(method, path, token, body);

const notice = { kind: 'notice', title: '元旦假期政务服务大厅办公时间安排', summary: '1月1日至3日大厅暂停现场服务，网上办理不受影响。', publishedOn: '2026-12-25' };

describe('public information (R3)', () => {
  it('discloses the seeded laws and policies, complaint channels and intermediary services to anyone', async () => {
    const policies = await app.getJson<PublicInfoList>('/api/public/info?kind=policy');
    expect(policies.items.map((p) => p.documentNumber)).toEqual(expect.arrayContaining(['国发〔2016〕55号', '沈政发〔2017〕15号']));
    expect(policies.items.every((p) => p.kind === 'policy')).toBe(true);
    const channels = await app.getJson<PublicInfoList>('/api/public/info?kind=complaint-channel');
    expect(channels.items.some((c) => c.contact?.includes('12345'))).toBe(true);
    expect((await app.getJson<PublicInfoList>('/api/public/info?kind=intermediary')).items.length).toBeGreaterThanOrEqual(3);
  });

  it('finds entries by keyword, including the document number', async () => {
    const found = await app.getJson<PublicInfoList>(`/api/public/info?q=${encodeURIComponent('15号')}`);
    expect(found.items.map((p) => p.documentNumber)).toEqual(['沈政发〔2017〕15号']);
  });

  it('lets an admin publish a notice, withdraw it from the public, and delete it', async () => {
    const token = await app.token(admin);
    const created = await send('POST', '/api/info', token, notice);
    expect(created.status).toBe(201);
    const entry = (await created.json()) as PublicInfo;
    expect(entry).toMatchObject({ ...notice, published: true, updatedBy: 'admin1' });
    expect((await app.getJson<PublicInfoList>('/api/public/info?kind=notice')).items.map((n) => n.title)).toContain(notice.title);

    const withdrawn = await send('PUT', `/api/info/${entry.id}`, token, { ...notice, published: false });
    expect(withdrawn.status).toBe(200);
    expect((await app.getJson<PublicInfoList>('/api/public/info?kind=notice')).items.map((n) => n.title)).not.toContain(notice.title);
    expect((await app.get(`/api/public/info/${entry.id}`)).status).toBe(404);
    expect((await app.getJson<PublicInfoList>('/api/info?kind=notice', token)).items.map((n) => n.title)).toContain(notice.title);

    expect((await send('DELETE', `/api/info/${entry.id}`, token)).status).toBe(204);
    expect((await app.get(`/api/info`, token)).status).toBe(200);
    expect((await send('DELETE', `/api/info/${entry.id}`, token)).status).toBe(404);
  });

  it('refuses an entry without a title or with an unknown kind, naming the fields', async () => {
    const response = await send('POST', '/api/info', await app.token(admin), { ...notice, kind: 'gossip', title: '' });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as Problem;
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['kind', 'title']);
  });

  it('refuses writes by anyone but a platform admin', async () => {
    expect((await send('POST', '/api/info', null, notice)).status).toBe(401);
    const citizen = await send('POST', '/api/info', await app.token(), notice);
    expect(citizen.status).toBe(403);
    const deptAdmin = await send('POST', '/api/info', await app.token({ realm_access: { roles: ['dept-admin'] } }), notice);
    expect(deptAdmin.status).toBe(403);
  });
});
