import type { Me, Problem } from '@gov/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './test-app.js';

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app.close(); });

describe('GET /api/me', () => {
  it('tells a citizen who they are, with the ID number masked and only the portal area', async () => {
    const response = await app.get('/api/me', await app.token());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      id: 'c0a80101-0000-4000-8000-000000000001',
      username: 'citizen1',
      name: '张伟',
      email: 'zhangwei@example.com',
      roles: ['citizen'],
      departments: [],
      idNumberMasked: '210102***********3',
      company: null,
      areas: ['portal'],
    });
  });

  it('tells an enterprise user which company they act for', async () => {
    const me = await app.getJson<Me>('/api/me', await app.token({ creditCode: '91210102MA0Q123453', companyName: '沈阳市和平区味之源餐饮有限公司' }));
    expect(me.company).toEqual({ creditCode: '91210102MA0Q123453', name: '沈阳市和平区味之源餐饮有限公司' });
  });

  it('lists an approver\'s departments from the group paths', async () => {
    const token = await app.token({ preferred_username: 'approver-amr', realm_access: { roles: ['approver'] }, groups: ['/沈阳市/市场监督管理局'], idNumber: undefined });
    const me = await app.getJson<Me>('/api/me', token);
    expect(me.departments).toEqual([{ path: '/沈阳市/市场监督管理局', name: '市场监督管理局' }]);
    expect(me.areas).toEqual(['inbox']);
    expect(me.idNumberMasked).toBeNull();
  });

  it('refuses a request without a token with a problem document', async () => {
    const response = await app.get('/api/me');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', instance: '/api/me' });
  });

  it('refuses an expired token', async () => {
    const token = await app.token({}, { expiresIn: Math.floor(Date.now() / 1000) - 60 });
    const body = await app.getJson<Problem>('/api/me', token);
    expect(body).toMatchObject({ status: 401, code: 'TOKEN_EXPIRED' });
  });

  it('refuses a token issued for another audience', async () => {
    const body = await app.getJson<Problem>('/api/me', await app.token({ aud: 'some-other-api' }));
    expect(body).toMatchObject({ status: 401, code: 'TOKEN_INVALID' });
    expect(body.detail).toMatch(/aud/);
  });

  it('refuses a token from another issuer', async () => {
    const body = await app.getJson<Problem>('/api/me', await app.token({ iss: 'http://evil.test/realms/gov' }));
    expect(body).toMatchObject({ status: 401, code: 'TOKEN_INVALID' });
  });

  it('refuses a tampered token', async () => {
    const token = await app.token();
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'x', realm_access: { roles: ['admin'] }, iss: 'http://keycloak.test/realms/gov', aud: 'gov-api', exp: 4102444800 })).toString('base64url');
    const body = await app.getJson<Problem>('/api/me', `${header}.${forged}.${signature}`);
    expect(body).toMatchObject({ status: 401, code: 'TOKEN_INVALID' });
  });

  it('refuses a malformed Authorization header', async () => {
    const response = await fetch(`${app.baseUrl}/api/me`, { headers: { authorization: 'Basic abc' } });
    expect(await response.json()).toMatchObject({ status: 401, code: 'TOKEN_MALFORMED' });
  });
});

describe('GET /api/config', () => {
  it('tells anyone where Keycloak is, without login', async () => {
    const response = await app.get('/api/config');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ keycloakUrl: 'http://127.0.0.1:9/unreachable', realm: 'gov', clientId: 'gov-web' });
  });
});
