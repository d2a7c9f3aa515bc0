import type { HealthReport } from '../src/modules/health/health.service.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './test-app.js';

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app.close(); });

describe('health', () => {
  it('reports the database up, Keycloak unreachable and the engine not configured', async () => {
    const response = await app.get('/api/health');
    expect(response.status).toBe(200);
    const body = (await response.json()) as HealthReport;
    expect(body.status).toBe('degraded');
    expect(body.checks.database.status).toBe('up');
    expect(body.checks.keycloak.status).toBe('down');
    expect(body.checks.engine).toEqual({ status: 'unavailable', detail: expect.stringContaining('ZEEBE_GRPC_ADDRESS') });
  });

  it('is ready once the database answers and migrations ran', async () => {
    const response = await app.get('/api/health/ready');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'up' });
  });

  it('reports an engine that does not answer as down', async () => {
    const other = await startTestApp({ env: { ZEEBE_GRPC_ADDRESS: 'grpc://127.0.0.1:9' } });
    try {
      const body = await other.getJson<HealthReport>('/api/health');
      expect(body.checks.engine.status).toBe('down');
    } finally {
      await other.close();
    }
  });
});

describe('error responses', () => {
  it('answers an unknown API route with a 404 problem document', async () => {
    const response = await app.get('/api/no-such-thing');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('answers malformed JSON with a 400 problem document that says so', async () => {
    const response = await fetch(`${app.baseUrl}/api/me`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"broken":' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
  });

  it('echoes a caller\'s request id and puts it in problem documents', async () => {
    const response = await fetch(`${app.baseUrl}/api/me`, { headers: { 'x-request-id': 'trace-123' } });
    expect(response.headers.get('x-request-id')).toBe('trace-123');
    expect(await response.json()).toMatchObject({ requestId: 'trace-123' });
  });
});

describe('OpenAPI', () => {
  it('publishes the document with every route', async () => {
    const response = await app.get('/api/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/me', '/api/config', '/api/health', '/api/audit']));
  });

  it('serves a browsable UI', async () => {
    const response = await app.get('/api/docs');
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/swagger/i);
  });
});
