// Operations console for department admins, and the circuit breaker in department health: a real
// case (居住证核发) is decided by the police, the worker pushes it to the police system, which is
// down; the job's retries run out and the case has an incident. Department admins of other
// departments neither see nor touch it; the police's department admin retries it once the system
// is back. The worker's breaker transitions, written to the database, show in department health.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApplicationView, CaseTask, MaterialFile } from '@gov/contracts';
import { type RunningEngine, startEngine } from '@gov/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { type DeptSim, startDeptSim } from '../../dept-sim/src/index.js';
import { loadWorkerConfig } from '../../worker/src/config/config.js';
import { DatabaseConnectionDirectory } from '../../worker/src/departments/connection-directory.js';
import { DepartmentClient } from '../../worker/src/departments/department-client.js';
import { PostgresExchangeLog } from '../../worker/src/departments/exchange-log.js';
import { jobHandlers } from '../../worker/src/jobs/index.js';
import { openJobWorkers } from '../../worker/src/job-runner.js';
import { LogNotificationAdapter } from '../../worker/src/notifications/notification.port.js';
import { applicationVariables, camundaFor, caseNumber, eventually, FAST_ENV, FIXTURES, setFaults } from '../../worker/test/support.js';
import { json, pdf } from './support.js';
import { startTestApp, type TestApp } from './test-app.js';

const ITEM = '210100-GG-00003-C'; // 居住证核发: pre-review → review → produce (dept.submit to psb) → result
const PSB = '/沈阳市/公安局';
const AMR = '/沈阳市/市场监督管理局';
const staff = (sub: string, roles: string[], groups: string[]) => ({ sub, preferred_username: sub, name: sub, realm_access: { roles }, groups, idNumber: undefined });
const people = {
  admin: staff('admin1', ['admin'], []),
  approverPsb: staff('approver-psb', ['approver'], [PSB]),
  deptAdminPsb: staff('deptadmin-psb', ['dept-admin'], [PSB]),
  deptAdminAmr: staff('deptadmin-amr', ['dept-admin'], [AMR]),
  deptAdminNowhere: staff('deptadmin-none', ['dept-admin'], []),
};

const png = (tag: string) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`IHDR-${tag}`)]);
const residenceForm = { address: '沈阳市和平区太原街1号', residentSince: '2025-06-01', basis: 'employment', delivery: 'counter', phone: '13800000000' };

interface Incident {
  incidentKey: string; processInstanceKey: string; elementId: string; errorType: string; errorMessage: string; variables: Record<string, unknown>;
  case: { applicationId: string; caseNumber: string | null; itemName: string; departments: string[] } | null;
}
interface Health {
  department: string; name: string | null; connected: boolean; calls: number; failures: number;
  breaker: { state: string; since: string | null; retryAt: string | null; workers: { worker: string; state: string }[]; transitions: { state: string; at: string }[] };
}

