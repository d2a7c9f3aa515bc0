// The data-exchange log of outbound calls, written to the application's `data_exchange` table (its
// schema belongs to the API's migrations). Writing never holds up or fails a job: records are
// queued and inserted in the background; a failed insert is reported and dropped.
import pg from 'pg';
import type { ExchangeRecord } from './department-client.js';

export class PostgresExchangeLog {
  private readonly pool: pg.Pool;
  private pending = Promise.resolve();

  constructor(databaseUrl: string, private readonly onError: (message: string) => void) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 2, application_name: 'gov-worker' });
    this.pool.on('error', (error) => this.onError(`exchange log connection: ${error.message}`));
  }

  readonly record = (exchange: ExchangeRecord): void => {
    this.pending = this.pending.then(() => this.insert(exchange)).catch((error: unknown) => {
      this.onError(`exchange log: ${error instanceof Error ? error.message : String(error)}`);
    });
  };

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
