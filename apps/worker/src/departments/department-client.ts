// The worker's HTTP port to departments' systems: authentication (API key or OAuth2 client
// credentials), per-call timeout, rate limit and circuit breaker per department, and a record of
// every exchange. Answers are classified here; handlers decide what they mean for the job.
import { createHash } from 'node:crypto';
import type { DepartmentCode } from '@gov/contracts';
import { z } from 'zod';
import type { DeptConnection } from '../config/config.js';
import { DeferJobError, FatalJobError, RetryableJobError } from '../jobs/job-errors.js';
import { type BreakerChange, CircuitBreaker } from './circuit-breaker.js';
import type { ConnectionDirectory } from './connection-directory.js';

export interface ExchangeRecord {
  department: DepartmentCode;
  method: string;
  path: string;
  idempotencyKey: string | null;
  caseNumber: string | null;
  /** What was sent (viewable by authorised roles in the operations console). */
  payload: unknown;
  status: number | null;
  outcome: 'success' | 'failure' | 'rejected';
  durationMs: number;
  requestHash: string | null;
  error: string | null;
}

/** Where exchange records go (a log line by default; the API's exchange log later). */
export type ExchangeSink = (record: ExchangeRecord) => void;

export interface DeptAnswer {
  status: number;
  body: unknown;
}

const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().positive().default(60) });

export class DepartmentClient {
  private readonly breakers = new Map<DepartmentCode, CircuitBreaker>();
  private readonly nextSlot = new Map<DepartmentCode, number>();
  private readonly tokens = new Map<DepartmentCode, { token: string; expiresAt: number }>();

  constructor(
    private readonly connections: ConnectionDirectory,
    private readonly breaker: { threshold: number; cooldownMs: number },
    private readonly sink: ExchangeSink = () => undefined,
    /** Breaker transitions per department (written for the operations console). */
    private readonly onBreakerChange: (department: DepartmentCode, change: BreakerChange) => void = () => undefined,
  ) {}

  breakerOf(department: DepartmentCode): CircuitBreaker {
    let breaker = this.breakers.get(department);
    if (!breaker) {
      breaker = new CircuitBreaker(this.breaker.threshold, this.breaker.cooldownMs, Date.now, (change) => this.onBreakerChange(department, change));
      this.breakers.set(department, breaker);
    }
    return breaker;
  }

  /**
   * Calls a department. Resolves with 2xx and 4xx answers (other than 401/403/408/429);
   * throws RetryableJobError (timeouts, connection errors, 5xx, 408, 429), DeferJobError (circuit
   * open, over the rate limit) or FatalJobError (no connection, credentials refused).
   */
  async call(department: DepartmentCode, request: { method: 'GET' | 'POST'; path: string; body?: unknown; idempotencyKey?: string; caseNumber?: string; jobType?: string }): Promise<DeptAnswer> {
    const connection = await this.connections.get(department);
    if (!connection) throw new FatalJobError(`No system is connected for department ${department}`);
    if (request.jobType && !connection.jobTypes.includes(request.jobType)) {
      throw new FatalJobError(`The system of ${department} does not serve ${request.jobType} (it serves ${connection.jobTypes.join(', ') || 'nothing'})`);
    }
    const breaker = this.breakerOf(department);
    if (!breaker.tryAcquire()) throw new DeferJobError(`Circuit of ${department} is open: not calling a system that keeps failing`, breaker.waitMs());
    const slotWait = this.takeRateSlot(department, connection.rateLimitPerMinute);
    if (slotWait > 0) {
      breaker.neutral();
      throw new DeferJobError(`Rate limit of ${department} (${connection.rateLimitPerMinute}/min) reached`, slotWait);
    }
    const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
    const started = Date.now();
    const record = (status: number | null, outcome: ExchangeRecord['outcome'], error: string | null) => this.sink({
      department, method: request.method, path: request.path, idempotencyKey: request.idempotencyKey ?? null, caseNumber: request.caseNumber ?? null,
      payload: request.body, status, outcome,
      durationMs: Date.now() - started, requestHash: payload === undefined ? null : createHash('sha256').update(payload).digest('hex'), error,
    });
    let response: Response;
    try {
      const headers: Record<string, string> = { accept: 'application/json', ...(await this.authHeaders(department, connection)) };
      if (payload !== undefined) headers['content-type'] = 'application/json';
      if (request.idempotencyKey) headers['idempotency-key'] = request.idempotencyKey;
      response = await fetch(`${connection.baseUrl}${request.path}`, {
        method: request.method, headers, body: payload, signal: AbortSignal.timeout(connection.timeoutMs),
      });
    } catch (error: unknown) {
      if (error instanceof FatalJobError) {
        breaker.neutral();
        record(null, 'failure', error.message);
        throw error;
      }
      breaker.failure();
      const message = error instanceof Error && error.name === 'TimeoutError'
        ? `${department} did not answer within ${connection.timeoutMs} ms`
        : `${department} could not be reached: ${describe(error)}`;
      record(null, 'failure', message);
      throw new RetryableJobError(message);
    }
    const text = await response.text().catch(() => '');
    const body = parseJson(text);
    const status = response.status;
    if (status >= 500) {
      breaker.failure();
      record(status, 'failure', `HTTP ${status}`);
      throw new RetryableJobError(`${department} answered ${status}: ${text.slice(0, 200)}`);
    }
    if (status === 408 || status === 429) {
      breaker.neutral();
      record(status, 'failure', `HTTP ${status}`);
      throw new RetryableJobError(`${department} answered ${status}`);
    }
    if (status === 401 || status === 403) {
      breaker.neutral();
      this.tokens.delete(department);
      record(status, 'failure', `HTTP ${status}`);
      throw new FatalJobError(`${department} refused the platform's credentials (${status}); check the department's connection`);
    }
    breaker.success();
    record(status, status < 400 ? 'success' : 'rejected', status < 400 ? null : `HTTP ${status}`);
    return { status, body };
  }

  private takeRateSlot(department: DepartmentCode, perMinute: number): number {
    const now = Date.now();
    const interval = 60_000 / perMinute;
    const next = this.nextSlot.get(department) ?? now;
    if (next - now > 1000) return Math.ceil(next - now);
    this.nextSlot.set(department, Math.max(now, next) + interval);
    return 0;
  }

  private async authHeaders(department: DepartmentCode, connection: DeptConnection): Promise<Record<string, string>> {
    if (connection.auth.kind === 'api-key') return { 'x-api-key': connection.auth.apiKey };
    const cached = this.tokens.get(department);
    if (cached && cached.expiresAt > Date.now()) return { authorization: `Bearer ${cached.token}` };
    const { tokenUrl, clientId, clientSecret } = connection.auth;
    const response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
      signal: AbortSignal.timeout(connection.timeoutMs),
    });
    if (response.status === 400 || response.status === 401) throw new FatalJobError(`The token endpoint refused client ${clientId} (${response.status})`);
    if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
    const token = tokenSchema.parse(await response.json());
    this.tokens.set(department, { token: token.access_token, expiresAt: Date.now() + Math.max(5, token.expires_in - 30) * 1000 });
    return { authorization: `Bearer ${token.access_token}` };
  }
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    const value: unknown = JSON.parse(text);
    return value;
  } catch {
    return text;
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
