// Department callbacks end to end: a real worker pushes the application to the simulated
// department, which decides and calls back; the API checks the signature, records the event once
// and publishes the decision to the waiting process on the embedded engine.
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { type RunningEngine, startEngine } from '@gov/engine';
import { signedPayload } from '@gov/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { type DeptSim, devCallbackSecret, startDeptSim } from '../../dept-sim/src/index.js';
import { FIXTURES, type InProcessWorker, startInProcessWorker } from '../../worker/test/support.js';
import { startTestApp, type TestApp } from './test-app.js';

const admin = { sub: 'admin-1', preferred_username: 'admin1', realm_access: { roles: ['admin'] } };
const amrAdmin = { sub: 'deptadmin-amr', preferred_username: 'deptadmin-amr', realm_access: { roles: ['dept-admin'] }, groups: ['/沈阳市/市场监督管理局'] };

interface Exchange { direction: string; outcome: string; status: number; caseNumber: string | null; eventId: string | null; payloadHash: string }

async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  }
}

describe('department callbacks (POST /api/integrations/{dept}/events)', () => {
  let engineDb: TestDatabase;
  let engine: RunningEngine;
  let camunda: Camunda8;
  let app: TestApp;
  let sim: DeptSim;
  let worker: InProcessWorker;
  let adminToken: string;

  const connection = (overrides: Record<string, unknown> = {}) => ({
    name: '市场监督管理局登记注册系统',
    baseUrl: sim.urlOf('amr'),
    auth: { kind: 'api-key', apiKey: 'amr-dev-api-key' },
    callbackSecret: devCallbackSecret('amr'),
    ...overrides,
  });
  const put = async (pathName: string, body: unknown, token: string) => fetch(`${app.baseUrl}${pathName}`, {
    method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body),
  });
  const postEvent = (department: string, body: unknown, headers: Record<string, string>) => fetch(`${app.baseUrl}/api/integrations/${department}/events`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
  });
  const sign = (body: unknown, timestamp = String(Math.floor(Date.now() / 1000)), secret = devCallbackSecret('amr')) => ({
    'x-gov-timestamp': timestamp,
    'x-gov-signature': `sha256=${createHmac('sha256', secret).update(signedPayload(timestamp, body)).digest('hex')}`,
  });
  const exchanges = async (query: string) => (await app.getJson<{ items: Exchange[] }>(`/api/integrations/exchanges?${query}`, adminToken)).items;
  const state = async (key: string) => ((await (await fetch(`${engine.restAddress}/v2/process-instances/${key}`)).json()) as { state: string }).state;

  beforeAll(async () => {
    engineDb = await createTestDatabase();
    engine = await startEngine({ databaseUrl: engineDb.url, grpcPort: 0, restPort: 0 });
    camunda = new Camunda8({
      ZEEBE_GRPC_ADDRESS: engine.grpcAddress, ZEEBE_REST_ADDRESS: engine.restAddress, CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_LOG_LEVEL: 'none',
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
    });
    await camunda.getZeebeGrpcApiClient().deployResource({ processFilename: path.join(FIXTURES, 'dept-submit-callback.bpmn') });
    await camunda.getZeebeGrpcApiClient().deployResource({ processFilename: path.join(FIXTURES, 'dept-two-departments.bpmn') });
    app = await startTestApp({ env: { ZEEBE_GRPC_ADDRESS: engine.grpcAddress, ZEEBE_REST_ADDRESS: engine.restAddress } });
    sim = await startDeptSim({ port: 0, platformUrl: app.baseUrl, processingDelayMs: 50, callbackBackoffMs: 50 });
    // No DEPT_SIM_URL: the worker knows the departments only from the connections the admin saves below.
    worker = startInProcessWorker(engine, { DATABASE_URL: app.database.url });
    adminToken = await app.token(admin);
    expect((await put('/api/integrations/connections/amr', connection(), adminToken)).status).toBe(200);
    expect((await put('/api/integrations/connections/psb', connection({ baseUrl: sim.urlOf('psb'), callbackSecret: devCallbackSecret('psb'), auth: { kind: 'api-key', apiKey: 'psb-dev-api-key' } }), adminToken)).status).toBe(200);
  });

  afterAll(async () => {
    // The audit log is written just after the answer; let the last entry land before the database goes.
    await eventually(async () => expect((await app.getJson<{ items: { path: string; status: number }[] }>('/api/audit?limit=3', adminToken)).items).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: '/api/integrations/connections/amr', status: 400 }),
      expect.objectContaining({ path: '/api/integrations/connections/amr', status: 403 }),
    ])));
    await worker?.close();
    await sim?.close();
    await app?.close();
    await camunda?.getZeebeGrpcApiClient().close(1000).catch(() => undefined);
    await engine?.stop();
    await engineDb?.drop();
  });

  it('correlates a department\'s signed decision to the waiting case, and handles a redelivered event once', async () => {
    // given a case waiting for 市场监督管理局's decision
    const caseNumber = `SY-CB-${Date.now()}`;
    const { processInstanceKey } = await camunda.getZeebeGrpcApiClient().createProcessInstance({
      bpmnProcessId: 'dept-submit-callback',
      variables: { caseNumber, itemCode: '11210100MB0000001X-001', applicant: { name: '张伟', idNumber: '210102199003071233' }, formData: {} },
    });

    // when the department decides and calls back
    await eventually(async () => expect(await state(processInstanceKey)).toBe('COMPLETED'));

    // then the decision arrived through the callback, and the exchange is logged
    const variables = ((await (await fetch(`${engine.restAddress}/v2/variables/search`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ filter: { processInstanceKey, scopeKey: processInstanceKey } }),
    })).json()) as { items: { name: string; value: string }[] }).items;
    const decision = JSON.parse(variables.find((v) => v.name === 'amrDecision')!.value);
    expect(decision).toMatchObject({ status: 'approved', result: { registrationNumber: expect.stringMatching(/^91210100MA/) } });
    const logged = await eventually(async () => {
      const found = await exchanges(`caseNumber=${caseNumber}`);
      expect(found).toHaveLength(2);
      return found;
    });
    expect(logged).toEqual(expect.arrayContaining([
      expect.objectContaining({ direction: 'outbound', method: 'POST', outcome: 'success', status: 201, eventId: expect.any(String), payloadHash: expect.stringMatching(/^[0-9a-f]{64}$/) }),
      expect.objectContaining({ direction: 'callback', outcome: 'success', status: 202, payloadHash: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]));

    // when the department sends the same event again
    const amr = sim.departments.get('amr')!;
    const index = amr.callbacks.findIndex((c) => c.event.caseNumber === caseNumber);
    const resend = await fetch(`${sim.url}/admin/departments/amr/callbacks/${index}/resend`, { method: 'POST' });
    expect(((await resend.json()) as { delivered: boolean }).delivered).toBe(true);

    // then it is acknowledged as a duplicate and handled once
    const after = (await exchanges(`caseNumber=${caseNumber}`)).filter((e) => e.direction === 'callback');
    expect(after.map((e) => e.outcome)).toEqual(['duplicate', 'success']);
    expect(new Set(after.map((e) => e.eventId)).size).toBe(1);
  });

  it('runs a case through two department systems in parallel, each decision arriving by its own callback, then notifies the applicant', async () => {
    const caseNumber = `SY-TWO-${Date.now()}`;
    const { processInstanceKey } = await camunda.getZeebeGrpcApiClient().createProcessInstance({
      bpmnProcessId: 'dept-two-departments',
      variables: { caseNumber, itemCode: '11210100MB0000002X-001', applicant: { name: '张伟', idNumber: '210102199003071233' }, formData: {} },
    });

    await eventually(async () => expect(await state(processInstanceKey)).toBe('COMPLETED'));
    expect(sim.departments.get('amr')!.byCaseNumber(caseNumber)).toHaveLength(1);
    expect(sim.departments.get('psb')!.byCaseNumber(caseNumber)).toHaveLength(1);
    expect(worker.notifications.delivered.filter((n) => n.params.caseNumber === caseNumber)).toEqual([
      expect.objectContaining({ template: 'application.completed', channel: 'sms' }),
    ]);
    const logged = await eventually(async () => {
      const found = await exchanges(`caseNumber=${caseNumber}`);
      expect(found).toHaveLength(4);
      return found;
    });
    expect(logged.filter((e) => e.direction === 'callback').map((e) => e.outcome)).toEqual(['success', 'success']);
  });

  it('refuses callbacks with a wrong signature, a stale timestamp or no signature, and logs them as rejected', async () => {
    const event = {
      eventId: 'evt-forged-0001', type: 'application.decided', caseNumber: 'SY-FORGED-1', applicationId: 'AMR-2026-999999',
      status: 'approved', result: { registrationNumber: 'forged' }, reason: null, occurredAt: new Date().toISOString(),
    };
    const wrongSecret = await postEvent('amr', event, sign(event, undefined, 'not-the-secret-of-amr'));
    expect(wrongSecret.status).toBe(401);
    expect(((await wrongSecret.json()) as { code: string }).code).toBe('SIGNATURE_INVALID');
    const tampered = await postEvent('amr', { ...event, result: { registrationNumber: 'other' } }, sign(event));
    expect(((await tampered.json()) as { code: string }).code).toBe('SIGNATURE_INVALID');
    const stale = await postEvent('amr', event, sign(event, String(Math.floor(Date.now() / 1000) - 3600)));
    expect(((await stale.json()) as { code: string }).code).toBe('SIGNATURE_EXPIRED');
    const unsigned = await postEvent('amr', event, {});
    expect(unsigned.status).toBe(401);
    expect((await postEvent('nowhere', event, sign(event))).status).toBe(404);
    // a department without a connection cannot call back either
    expect((await postEvent('hrss', event, sign(event, undefined, devCallbackSecret('hrss')))).status).toBe(404);

    const rejected = await exchanges('department=amr&outcome=rejected');
    expect(rejected.length).toBeGreaterThanOrEqual(4);
    expect(rejected.every((e) => e.status === 401)).toBe(true);
  });

  it('accepts a validly signed event whose body is malformed only as a 400 naming the field', async () => {
    const body = { eventId: 'evt-bad-0001', type: 'application.decided', caseNumber: 'SY-BAD-1' };
    const response = await postEvent('amr', body, sign(body));
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { code: string; fieldProblems?: unknown; detail: string };
    expect(problem.code).toBe('VALIDATION_FAILED');
  });

  it('stops calling a department whose connection an admin switched off; the operator retries once it is on again', async () => {
    // given 市场监督管理局's connection switched off
    expect((await put('/api/integrations/connections/amr', connection({ enabled: false }), adminToken)).status).toBe(200);
    const caseNumber = `SY-OFF-${Date.now()}`;
    const { processInstanceKey } = await camunda.getZeebeGrpcApiClient().createProcessInstance({
      bpmnProcessId: 'dept-submit-callback',
      variables: { caseNumber, itemCode: '11210100MB0000001X-001', applicant: { name: '张伟', idNumber: '210102199003071233' }, formData: {} },
    });

    // then the step becomes an incident naming the missing connection, and nothing reached the department
    const incident = await eventually(async () => {
      const found = await app.getJson<{ incidentKey: string; errorMessage: string }[]>(`/api/operations/incidents?processInstanceKey=${processInstanceKey}`, adminToken);
      expect(found).toHaveLength(1);
      return found[0]!;
    });
    expect(incident.errorMessage).toContain('No system is connected for department amr');
    expect(sim.departments.get('amr')!.byCaseNumber(caseNumber)).toHaveLength(0);

    // when the admin switches it on again and the operator retries
    expect((await put('/api/integrations/connections/amr', connection(), adminToken)).status).toBe(200);
    const retried = await fetch(`${app.baseUrl}/api/operations/incidents/${incident.incidentKey}/retry`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` }, body: '{}',
    });
    expect(retried.status).toBe(200);

    // then the case goes through (the worker re-reads connections within WORKER_CONNECTIONS_MAX_AGE_MS)
    await eventually(async () => expect(await state(processInstanceKey)).toBe('COMPLETED'));
    expect(sim.departments.get('amr')!.byCaseNumber(caseNumber)).toHaveLength(1);
  });

  it('lets admins manage every connection and a dept-admin only their own, never returning secrets', async () => {
    const deptAdminToken = await app.token(amrAdmin);
    const own = await put('/api/integrations/connections/amr', connection({ timeoutMs: 5000 }), deptAdminToken);
    expect(own.status).toBe(200);
    const saved = (await own.json()) as Record<string, unknown>;
    expect(saved).toMatchObject({ department: 'amr', authKind: 'api-key', timeoutMs: 5000, updatedBy: 'deptadmin-amr' });
    expect(JSON.stringify(saved)).not.toContain('dev-callback-secret');
    expect(JSON.stringify(saved)).not.toContain('amr-dev-api-key');

    const other = await put('/api/integrations/connections/psb', connection({ baseUrl: sim.urlOf('psb'), callbackSecret: devCallbackSecret('psb') }), deptAdminToken);
    expect(other.status).toBe(403);
    expect(((await other.json()) as { code: string }).code).toBe('DEPARTMENT_SCOPE');
    const list = await app.getJson<{ department: string }[]>('/api/integrations/connections', deptAdminToken);
    expect(list.map((c) => c.department)).toEqual(['amr']);
    expect((await app.getJson<{ department: string }[]>('/api/integrations/connections', adminToken)).map((c) => c.department)).toEqual(['amr', 'psb']);

    const invalid = await put('/api/integrations/connections/amr', connection({ baseUrl: 'not a url', callbackSecret: 'short' }), adminToken);
    expect(invalid.status).toBe(400);
    const citizen = await put('/api/integrations/connections/amr', connection(), await app.token());
    expect(citizen.status).toBe(403);
  });
});
