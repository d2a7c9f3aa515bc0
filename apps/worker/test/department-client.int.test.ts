// The worker's HTTP port to department systems against dept-sim: authentication, rate limit,
// timeouts and the circuit breaker, and how each answer is classified.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeptSim, startDeptSim } from '../../dept-sim/src/index.js';
import { deptConnectionSchema, type DeptConnection } from '../src/config/config.js';
import { staticDirectory } from '../src/departments/connection-directory.js';
import { DepartmentClient, type ExchangeRecord } from '../src/departments/department-client.js';
import { DeferJobError, FatalJobError, RetryableJobError } from '../src/jobs/job-errors.js';
import { setFaults } from './support.js';

const application = { caseNumber: 'SY-CLIENT-1', itemCode: 'X-001', applicant: { name: '张伟', idNumber: '210102199003071233' }, data: {} };

describe('DepartmentClient', () => {
  let sim: DeptSim;
  let tokenServer: Server;
  let tokenRequests = 0;
  let tokenUrl: string;

  beforeAll(async () => {
    sim = await startDeptSim({ port: 0, platformUrl: null, processingDelayMs: 60_000 });
    tokenServer = createServer((request, response) => {
      let body = '';
      request.on('data', (c: Buffer) => (body += c.toString()));
      request.on('end', () => {
        tokenRequests += 1;
        const form = new URLSearchParams(body);
        if (form.get('client_secret') !== 'right-secret') return void response.writeHead(401).end('{"error":"invalid_client"}');
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: `token-for-${form.get('client_id')}-0123456789`, expires_in: 300 }));
      });
    });
    await new Promise<void>((resolve) => tokenServer.listen(0, '127.0.0.1', resolve));
    tokenUrl = `http://127.0.0.1:${(tokenServer.address() as AddressInfo).port}/token`;
  });

  afterAll(async () => {
    await sim.close();
    await new Promise((resolve) => tokenServer.close(resolve));
  });

  const clientFor = (connection: Partial<DeptConnection> & Pick<DeptConnection, 'department'>, breaker = { threshold: 2, cooldownMs: 60_000 }) => {
    const records: ExchangeRecord[] = [];
    const parsed = deptConnectionSchema.parse({ baseUrl: sim.urlOf(connection.department), auth: { kind: 'api-key', apiKey: `${connection.department}-dev-api-key` }, ...connection });
    return { client: new DepartmentClient(staticDirectory(new Map([[parsed.department, parsed]])), breaker, (r) => records.push(r)), records };
  };
  const submit = (client: DepartmentClient, department: 'hsa' | 'hc' | 'nr' | 'hurd' | 'fr', key: string) =>
    client.call(department, { method: 'POST', path: '/applications', body: application, idempotencyKey: key, caseNumber: application.caseNumber });

  it('fetches an OAuth2 client-credentials token once and reuses it', async () => {
    const { client } = clientFor({ department: 'hsa', auth: { kind: 'oauth2-client-credentials', tokenUrl, clientId: 'gov-platform', clientSecret: 'right-secret' } });
    const before = tokenRequests;
    expect((await submit(client, 'hsa', 'k-1')).status).toBe(201);
    expect((await submit(client, 'hsa', 'k-2')).status).toBe(201);
    expect(tokenRequests - before).toBe(1);
  });

  it('turns refused credentials into an incident (FatalJobError), not a retry', async () => {
    const { client } = clientFor({ department: 'hc', auth: { kind: 'oauth2-client-credentials', tokenUrl, clientId: 'gov-platform', clientSecret: 'wrong' } });
    await expect(submit(client, 'hc', 'k-3')).rejects.toBeInstanceOf(FatalJobError);
    const { client: badKey } = clientFor({ department: 'hc', auth: { kind: 'api-key', apiKey: 'not-the-key' } });
    await expect(submit(badKey, 'hc', 'k-4')).rejects.toBeInstanceOf(FatalJobError);
  });

  it('defers calls above the rate limit without calling the department', async () => {
    const { client, records } = clientFor({ department: 'nr', rateLimitPerMinute: 1 });
    expect((await submit(client, 'nr', 'k-5')).status).toBe(201);
    const deferred = await submit(client, 'nr', 'k-6').catch((error: unknown) => error);
    expect(deferred).toBeInstanceOf(DeferJobError);
    expect((deferred as DeferJobError).delayMs).toBeGreaterThan(1000);
    expect(sim.departments.get('nr')!.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(records[0]).toMatchObject({ department: 'nr', idempotencyKey: 'k-5', caseNumber: 'SY-CLIENT-1', status: 201, outcome: 'success' });
  });

  it('retries timeouts, opens the circuit after the threshold and then defers without calling', async () => {
    await setFaults(sim, 'hurd', { latencyMs: 2000 });
    const { client, records } = clientFor({ department: 'hurd', timeoutMs: 100 });
    await expect(submit(client, 'hurd', 'k-8')).rejects.toBeInstanceOf(RetryableJobError);
    await expect(submit(client, 'hurd', 'k-9')).rejects.toBeInstanceOf(RetryableJobError);
    expect(client.breakerOf('hurd').state).toBe('open');
    await expect(submit(client, 'hurd', 'k-10')).rejects.toBeInstanceOf(DeferJobError);
    expect(records.map((r) => r.outcome)).toEqual(['failure', 'failure']);
    expect(records[0]?.error).toContain('did not answer within 100 ms');
    await setFaults(sim, 'hurd', {});
  });

  it('returns a 4xx answer for the job to turn into a business error, and fails without a connection', async () => {
    await setFaults(sim, 'fr', { clientErrorRate: 1 });
    const { client } = clientFor({ department: 'fr' });
    const answer = await submit(client, 'fr', 'k-11');
    expect(answer).toMatchObject({ status: 422, body: { code: 'APPLICATION_REFUSED' } });
    expect(client.breakerOf('fr').state).toBe('closed');
    await expect(client.call('amr', { method: 'GET', path: '/applications/x' })).rejects.toBeInstanceOf(FatalJobError);
    await setFaults(sim, 'fr', {});
  });
});
