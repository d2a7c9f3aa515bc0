// The simulated departments' HTTP services. Every department answers under
// /departments/{code}/… with its own store and faults; /admin/… controls the simulator at run time.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  DEPARTMENTS, type DeptEvent, deptApplicationSchema, deptFaultsSchema, SIGNATURE_HEADER, signedPayload, TIMESTAMP_HEADER,
} from '@gov/contracts';
import { DepartmentSystem, RESULT_MAKERS, type SentCallback } from './department-system.js';

export interface DeptSimOptions {
  port?: number;
  host?: string;
  /** Where callbacks go: POST {platformUrl}/api/integrations/{code}/events. Null: no callbacks. */
  platformUrl: string | null;
  /** How long a department takes to decide an application. */
  processingDelayMs?: number;
  /** Attempts and first back-off of a callback the platform did not accept. */
  callbackAttempts?: number;
  callbackBackoffMs?: number;
  /** API key of department `code`; dev default `${code}-dev-api-key`. */
  apiKeyOf?: (code: string) => string;
  /** Callback signing secret of department `code`; dev default `${code}-dev-callback-secret`. */
  callbackSecretOf?: (code: string) => string;
  log?: (line: string) => void;
}

export interface DeptSim {
  url: string;
  departments: Map<string, DepartmentSystem>;
  /** Base URL of one department's system, as a connection's `baseUrl`. */
  urlOf(code: string): string;
  close(): Promise<void>;
}

export const devApiKey = (code: string) => `${code}-dev-api-key`;
export const devCallbackSecret = (code: string) => `${code}-dev-callback-secret`;

