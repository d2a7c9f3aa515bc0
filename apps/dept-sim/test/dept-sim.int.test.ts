// The simulated department systems over real HTTP: idempotent submissions, signed callbacks,
// run-time fault injection.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signedPayload } from '@gov/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeptSim, devApiKey, devCallbackSecret, startDeptSim } from '../src/index.js';

const application = (caseNumber: string, data: Record<string, unknown> = {}) => ({
  caseNumber, itemCode: '11210100MB0000001X-001', applicant: { name: '张伟', idNumber: '210102199003071233' }, data,
});

interface Body { applicationId: string; status: string; code: string }
const json = async (response: Response) => (await response.json()) as Body;

async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

describe('dept-sim', () => {
  let sim: DeptSim;
  let receiver: Server;
  const received: { body: Record<string, unknown>; timestamp: string; signature: string }[] = [];

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let text = '';
      request.on('data', (c: Buffer) => (text += c.toString()));
      request.on('end', () => {
        received.push({ body: JSON.parse(text), timestamp: String(request.headers['x-gov-timestamp']), signature: String(request.headers['x-gov-signature']) });
        response.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const platformUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    sim = await startDeptSim({ port: 0, platformUrl, processingDelayMs: 20 });
  });

  afterAll(async () => {
    await sim.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  const submit = (code: string, key: string | null, body: unknown) => fetch(`${sim.urlOf(code)}/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': devApiKey(code), ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify(body),
  });

  it('registers an application once per idempotency key and calls back with a signed registration number', async () => {
    const first = await submit('amr', 'job-1', application('SY-2026-000001'));
    const again = await submit('amr', 'job-1', application('SY-2026-000001'));
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    const a = await json(first);
    const b = await json(again);
    expect(b.applicationId).toBe(a.applicationId);
    expect(sim.departments.get('amr')?.all()).toHaveLength(1);

    const callback = await eventually(() => {
      const found = received.find((r) => r.body.caseNumber === 'SY-2026-000001');
      if (!found) throw new Error('no callback yet');
      return found;
    });
    expect(callback.body).toMatchObject({ type: 'application.decided', status: 'approved', applicationId: a.applicationId });
    expect((callback.body.result as Record<string, string>).registrationNumber).toMatch(/^91210100MA\d{7}X$/);
    const expected = createHmac('sha256', devCallbackSecret('amr')).update(signedPayload(callback.timestamp, callback.body)).digest('hex');
    expect(callback.signature).toBe(`sha256=${expected}`);

    const status = await json(await fetch(`${sim.urlOf('amr')}/applications/${a.applicationId}`, { headers: { 'x-api-key': devApiKey('amr') } }));
    expect(status.status).toBe('approved');
  });

  it('refuses a reused key for another application, a missing key, a bad body and a wrong API key', async () => {
    await submit('psb', 'job-2', application('SY-2026-000002'));
    expect((await submit('psb', 'job-2', application('SY-2026-000003'))).status).toBe(409);
    expect((await submit('psb', null, application('SY-2026-000004'))).status).toBe(400);
    const invalid = await submit('psb', 'job-3', { caseNumber: 'SY-2026-000005' });
    expect(invalid.status).toBe(422);
    expect((await json(invalid)).code).toBe('INVALID_APPLICATION');
    const wrongKey = await fetch(`${sim.urlOf('psb')}/applications`, { method: 'POST', headers: { 'x-api-key': 'nope', 'idempotency-key': 'k' }, body: '{}' });
    expect(wrongKey.status).toBe(401);
  });

  it('injects faults at run time: down drops connections, error rate 1 answers 503, client error rate 1 answers 422', async () => {
    const admin = (code: string, faults: unknown) => fetch(`${sim.url}/admin/departments/${code}/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
    expect((await admin('hrss', { down: true })).status).toBe(200);
    await expect(submit('hrss', 'job-4', application('SY-2026-000006'))).rejects.toThrow();
    await admin('hrss', { errorRate: 1 });
    expect((await submit('hrss', 'job-4', application('SY-2026-000006'))).status).toBe(503);
    await admin('hrss', { clientErrorRate: 1 });
    const refused = await submit('hrss', 'job-4', application('SY-2026-000006'));
    expect(refused.status).toBe(422);
    expect((await json(refused)).code).toBe('APPLICATION_REFUSED');
    await admin('hrss', {});
    expect((await submit('hrss', 'job-4', application('SY-2026-000006'))).status).toBe(201);
    expect((await admin('hrss', { errorRate: 2 })).status).toBe(400);
  });
});
