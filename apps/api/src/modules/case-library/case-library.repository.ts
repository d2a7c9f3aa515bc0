// SQL of the case library: submitted cases filtered, scoped to departments, newest first.
import { Inject, Injectable } from '@nestjs/common';
import { PAUSE_REASONS } from '@gov/clock';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { CASE_STATUSES, type CaseFilters } from './case-library.schemas.js';

const clockEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), at: z.coerce.date(), limitDays: z.number() }),
  z.object({ type: z.literal('paused'), at: z.coerce.date(), reason: z.enum(PAUSE_REASONS) }),
  z.object({ type: z.literal('resumed'), at: z.coerce.date() }),
  z.object({ type: z.literal('extended'), at: z.coerce.date(), days: z.number(), approvedBy: z.string(), reason: z.string() }),
  z.object({ type: z.literal('stopped'), at: z.coerce.date() }),
]);

const caseRow = z.object({
  id: z.string(),
  case_number: z.string(),
  item_code: z.string(),
  item_name: z.string(),
  agency_name: z.string(),
  applicant_name: z.string(),
  applicant_id_number: z.string(),
  company_credit_code: z.string().nullable(),
  company_name: z.string().nullable(),
  status: z.enum(CASE_STATUSES),
  departments: z.array(z.string()),
  submitted_at: z.date().nullable(),
  decided_at: z.date().nullable(),
  clock_events: z.array(clockEventSchema),
});
export type CaseRecord = z.infer<typeof caseRow>;

/** Cases of these department paths only, or every case. */
export type CaseScope = readonly string[] | 'all';

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

@Injectable()
export class CaseLibraryRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private where(filters: CaseFilters, scope: CaseScope): { sql: string; params: unknown[] } {
    const where = ["status <> 'draft'", 'case_number IS NOT NULL'];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (scope !== 'all') add('departments && ?::text[]', [...scope]);
    if (filters.caseNumber) add("case_number ILIKE '%' || ? || '%'", escapeLike(filters.caseNumber));
    if (filters.idNumber) add('applicant_id_number = ?', filters.idNumber);
    if (filters.itemCode) add('item_code = ?', filters.itemCode);
    if (filters.department) add('? = ANY(departments)', filters.department);
    if (filters.status) add('status = ?', filters.status);
    // Days are China's (UTC+8): "submitted on 3 March" means 3 March in Shenyang.
    if (filters.submittedFrom) add("submitted_at >= (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'", filters.submittedFrom);
    if (filters.submittedTo) add("submitted_at < (?::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'", filters.submittedTo);
    return { sql: where.join(' AND '), params };
  }

  async count(filters: CaseFilters, scope: CaseScope): Promise<number> {
    const { sql, params } = this.where(filters, scope);
    const rows: unknown = await this.dataSource.query(`SELECT count(*) AS total FROM application WHERE ${sql}`, params);
    return z.array(z.object({ total: z.coerce.number() })).parse(rows)[0]?.total ?? 0;
  }

  async find(filters: CaseFilters, scope: CaseScope, limit: number, offset: number): Promise<CaseRecord[]> {
    const { sql, params } = this.where(filters, scope);
    const rows: unknown = await this.dataSource.query(
      `SELECT id, case_number, item_code, item_name, agency_name, applicant_name, applicant_id_number, company_credit_code, company_name,
              status, departments, submitted_at, decided_at, clock_events
       FROM application WHERE ${sql}
       ORDER BY submitted_at DESC NULLS LAST, case_number DESC
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return z.array(caseRow).parse(rows);
  }
}
