// Operations console: an operator sees the incident a failing department caused, retries it once
// the department is back, cancels a case with a reason, and reads department health.
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { type RunningEngine, startEngine } from '@gov/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { type DeptSim, startDeptSim } from '../../dept-sim/src/index.js';
import { applicationVariables, caseNumber, eventually, FIXTURES, type InProcessWorker, setFaults, startInProcessWorker } from '../../worker/test/support.js';
import { startTestApp, type TestApp } from './test-app.js';

const admin = { sub: 'admin-1', preferred_username: 'admin1', realm_access: { roles: ['admin'] } };

interface Incident { incidentKey: string; processInstanceKey: string; elementId: string; errorType: string; errorMessage: string; variables: Record<string, unknown> }

describe('operations console (/api/operations)', () => {
  let engineDb: TestDatabase;
  let engine: RunningEngine;
  let camunda: Camunda8;
  let app: TestApp;
  let sim: DeptSim;
  let worker: InProcessWorker;
  let token: string;

  const post = (route: string, body: unknown, bearer = token) => fetch(`${app.baseUrl}${route}`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify(body),
  });
  const state = async (key: string) => ((await (await fetch(`${engine.restAddress}/v2/process-instances/${key}`)).json()) as { state: string }).state;
  const start = async (variables: ReturnType<typeof applicationVariables>) =>
    (await camunda.getZeebeGrpcApiClient().createProcessInstance({ bpmnProcessId: 'dept-submit-query', variables })).processInstanceKey;

  beforeAll(async () => {
    engineDb = await createTestDatabase();
    engine = await startEngine({ databaseUrl: engineDb.url, grpcPort: 0, restPort: 0 });
    camunda = new Camunda8({
      ZEEBE_GRPC_ADDRESS: engine.grpcAddress, ZEEBE_REST_ADDRESS: engine.restAddress, CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_LOG_LEVEL: 'none',
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
    });
    await camunda.getZeebeGrpcApiClient().deployResource({ processFilename: path.join(FIXTURES, 'dept-submit-query.bpmn') });
    app = await startTestApp({ env: { ZEEBE_GRPC_ADDRESS: engine.grpcAddress, ZEEBE_REST_ADDRESS: engine.restAddress } });
    sim = await startDeptSim({ port: 0, platformUrl: null, processingDelayMs: 50 });
    worker = startInProcessWorker(engine, { DEPT_SIM_URL: sim.url, DATABASE_URL: app.database.url, WORKER_BREAKER_THRESHOLD: '100' });
    token = await app.token(admin);
  });

  afterAll(async () => {
    // The audit log is written just after the answer; let the last entry land before the database goes.
    await eventually(async () => expect((await app.getJson<{ items: { path: string }[] }>('/api/audit?limit=3', token)).items.map((i) => i.path)).toContain('/api/operations/incidents/1/retry'));
    await worker?.close();
    await sim?.close();
    await app?.close();
    await camunda?.getZeebeGrpcApiClient().close(1000).catch(() => undefined);
    await engine?.stop();
    await engineDb?.drop();
  });

  it('shows the incident of a department that kept failing, and the case completes after the operator retries it', async () => {
    // given a department answering 503 until the job's retries ran out
    await setFaults(sim, 'amr', { errorRate: 1 });
    const number = caseNumber();
    const key = await start(applicationVariables(number, { submitRetries: 2 }));
    const incident = await eventually(async () => {
      const found = (await app.getJson<Incident[]>(`/api/operations/incidents?processInstanceKey=${key}`, token));
      expect(found).toHaveLength(1);
      return found[0]!;
    });
    expect(incident).toMatchObject({ elementId: 'submit', errorType: 'JOB_NO_RETRIES', errorMessage: expect.stringContaining('503') });
    expect(incident.variables).toMatchObject({ caseNumber: number });

    // when the department is back and the operator retries
    await setFaults(sim, 'amr', {});
    const retried = await post(`/api/operations/incidents/${incident.incidentKey}/retry`, { retries: 2 });
    expect(retried.status).toBe(200);

    // then the case completes and the incident is gone
    await eventually(async () => expect(await state(key)).toBe('COMPLETED'));
    expect(await app.getJson<Incident[]>(`/api/operations/incidents?processInstanceKey=${key}`, token)).toEqual([]);
    expect((await post(`/api/operations/incidents/${incident.incidentKey}/retry`, {})).status).toBe(404);

    // and department health counts the failed calls
    const health = await eventually(async () => {
      const rows = await app.getJson<{ department: string; calls: number; failures: number }[]>('/api/operations/departments/health', token);
      const amr = rows.find((r) => r.department === 'amr');
      expect(amr?.failures).toBeGreaterThanOrEqual(2);
      return amr!;
    });
    expect(health.calls).toBeGreaterThan(health.failures);
  });

  it('cancels a running case with a reason, and refuses without one', async () => {
    await setFaults(sim, 'amr', { down: true });
    const key = await start(applicationVariables(caseNumber(), { submitRetries: 50 }));
    expect((await post(`/api/operations/cases/${key}/cancel`, {})).status).toBe(400);
    const cancelled = await post(`/api/operations/cases/${key}/cancel`, { reason: '申请人撤回申请' });
    expect(cancelled.status).toBe(200);
    expect(await state(key)).not.toBe('ACTIVE');
    expect((await post(`/api/operations/cases/${key}/cancel`, { reason: '再次撤销' })).status).toBe(404);
    await setFaults(sim, 'amr', {});
  });

  it('is for admins and supervisors only', async () => {
    expect((await app.get('/api/operations/incidents', await app.token())).status).toBe(403);
    expect((await post('/api/operations/incidents/1/retry', {}, await app.token())).status).toBe(403);
    expect((await app.get('/api/operations/incidents')).status).toBe(401);
  });
});