class HttpProblem extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export async function startDeptSim(options: DeptSimOptions): Promise<DeptSim> {
  const processingDelayMs = options.processingDelayMs ?? 2000;
  const attempts = options.callbackAttempts ?? 6;
  const backoffMs = options.callbackBackoffMs ?? 1000;
  const log = options.log ?? (() => undefined);
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  const later = (ms: number, fn: () => void) => {
    if (closed) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const departments = new Map<string, DepartmentSystem>(DEPARTMENTS.map((d) => [d.code, new DepartmentSystem(
    d.code, d.name, (options.apiKeyOf ?? devApiKey)(d.code), (options.callbackSecretOf ?? devCallbackSecret)(d.code),
    RESULT_MAKERS[d.code] ?? (() => ({})),
  )]));

  async function sendCallback(system: DepartmentSystem, event: DeptEvent): Promise<void> {
    const entry: SentCallback = { event, attempts: 0, delivered: false, lastStatus: null };
    system.callbacks.push(entry);
    await deliver(system, entry);
  }

  async function deliver(system: DepartmentSystem, entry: SentCallback): Promise<void> {
    if (!options.platformUrl || closed) return;
    entry.attempts += 1;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', system.callbackSecret).update(signedPayload(timestamp, entry.event)).digest('hex');
    try {
      const response = await fetch(`${options.platformUrl}/api/integrations/${system.code}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: `sha256=${signature}` },
        body: JSON.stringify(entry.event),
        signal: AbortSignal.timeout(10_000),
      });
      entry.lastStatus = response.status;
      await response.arrayBuffer();
      if (response.ok) {
        entry.delivered = true;
        return;
      }
      log(`${system.code}: callback ${entry.event.eventId} answered ${response.status}`);
      // 4xx other than 429 will not get better by retrying.
      if (response.status < 500 && response.status !== 429) return;
    } catch (error: unknown) {
      log(`${system.code}: callback ${entry.event.eventId} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (entry.attempts < attempts) later(backoffMs * 2 ** (entry.attempts - 1), () => void deliver(system, entry));
  }

  async function handleDepartment(system: DepartmentSystem, request: IncomingMessage, response: ServerResponse, rest: string[]): Promise<void> {
    const faults = system.faults;
    if (faults.down) {
      request.socket.destroy();
      return;
    }
    system.inFlight += 1;
    try {
      await answerDepartment(system, request, response, rest);
    } finally {
      system.inFlight -= 1;
    }
  }

  async function answerDepartment(system: DepartmentSystem, request: IncomingMessage, response: ServerResponse, rest: string[]): Promise<void> {
    const faults = system.faults;
    // The whole request arrives first; the latency is the department working on it (an answer
    // that never reaches a caller who gave up still leaves the work done).
    const body = request.method === 'POST' ? await readJson(request).catch((error: unknown) => error) : null;
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    const key = header(request, 'idempotency-key');
    const record = (status: number) => system.requests.push({ at: new Date().toISOString(), method: request.method ?? '', path: request.url ?? '', idempotencyKey: key, status });
    try {
      if (faults.errorRate > 0 && Math.random() < faults.errorRate) throw new HttpProblem(503, 'UNAVAILABLE', `${system.name}业务系统暂时不可用（模拟故障）`);
      const bearer = header(request, 'authorization');
      if (header(request, 'x-api-key') !== system.apiKey && !(bearer?.startsWith('Bearer ') && bearer.length > 20)) {
        throw new HttpProblem(401, 'UNAUTHENTICATED', 'API key or bearer token required');
      }
      if (request.method === 'POST' && rest.length === 1 && rest[0] === 'applications') {
        if (!key) throw new HttpProblem(400, 'IDEMPOTENCY_KEY_REQUIRED', 'Idempotency-Key header is required');
        if (body instanceof Error) throw body;
        const parsed = deptApplicationSchema.safeParse(body);
        if (!parsed.success) throw new HttpProblem(422, 'INVALID_APPLICATION', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        if (faults.clientErrorRate > 0 && Math.random() < faults.clientErrorRate) {
          throw new HttpProblem(422, 'APPLICATION_REFUSED', '申请不符合受理条件（模拟业务拒绝）');
        }
        const outcome = system.submit(key, parsed.data, new Date());
        if (outcome.kind === 'key-reused') throw new HttpProblem(409, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key was used for another application');
        if (outcome.kind === 'created') {
          later(processingDelayMs, () => {
            const event = system.decide(outcome.record.applicationId, new Date());
            if (event) void sendCallback(system, event);
          });
        }
        record(outcome.kind === 'created' ? 201 : 200);
        send(response, outcome.kind === 'created' ? 201 : 200, outcome.record);
        return;
      }
      if (request.method === 'GET' && rest.length === 2 && rest[0] === 'applications' && rest[1]) {
        const found = system.find(rest[1]);
        if (!found) throw new HttpProblem(404, 'NOT_FOUND', 'No such application');
        record(200);
        send(response, 200, found);
        return;
      }
      if (request.method === 'GET' && rest.length === 1 && rest[0] === 'applications') {
        const caseNumber = new URL(request.url ?? '/', 'http://x').searchParams.get('caseNumber') ?? '';
        record(200);
        send(response, 200, { items: system.byCaseNumber(caseNumber) });
        return;
      }
      throw new HttpProblem(404, 'NOT_FOUND', 'No such route');
    } catch (error: unknown) {
      const problem = error instanceof HttpProblem ? error : new HttpProblem(500, 'INTERNAL', 'Internal error');
      record(problem.status);
      send(response, problem.status, { code: problem.code, message: problem.message });
    }
  }

  async function handleAdmin(request: IncomingMessage, response: ServerResponse, rest: string[]): Promise<void> {
    if (request.method === 'GET' && rest.length === 1 && rest[0] === 'departments') {
      send(response, 200, { items: [...departments.values()].map((d) => ({ code: d.code, name: d.name, faults: d.faults, applications: d.all().length, inFlight: d.inFlight })) });
      return;
    }
    if (request.method === 'POST' && rest.length === 1 && rest[0] === 'reset') {
      for (const d of departments.values()) d.reset();
      send(response, 204, null);
      return;
    }
    const system = rest[0] === 'departments' && rest[1] ? departments.get(rest[1]) : undefined;
    if (!system) throw new HttpProblem(404, 'NOT_FOUND', 'No such department');
    const what = rest.slice(2).join('/');
    if (what === 'faults' && request.method === 'GET') return send(response, 200, system.faults);
    if (what === 'faults' && request.method === 'PUT') {
      const parsed = deptFaultsSchema.safeParse(await readJson(request));
      if (!parsed.success) throw new HttpProblem(400, 'INVALID_FAULTS', parsed.error.message);
      system.faults = parsed.data;
      log(`${system.code}: faults ${JSON.stringify(parsed.data)}`);
      return send(response, 200, system.faults);
    }
    if (what === 'applications' && request.method === 'GET') return send(response, 200, { items: system.all() });
    if (what === 'requests' && request.method === 'GET') return send(response, 200, { items: system.requests });
    if (what === 'callbacks' && request.method === 'GET') return send(response, 200, { items: system.callbacks });
    // Sends an already sent event again, unchanged (same event id): what a flaky sender does.
    const resend = /^callbacks\/(\d+)\/resend$/.exec(what);
    if (resend && request.method === 'POST') {
      const entry = system.callbacks[Number(resend[1])];
      if (!entry) throw new HttpProblem(404, 'NOT_FOUND', 'No such callback');
      const copy: SentCallback = { event: entry.event, attempts: 0, delivered: false, lastStatus: null };
      system.callbacks.push(copy);
      await deliver(system, copy);
      return send(response, 200, copy);
    }
    throw new HttpProblem(404, 'NOT_FOUND', 'No such route');
  }

  const server: Server = createServer((request, response) => {
    const parts = new URL(request.url ?? '/', 'http://x').pathname.split('/').filter(Boolean);
    const route = async () => {
      if (parts[0] === 'health') return send(response, 200, { status: 'up' });
      if (parts[0] === 'admin') return handleAdmin(request, response, parts.slice(1));
      const system = parts[0] === 'departments' && parts[1] ? departments.get(parts[1]) : undefined;
      if (!system) throw new HttpProblem(404, 'NOT_FOUND', 'No such department');
      return handleDepartment(system, request, response, parts.slice(2));
    };
    route().catch((error: unknown) => {
      const problem = error instanceof HttpProblem ? error : new HttpProblem(500, 'INTERNAL', error instanceof Error ? error.message : 'Internal error');
      if (!response.headersSent && !response.destroyed) send(response, problem.status, { code: problem.code, message: problem.message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3200, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    departments,
    urlOf: (code) => `${url}/departments/${code}`,
    close: async () => {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > 1_000_000) throw new HttpProblem(413, 'TOO_LARGE', 'Body exceeds 1 MB');
    chunks.push(buffer);
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return parsed;
  } catch {
    throw new HttpProblem(400, 'INVALID_JSON', 'Body is not JSON');
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (status === 204 || body === null) {
    response.writeHead(status).end();
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}
