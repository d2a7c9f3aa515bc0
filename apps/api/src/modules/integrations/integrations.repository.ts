// SQL of department connections, received department events and the data-exchange log.
import { Inject, Injectable } from '@nestjs/common';
import type { DepartmentCode, DeptConnectionInput, DeptEvent, ExchangeQuery } from '@gov/contracts';
import { departmentCodeSchema, deptConnectionInputSchema } from '@gov/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';

export interface StoredConnection extends DeptConnectionInput {
  department: DepartmentCode;
  updatedAt: Date;
  updatedBy: string | null;
}

const connectionRow = z.object({
  department: departmentCodeSchema,
  name: z.string(),
  base_url: z.string(),
  auth: deptConnectionInputSchema.shape.auth,
  callback_secret: z.string(),
  job_types: z.array(z.string()),
  timeout_ms: z.number(),
  rate_limit_per_minute: z.number(),
  enabled: z.boolean(),
  updated_at: z.date(),
  updated_by: z.string().nullable(),
});

export interface ExchangeInput {
  department: DepartmentCode;
  direction: 'outbound' | 'callback';
  caseNumber: string | null;
  eventId: string | null;
  method: string;
  path: string;
  status: number | null;
  outcome: 'success' | 'failure' | 'rejected' | 'duplicate';
  durationMs: number;
  payloadHash: string | null;
  payload: unknown;
  error: string | null;
}

const exchangeRow = z.object({
  id: z.string(),
  occurred_at: z.date(),
  department: z.string(),
  direction: z.enum(['outbound', 'callback']),
  case_number: z.string().nullable(),
  event_id: z.string().nullable(),
  method: z.string(),
  path: z.string(),
  status: z.number().nullable(),
  outcome: z.enum(['success', 'failure', 'rejected', 'duplicate']),
  duration_ms: z.number(),
  payload_hash: z.string().nullable(),
  payload: z.unknown(),
  error: z.string().nullable(),
});
export type ExchangeRow = z.infer<typeof exchangeRow>;

@Injectable()
export class IntegrationsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async connections(departments: readonly DepartmentCode[] | 'all'): Promise<StoredConnection[]> {
    const rows: unknown = departments === 'all'
      ? await this.dataSource.query('SELECT * FROM dept_connection ORDER BY department')
      : await this.dataSource.query('SELECT * FROM dept_connection WHERE department = ANY($1) ORDER BY department', [departments]);
    return z.array(connectionRow).parse(rows).map((r) => ({
      department: r.department, name: r.name, baseUrl: r.base_url, auth: r.auth, callbackSecret: r.callback_secret, jobTypes: r.job_types,
      timeoutMs: r.timeout_ms, rateLimitPerMinute: r.rate_limit_per_minute, enabled: r.enabled, updatedAt: r.updated_at, updatedBy: r.updated_by,
    }));
  }

  async connection(department: DepartmentCode): Promise<StoredConnection | null> {
    return (await this.connections([department]))[0] ?? null;
  }

  async saveConnection(department: DepartmentCode, input: DeptConnectionInput, updatedBy: string | null, onlyIfMissing = false): Promise<void> {
    await this.dataSource.query(`
      INSERT INTO dept_connection (department, name, base_url, auth, callback_secret, job_types, timeout_ms, rate_limit_per_minute, enabled, updated_at, updated_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now(), $10)
      ON CONFLICT (department) DO ${onlyIfMissing ? 'NOTHING' : `UPDATE SET name = EXCLUDED.name, base_url = EXCLUDED.base_url, auth = EXCLUDED.auth,
        callback_secret = EXCLUDED.callback_secret, job_types = EXCLUDED.job_types, timeout_ms = EXCLUDED.timeout_ms,
        rate_limit_per_minute = EXCLUDED.rate_limit_per_minute, enabled = EXCLUDED.enabled, updated_at = now(), updated_by = EXCLUDED.updated_by`}`,
    [department, input.name, input.baseUrl, JSON.stringify(input.auth), input.callbackSecret, input.jobTypes, input.timeoutMs, input.rateLimitPerMinute, input.enabled, updatedBy]);
  }

  /**
   * Records an event once and runs `handle` in the same transaction: if `handle` fails the event is
   * forgotten, so the department's redelivery is handled again. Resolves false for a known event.
   */
  async recordEventOnce(department: DepartmentCode, event: DeptEvent, handle: (manager: EntityManager) => Promise<void>): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const inserted: unknown = await manager.query(
        `INSERT INTO dept_event (department, event_id, type, case_number, status) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [department, event.eventId, event.type, event.caseNumber, event.status],
      );
      if (z.array(z.unknown()).parse(inserted).length === 0) return false;
      await handle(manager);
      return true;
    });
  }

  async logExchange(entry: ExchangeInput): Promise<void> {
    await this.dataSource.query(`
      INSERT INTO data_exchange (department, direction, case_number, event_id, method, path, status, outcome, duration_ms, payload_hash, payload, error)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [entry.department, entry.direction, entry.caseNumber, entry.eventId, entry.method, entry.path, entry.status, entry.outcome,
      Math.round(entry.durationMs), entry.payloadHash, entry.payload === undefined ? null : JSON.stringify(entry.payload), entry.error]);
  }

  async exchanges(query: ExchangeQuery, departments: readonly DepartmentCode[] | 'all'): Promise<ExchangeRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (departments !== 'all') add('department = ANY(?)', departments);
    if (query.department) add('department = ?', query.department);
    if (query.caseNumber) add('case_number = ?', query.caseNumber);
    if (query.outcome) add('outcome = ?', query.outcome);
    params.push(query.limit);
    const rows: unknown = await this.dataSource.query(
      `SELECT id::text AS id, occurred_at, department, direction, case_number, event_id, method, path, status, outcome, duration_ms, payload_hash, payload, error
       FROM data_exchange ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return z.array(exchangeRow).parse(rows);
  }
}
