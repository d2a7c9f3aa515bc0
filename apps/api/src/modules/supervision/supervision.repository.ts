// SQL of supervision notices (重点督办) and of the supervisors' overview of overdue work.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { SupervisionNotice } from '@gov/contracts';
import { DataSource } from 'typeorm';
import { z } from 'zod';

const noticeRow = z.object({
  id: z.string(), task_key: z.string(), application_id: z.string().nullable(), department: z.string(), text: z.string(), issued_by_name: z.string(),
  issued_at: z.date(), answer_by: z.date(), status: z.enum(['open', 'answered']), response: z.string().nullable(), answered_by: z.string().nullable(),
  answered_at: z.date().nullable(), case_number: z.string().nullable(), item_name: z.string().nullable(), task_name: z.string().nullable(),
}).transform((r): SupervisionNotice => ({
  id: r.id, applicationId: r.application_id, caseNumber: r.case_number, itemName: r.item_name, taskKey: r.task_key, taskName: r.task_name ?? r.task_key,
  department: r.department, text: r.text, issuedBy: r.issued_by_name, issuedAt: r.issued_at.toISOString(), answerBy: r.answer_by.toISOString(), status: r.status,
  response: r.response, answeredBy: r.answered_by, answeredAt: r.answered_at?.toISOString() ?? null,
}));

const SELECT = `SELECT n.*, t.case_number, t.item_name, t.name AS task_name FROM supervision_notice n LEFT JOIN inbox_task t ON t.user_task_key = n.task_key`;

@Injectable()
export class SupervisionRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(notice: { taskKey: string; applicationId: string | null; department: string; text: string; issuedBy: string; issuedByName: string; at: Date; answerBy: Date }): Promise<string> {
    const id = randomUUID();
    await this.dataSource.query(
      `INSERT INTO supervision_notice (id, task_key, application_id, department, text, issued_by, issued_by_name, issued_at, answer_by, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open')`,
      [id, notice.taskKey, notice.applicationId, notice.department, notice.text, notice.issuedBy, notice.issuedByName, notice.at, notice.answerBy]);
    return id;
  }

  async find(id: string): Promise<SupervisionNotice | null> {
    if (!z.string().uuid().safeParse(id).success) return null;
    const rows: unknown[] = await this.dataSource.query(`${SELECT} WHERE n.id = $1`, [id]);
    return rows[0] === undefined ? null : noticeRow.parse(rows[0]);
  }

  /** `departments: null` = all (supervisors, admins). */
  async list(departments: readonly string[] | null, status: 'open' | 'answered' | undefined): Promise<SupervisionNotice[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (departments) {
      params.push(departments);
      where.push(`n.department = ANY ($${params.length})`);
    }
    if (status) {
      params.push(status);
      where.push(`n.status = $${params.length}`);
    }
    const rows: unknown[] = await this.dataSource.query(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY n.status, n.issued_at DESC LIMIT 200`, params);
    return rows.map((r) => noticeRow.parse(r));
  }

  /** Answers an open notice; false when it was answered already. */
  async answer(id: string, response: string, by: string, at: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH changed AS (UPDATE supervision_notice SET status = 'answered', response = $2, answered_by = $3, answered_at = $4 WHERE id = $1 AND status = 'open' RETURNING id)
       SELECT id FROM changed`,
      [id, response, by, at]);
    return rows.length > 0;
  }

  /** Open work per department (a step counts for each of its candidate groups). */
  async overview(now: Date, dueSoonBefore: Date): Promise<{ department: string; open: number; dueSoon: number; overdue: number; escalated: number; openNotices: number }[]> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH work AS (
         SELECT g AS department, count(*) AS open,
                count(*) FILTER (WHERE due_at >= $1 AND due_at < $2) AS due_soon,
                count(*) FILTER (WHERE due_at < $1) AS overdue,
                count(*) FILTER (WHERE escalated_at IS NOT NULL) AS escalated
         FROM inbox_task, unnest(candidate_groups) AS g WHERE state = 'open' GROUP BY g),
       notices AS (SELECT department, count(*) AS open_notices FROM supervision_notice WHERE status = 'open' GROUP BY department)
       SELECT coalesce(w.department, n.department) AS department, coalesce(w.open, 0) AS open, coalesce(w.due_soon, 0) AS due_soon,
              coalesce(w.overdue, 0) AS overdue, coalesce(w.escalated, 0) AS escalated, coalesce(n.open_notices, 0) AS open_notices
       FROM work w FULL JOIN notices n ON n.department = w.department
       ORDER BY overdue DESC, escalated DESC, open DESC, department`, [now, dueSoonBefore]);
    const parsed = z.array(z.object({ department: z.string(), open: z.coerce.number(), due_soon: z.coerce.number(), overdue: z.coerce.number(), escalated: z.coerce.number(), open_notices: z.coerce.number() })).parse(rows);
    return parsed.map((r) => ({ department: r.department, open: r.open, dueSoon: r.due_soon, overdue: r.overdue, escalated: r.escalated, openNotices: r.open_notices }));
  }
}
