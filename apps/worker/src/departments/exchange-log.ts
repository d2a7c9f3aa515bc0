// The data-exchange log of outbound calls, written to the application's `data_exchange` table, and
// the circuit-breaker transitions, written to `dept_breaker_event` (both schemas belong to the
// API's migrations). Writing never holds up or fails a job: records are queued and inserted in the
// background; a failed insert is reported and dropped.
import os from 'node:os';
import pg from 'pg';
import type { DepartmentCode } from '@gov/contracts';
import type { BreakerChange } from './circuit-breaker.js';
import type { ExchangeRecord } from './department-client.js';

export class PostgresExchangeLog {
  private readonly pool: pg.Pool;
  private pending = Promise.resolve();

  constructor(databaseUrl: string, private readonly onError: (message: string) => void) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 2, application_name: 'gov-worker' });
    this.pool.on('error', (error) => this.onError(`exchange log connection: ${error.message}`));
  }

  /** Names this worker process in breaker transitions: each worker has breakers of its own. */
  readonly worker = `${os.hostname()}:${process.pid}`;

  readonly record = (exchange: ExchangeRecord): void => {
    this.enqueue(() => this.insert(exchange));
  };

  readonly recordBreaker = (department: DepartmentCode, change: BreakerChange): void => {
    this.enqueue(() => this.pool.query(
      'INSERT INTO dept_breaker_event (occurred_at, department, worker, state, retry_at, failures) VALUES ($1, $2, $3, $4, $5, $6)',
      [change.at, department, this.worker, change.state, change.retryAt, change.failures],
    ));
  };

  private enqueue(write: () => Promise<unknown>): void {
    this.pending = this.pending.then(write).then(() => undefined, (error: unknown) => {
      this.onError(`exchange log: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  private async insert(e: ExchangeRecord): Promise<void> {
    await this.pool.query(`
      INSERT INTO data_exchange (department, direction, case_number, event_id, method, path, status, outcome, duration_ms, payload_hash, payload, error)
      VALUES ($1, 'outbound', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [e.department, e.caseNumber, e.idempotencyKey, e.method, e.path, e.status, e.outcome, Math.round(e.durationMs), e.requestHash,
      e.payload === undefined ? null : JSON.stringify(e.payload), e.error]);
  }

  /** Waits for queued records, then closes the pool. */
  async close(): Promise<void> {
    await this.pending;
    await this.pool.end();
  }
}