describe('operations console for department admins; breaker state in department health', () => {
  let engineDb: TestDatabase;
  let engine: RunningEngine;
  let app: TestApp;
  let sim: DeptSim;
  let storageDir: string;
  let worker: { close(): Promise<void> };
  const tokens: Record<string, string> = {};
  let citizen: string;

  const token = (who: keyof typeof people) => tokens[who] ?? '';
  const incidents = async (who: keyof typeof people) => json<Incident[]>(await app.get('/api/operations/incidents', token(who)), 200);
  const health = async (who: keyof typeof people) => json<Health[]>(await app.get('/api/operations/departments/health', token(who)), 200);

  /** citizen1 applies for a residence permit with every mandatory material: a real case at pre-review. */
  async function submitCase(tag: string): Promise<ApplicationView> {
    const draft = await json<ApplicationView>(await app.send('POST', '/api/applications', citizen, { itemCode: ITEM }), 201);
    await json(await app.send('PUT', `/api/applications/${draft.id}/form`, citizen, { formData: { ...draft.formData, ...residenceForm } }), 200);
    for (const material of draft.materials.filter((m) => m.requirement === 'mandatory')) {
      const body = new FormData();
      body.append('file', new Blob([material.materialId === 'photo' ? png(`${tag}-${draft.id}`) : pdf(`${tag}-${draft.id}-${material.materialId}`)]), `${material.materialId}.pdf`);
      const file = await json<MaterialFile>(await fetch(`${app.baseUrl}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${citizen}` }, body }), 201);
      await json(await app.send('PUT', `/api/applications/${draft.id}/materials/${material.materialId}`, citizen, { fileIds: [file.id] }), 200);
    }
    return json<ApplicationView>(await fetch(`${app.baseUrl}/api/applications/${draft.id}/submit`, { method: 'POST', headers: { authorization: `Bearer ${citizen}`, 'idempotency-key': `ops-${tag}` } }), 200);
  }

  async function approveStep(applicationId: string, elementId: string): Promise<void> {
    const task = await eventually(async () => {
      const open = await json<CaseTask[]>(await app.get(`/api/applications/${applicationId}/tasks`, token('approverPsb')), 200);
      const found = open.find((t) => t.elementId === elementId);
      if (!found) throw new Error(`no ${elementId} step yet`);
      return found;
    });
    await json(await app.send('POST', `/api/applications/${applicationId}/tasks/${task.taskKey}/decision`, token('approverPsb'), { decision: 'approve', opinion: '同意' }), 200);
  }

  beforeAll(async () => {
    engineDb = await createTestDatabase();
    engine = await startEngine({ databaseUrl: engineDb.url, grpcPort: 0, restPort: 0 });
    sim = await startDeptSim({ port: 0, platformUrl: null, processingDelayMs: 50 });
    storageDir = mkdtempSync(path.join(os.tmpdir(), 'gov-ops-'));
    // DEPT_SIM_URL makes the API keep a connection for every simulated department, as `npm start` does.
    app = await startTestApp({ env: { ZEEBE_GRPC_ADDRESS: engine.grpcAddress, ZEEBE_REST_ADDRESS: engine.restAddress, STORAGE_DIR: storageDir, DEPT_SIM_URL: sim.url } });
    for (const [who, claims] of Object.entries(people)) tokens[who] = await app.token(claims);
    citizen = await app.token();

    // The worker as apps/worker wires it: exchange log and breaker transitions go to the application's database.
    const config = loadWorkerConfig({ ...FAST_ENV, DEPT_SIM_URL: sim.url, DATABASE_URL: app.database.url });
    const report = (message: string) => console.error(message);
    const exchangeLog = new PostgresExchangeLog(app.database.url, report);
    const directory = new DatabaseConnectionDirectory(app.database.url, config.departments, config.connectionsMaxAgeMs, report);
    const camunda = camundaFor(engine);
    const runner = openJobWorkers(camunda.getZeebeGrpcApiClient(), jobHandlers({
      config, departments: new DepartmentClient(directory, config.breaker, exchangeLog.record, exchangeLog.recordBreaker), notifications: new LogNotificationAdapter(() => undefined),
    }), { maxJobsToActivate: 8, retry: config.retry });
    worker = {
      close: async () => {
        await runner.close();
        await exchangeLog.close();
        await directory.close();
        await camunda.getZeebeGrpcApiClient().close(1000).catch(() => undefined);
      },
    };
  });

  afterAll(async () => {
    await worker?.close();
    await sim?.close();
    await app?.close();
    await engine?.stop();
    await engineDb?.drop();
    if (storageDir) rmSync(storageDir, { recursive: true, force: true });
  });

  it('shows the police system\'s incident only to admins and the police\'s department admin, who retries it once the system is back', async () => {
    // given the police system answers 503 while the police approve a residence permit
    await setFaults(sim, 'psb', { errorRate: 1 });
    const submitted = await submitCase('incident');
    await approveStep(submitted.id, 'pre-review');
    await approveStep(submitted.id, 'review');

    // then the push to the police system runs out of retries and the case has an incident
    const incident = await eventually(async () => {
      const found = (await incidents('admin')).find((i) => i.case?.caseNumber === submitted.caseNumber);
      if (!found) throw new Error('no incident yet');
      return found;
    }, 30_000);
    expect(incident).toMatchObject({
      elementId: 'produce', errorType: 'JOB_NO_RETRIES', errorMessage: expect.stringContaining('503'),
      case: { applicationId: submitted.id, itemName: '居住证核发', departments: [PSB] }, variables: { caseNumber: submitted.caseNumber },
    });

    // and the breaker the worker opened for the police system shows in department health
    const psbHealth = (await health('admin')).find((h) => h.department === 'psb');
    expect(psbHealth).toMatchObject({ name: '公安局', connected: true, failures: expect.any(Number) });
    expect(['open', 'half-open']).toContain(psbHealth?.breaker.state);
    expect(psbHealth?.breaker.transitions.map((t) => t.state)).toContain('open');
    expect(psbHealth?.breaker.workers).toHaveLength(1);

    // a department admin of another department neither sees nor touches it
    expect((await incidents('deptAdminAmr')).map((i) => i.incidentKey)).not.toContain(incident.incidentKey);
    const foreignRetry = await app.send('POST', `/api/operations/incidents/${incident.incidentKey}/retry`, token('deptAdminAmr'), { retries: 1 });
    expect(foreignRetry.status).toBe(404);
    expect(await foreignRetry.json()).toMatchObject({ code: 'INCIDENT_NOT_FOUND' });
    const foreignCancel = await app.send('POST', `/api/operations/cases/${incident.processInstanceKey}/cancel`, token('deptAdminAmr'), { reason: '不是本部门的办件' });
    expect(foreignCancel.status).toBe(404);
    expect(await foreignCancel.json()).toMatchObject({ code: 'CASE_NOT_FOUND' });
    expect(await incidents('deptAdminNowhere')).toEqual([]);
    // nor the other department's system health
    expect((await health('deptAdminAmr')).map((h) => h.department)).toEqual(['amr']);
    // approvers are not operators at all
    expect((await app.get('/api/operations/incidents', token('approverPsb'))).status).toBe(403);

    // when the police system is back and the police's department admin retries
    expect((await incidents('deptAdminPsb')).map((i) => i.incidentKey)).toEqual([incident.incidentKey]);
    expect((await health('deptAdminPsb')).map((h) => h.department)).toEqual(['psb']);
    await setFaults(sim, 'psb', {});
    await json(await app.send('POST', `/api/operations/incidents/${incident.incidentKey}/retry`, token('deptAdminPsb'), { retries: 2, variables: { operatorNote: '公安局系统已恢复' } }), 200);

    // then the case goes through to its result and the breaker is closed again
    await eventually(async () => {
      const view = await json<ApplicationView>(await app.get(`/api/applications/${submitted.id}`, citizen), 200);
      if (view.status !== 'approved') throw new Error(`still ${view.status}`);
    }, 30_000);
    expect(await incidents('admin')).toEqual([]);
    const closed = await eventually(async () => {
      const found = (await health('deptAdminPsb'))[0];
      if (found?.breaker.state !== 'closed') throw new Error(`breaker ${found?.breaker.state}`);
      return found;
    });
    expect(closed.breaker.transitions[0]?.state).toBe('closed');
    expect(closed.breaker.transitions.map((t) => t.state)).toEqual(expect.arrayContaining(['closed', 'half-open', 'open']));
  });

  it('lets a department admin cancel a case of their department with a reason, and no other', async () => {
    const submitted = await submitCase('cancel');
    const key = await eventually(async () => {
      // the case's instance: the only instance of the model still active
      const response = await fetch(`${engine.restAddress}/v2/process-instances/search`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ filter: { processDefinitionId: 'residence-permit', state: 'ACTIVE' } }),
      });
      const found = ((await response.json()) as { items: { processInstanceKey: string }[] }).items;
      if (found.length !== 1) throw new Error(`${found.length} active instances`);
      return String(found[0]?.processInstanceKey);
    });
    expect((await app.send('POST', `/api/operations/cases/${key}/cancel`, token('deptAdminAmr'), { reason: '不是本部门的办件' })).status).toBe(404);
    expect((await app.send('POST', `/api/operations/cases/${key}/cancel`, token('deptAdminPsb'), {})).status).toBe(400);
    expect(await json(await app.send('POST', `/api/operations/cases/${key}/cancel`, token('deptAdminPsb'), { reason: '申请人要求撤销，已电话确认' }), 200)).toEqual({ cancelled: true, reason: '申请人要求撤销，已电话确认' });
    // the open step's canceling listener (inbox.sync) runs first; then the instance ends as cancelled
    await eventually(async () => {
      const state = ((await (await fetch(`${engine.restAddress}/v2/process-instances/${key}`)).json()) as { state: string }).state;
      expect(state).not.toBe('ACTIVE');
    });
    // the applicant sees the case ended, with the operator's reason and the clock stopped
    const view = await json<ApplicationView>(await app.get(`/api/applications/${submitted.id}`, citizen), 200);
    expect(view).toMatchObject({ status: 'terminated', clock: { state: 'stopped' }, actions: { withdraw: false } });
    expect(view.timeline.at(-1)).toMatchObject({ kind: 'terminated', text: '申请人要求撤销，已电话确认' });
  });

  it('shows incidents of instances that are not cases to platform admins only', async () => {
    // given a process instance the platform did not start for an application (a fixture model pushing to amr)
    await setFaults(sim, 'amr', { errorRate: 1 });
    const camunda = camundaFor(engine);
    try {
      await camunda.getZeebeGrpcApiClient().deployResource({ processFilename: path.join(FIXTURES, 'dept-submit-query.bpmn') });
      const { processInstanceKey } = await camunda.getZeebeGrpcApiClient().createProcessInstance({ bpmnProcessId: 'dept-submit-query', variables: applicationVariables(caseNumber(), { submitRetries: 1 }) });
      const incident = await eventually(async () => {
        const found = (await incidents('admin')).find((i) => i.processInstanceKey === String(processInstanceKey));
        if (!found) throw new Error('no incident yet');
        return found;
      });
      expect(incident.case).toBeNull();
      expect(await incidents('deptAdminAmr')).toEqual([]);
    } finally {
      await setFaults(sim, 'amr', {});
      await camunda.getZeebeGrpcApiClient().close(1000).catch(() => undefined);
    }
  });
});
