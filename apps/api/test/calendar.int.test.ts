// The working-day calendar behind statutory time limits: seeded with the State Council's
// arrangement, readable by anyone, corrected by platform admins only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarYear, DueDate, Problem } from '@gov/contracts';
import { startTestApp, type TestApp } from './test-app.js';

let app: TestApp;
const admin = { sub: 'admin-1', preferred_username: 'admin1', realm_access: { roles: ['admin'] } };
const deptAdmin = { sub: 'da-amr', preferred_username: 'deptadmin-amr', realm_access: { roles: ['dept-admin'] }, groups: ['/沈阳市/市场监督管理局'] };

beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app.close(); });

const put = (date: string, body: unknown, token: string | null) => app.send('PUT', `/api/calendar/days/${date}`, token, body);

describe('working-day calendar', () => {
  it('is seeded with the 2026 holidays and adjusted working days', async () => {
    const year = await app.getJson<CalendarYear>('/api/public/calendar/2026');
    expect(year.days).toContainEqual({ date: '2026-10-01', kind: 'holiday', name: '国庆节', updatedBy: 'seed:chinese-days' });
    expect(year.days).toContainEqual(expect.objectContaining({ date: '2026-10-10', kind: 'workday' }));
  });

  it('computes a due date that skips the National Day holidays', async () => {
    expect(await app.getJson<DueDate>('/api/public/calendar/due-date?start=2026-09-30&days=3')).toEqual({ start: '2026-09-30', days: 3, dueDate: '2026-10-10' });
  });

  it('lets a platform admin declare an extra holiday, which moves due dates, and remove it again', async () => {
    const token = await app.token(admin);
    expect((await put('2026-03-09', { kind: 'holiday', name: '临时停工' }, token)).status).toBe(204);
    expect((await app.getJson<DueDate>('/api/public/calendar/due-date?start=2026-03-06&days=1')).dueDate).toBe('2026-03-10');
    const year = await app.getJson<CalendarYear>('/api/public/calendar/2026');
    expect(year.days).toContainEqual({ date: '2026-03-09', kind: 'holiday', name: '临时停工', updatedBy: 'admin1' });
    const removed = await app.send('DELETE', '/api/calendar/days/2026-03-09', token);
    expect(removed.status).toBe(204);
    expect((await app.getJson<DueDate>('/api/public/calendar/due-date?start=2026-03-06&days=1')).dueDate).toBe('2026-03-09');
  });

  it('refuses department admins and citizens, and leaves the calendar unchanged', async () => {
    expect((await put('2026-03-10', { kind: 'holiday', name: 'x' }, await app.token(deptAdmin))).status).toBe(403);
    expect((await put('2026-03-10', { kind: 'holiday', name: 'x' }, await app.token())).status).toBe(403);
    expect((await put('2026-03-10', { kind: 'holiday', name: 'x' }, null)).status).toBe(401);
    expect((await app.getJson<DueDate>('/api/public/calendar/due-date?start=2026-03-09&days=1')).dueDate).toBe('2026-03-10');
  });

  it('names the bad field of an invalid declaration', async () => {
    const response = await put('2026-02-30', { kind: 'holiday', name: 'x' }, await app.token(admin));
    expect(response.status).toBe(400);
    const other = await put('2026-03-10', { kind: 'vacation', name: '' }, await app.token(admin));
    expect(((await other.json()) as Problem).errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['kind', 'name']));
  });
});
