// SQL of the operations console: which case a process instance belongs to, outbound-call
// statistics per department, and the breaker transitions the workers wrote.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { BreakerTransition } from './breaker-state.js';
import type { IncidentCase } from './operations.views.js';

const caseRow = z.object({
  id: z.string(),
  case_number: z.string().nullable(),
  process_instance_key: z.string().nullable(),
  item_code: z.string(),
  item_name: z.string(),
  status: z.string(),
  departments: z.array(z.string()),
});

export interface CaseOfInstance extends IncidentCase {
  processInstanceKey: string | null;
}

const healthRow = z.object({
  department: z.string(),
  calls: z.coerce.number(),
  failures: z.coerce.number(),
  rejected: z.coerce.number(),
  average_ms: z.coerce.number().nullable(),
  last_failure_at: z.date().nullable(),
  last_call_at: z.date().nullable(),
});
export type HealthRow = z.infer<typeof healthRow>;

const transitionRow = z.object({
  department: z.string(),
  worker: z.string(),
  state: z.enum(['open', 'half-open', 'closed']),
  occurred_at: z.date(),
  retry_at: z.date().nullable(),
});

const toTransition = (r: z.infer<typeof transitionRow>): BreakerTransition & { department: string } => ({
  department: r.department, worker: r.worker, state: r.state, at: r.occurred_at, retryAt: r.retry_at,
});

@Injectable()
export class OperationsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Cases matched by process instance key or by case number (the instance's `caseNumber` variable). */
  async casesOf(processInstanceKeys: readonly string[], caseNumbers: readonly string[]): Promise<CaseOfInstance[]> {
    if (processInstanceKeys.length === 0 && caseNumbers.length === 0) return [];
    const rows: unknown = await this.dataSource.query(
      `SELECT id, case_number, process_instance_key, item_code, item_name, status, departments FROM application
       WHERE process_instance_key = ANY($1) OR case_number = ANY($2)`,
      [[...processInstanceKeys], [...caseNumbers]],
    );
    return z.array(caseRow).parse(rows).map((r) => ({
      applicationId: r.id, caseNumber: r.case_number, processInstanceKey: r.process_instance_key, itemCode: r.item_code, itemName: r.item_name,
      status: r.status, departments: r.departments,
    }));
  }

  /** Outbound calls of the last 24 hours per department. */
  async callStatistics(): Promise<HealthRow[]> {
    const rows: unknown = await this.dataSource.query(`
      SELECT department, count(*) AS calls,
             count(*) FILTER (WHERE outcome = 'failure') AS failures,
             count(*) FILTER (WHERE outcome = 'rejected') AS rejected,
             avg(duration_ms) AS average_ms,
             max(occurred_at) FILTER (WHERE outcome = 'failure') AS last_failure_at,
             max(occurred_at) AS last_call_at
      FROM data_exchange WHERE direction = 'outbound' AND occurred_at > now() - interval '24 hours'
      GROUP BY department ORDER BY department`);
    return z.array(healthRow).parse(rows);
  }

  async connectedDepartments(): Promise<string[]> {
    const rows: unknown = await this.dataSource.query('SELECT department FROM dept_connection');
    return z.array(z.object({ department: z.string() })).parse(rows).map((r) => r.department);
  }

  /** Each worker's latest breaker transition per department in the last 24 hours. */
  async latestBreakerTransitions(): Promise<(BreakerTransition & { department: string })[]> {
    const rows: unknown = await this.dataSource.query(`
      SELECT DISTINCT ON (department, worker) department, worker, state, occurred_at, retry_at
      FROM dept_breaker_event WHERE occurred_at > now() - interval '24 hours'
      ORDER BY department, worker, occurred_at DESC, id DESC`);
    return z.array(transitionRow).parse(rows).map(toTransition);
  }

  /** The last `perDepartment` transitions of each department in the last 24 hours, newest first. */
  async recentBreakerTransitions(perDepartment: number): Promise<(BreakerTransition & { department: string })[]> {
    const rows: unknown = await this.dataSource.query(`
      SELECT department, worker, state, occurred_at, retry_at FROM (
        SELECT *, row_number() OVER (PARTITION BY department ORDER BY occurred_at DESC, id DESC) AS n
        FROM dept_breaker_event WHERE occurred_at > now() - interval '24 hours') recent
      WHERE n <= $1 ORDER BY department, occurred_at DESC, id DESC`, [perDepartment]);
    return z.array(transitionRow).parse(rows).map(toTransition);
  }
}
