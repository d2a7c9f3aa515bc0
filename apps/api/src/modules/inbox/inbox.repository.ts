// SQL of the shared inbox. Views filter by candidate group (department), assignee or participation.
import { Inject, Injectable } from '@nestjs/common';
import { type InboxQuery, type InboxTask, TASK_STAGES, type TaskStage } from '@gov/contracts';
import { DataSource } from 'typeorm';
import { z } from 'zod';

const row = z.object({
  user_task_key: z.string(), process_instance_key: z.string(), element_id: z.string(), name: z.string(), stage: z.enum(TASK_STAGES), correctable: z.boolean(),
  candidate_groups: z.array(z.string()), assignee: z.string().nullable(), state: z.enum(['open', 'completed', 'canceled']), priority: z.number(),
  due_at: z.date().nullable(), application_id: z.string().nullable(), case_number: z.string().nullable(), item_code: z.string().nullable(),
  item_name: z.string().nullable(), applicant_name: z.string().nullable(), created_at: z.date(), ended_at: z.date().nullable(),
  warned_at: z.date().nullable(), escalated_at: z.date().nullable(), open_notices: z.coerce.number(),
}).transform((r): InboxTask => ({
  taskKey: r.user_task_key, processInstanceKey: r.process_instance_key, elementId: r.element_id, name: r.name, stage: r.stage, correctable: r.correctable,
  candidateGroups: r.candidate_groups, assignee: r.assignee, state: r.state, priority: r.priority, dueAt: r.due_at?.toISOString() ?? null,
  applicationId: r.application_id, caseNumber: r.case_number, itemCode: r.item_code, itemName: r.item_name, applicantName: r.applicant_name,
  createdAt: r.created_at.toISOString(), endedAt: r.ended_at?.toISOString() ?? null,
  warnedAt: r.warned_at?.toISOString() ?? null, escalatedAt: r.escalated_at?.toISOString() ?? null, openNotices: r.open_notices,
}));

const COLUMNS = `user_task_key, process_instance_key, element_id, name, stage, correctable, candidate_groups, assignee, state, priority, due_at, application_id,
  case_number, item_code, item_name, applicant_name, created_at, ended_at, warned_at, escalated_at,
  (SELECT count(*) FROM supervision_notice n WHERE n.task_key = inbox_task.user_task_key AND n.status = 'open') AS open_notices`;

export interface TaskCreated {
  taskKey: string; processInstanceKey: string; elementId: string; name: string; stage: TaskStage; correctable: boolean; candidateGroups: string[];
  candidateUsers: string[]; assignee: string | null; priority: number; dueAt: Date | null; applicationId: string | null; caseNumber: string | null;
  itemCode: string | null; itemName: string | null; applicantName: string | null; at: Date;
}

/** The PostgreSQL notification channel of inbox changes. */
export const INBOX_CHANNEL = 'inbox_changed';

/** Counts stop here (the page says "1000+"). */
export const COUNT_CAP = 1000;

/** How close "due soon" is. */
export const DUE_SOON_MS = 3 * 24 * 3600_000;

@Injectable()
export class InboxRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Tells every API process that a task changed (LISTEN inbox_changed), for live inbox views. */
  async notify(taskKey: string): Promise<void> {
    await this.dataSource.query(
      `SELECT pg_notify('${INBOX_CHANNEL}', json_build_object('taskKey', user_task_key, 'groups', candidate_groups, 'state', state, 'assignee', assignee)::text)
       FROM inbox_task WHERE user_task_key = $1`, [taskKey]);
  }

  /** A listener job may come twice (retry after a timeout): creating is an upsert. */
  async created(task: TaskCreated): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO inbox_task (user_task_key, process_instance_key, element_id, name, stage, candidate_groups, candidate_users, assignee, state, priority,
         due_at, application_id, case_number, item_code, item_name, applicant_name, created_at, updated_at, correctable)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $10, $11, $12, $13, $14, $15, $16, $16, $17)
       ON CONFLICT (user_task_key) DO UPDATE SET candidate_groups = EXCLUDED.candidate_groups, assignee = EXCLUDED.assignee, updated_at = EXCLUDED.updated_at
       WHERE inbox_task.state = 'open'`,
      [task.taskKey, task.processInstanceKey, task.elementId, task.name, task.stage, task.candidateGroups, task.candidateUsers, task.assignee, task.priority,
        task.dueAt, task.applicationId, task.caseNumber, task.itemCode, task.itemName, task.applicantName, task.at, task.correctable],
    );
    await this.notify(task.taskKey);
  }

  async assigned(taskKey: string, assignee: string | null, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE inbox_task SET assignee = $2, updated_at = $3,
         participants = CASE WHEN $2::text IS NULL OR $2 = ANY(participants) THEN participants ELSE participants || $2::text END
       WHERE user_task_key = $1 AND state = 'open'`, [taskKey, assignee, at]);
    await this.notify(taskKey);
  }

  async updated(taskKey: string, changes: { candidateGroups?: string[]; dueAt?: Date | null; priority?: number }, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE inbox_task SET candidate_groups = coalesce($2, candidate_groups), due_at = CASE WHEN $3 THEN $4 ELSE due_at END,
         priority = coalesce($5, priority), updated_at = $6 WHERE user_task_key = $1`,
      [taskKey, changes.candidateGroups ?? null, changes.dueAt !== undefined, changes.dueAt ?? null, changes.priority ?? null, at]);
    await this.notify(taskKey);
  }

  async ended(taskKey: string, state: 'completed' | 'canceled', at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE inbox_task SET state = $2, ended_at = $3, updated_at = $3 WHERE user_task_key = $1 AND state = 'open'`, [taskKey, state, at]);
    await this.notify(taskKey);
  }

  /** A decided step needs no unsent opinions any more. */
  async dropDrafts(taskKey: string): Promise<void> {
    await this.dataSource.query('DELETE FROM inbox_opinion_draft WHERE task_key = $1', [taskKey]);
  }

  /** Records who decided, so "tasks I took part in" finds it. */
  async participated(taskKey: string, username: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE inbox_task SET participants = CASE WHEN $2 = ANY(participants) THEN participants ELSE participants || $2::text END WHERE user_task_key = $1`,
      [taskKey, username]);
  }

  async find(taskKey: string): Promise<InboxTask | null> {
    const rows: unknown[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM inbox_task WHERE user_task_key = $1`, [taskKey]);
    return rows[0] === undefined ? null : row.parse(rows[0]);
  }

  /** `departments: null` = every department (supervisors, admins). */
  async search(query: InboxQuery, who: { username: string; departments: readonly string[] | null }, now: Date): Promise<{ items: InboxTask[]; total: number; totalCapped: boolean }> {
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    const departments = who.departments === null ? null : query.department ? who.departments.filter((d) => d === query.department) : [...who.departments];
    const inDepartments = () => (departments === null ? 'TRUE' : `candidate_groups && ${p(departments)}::text[]`);
    switch (query.view) {
      case 'mine':
        where.push(`state = 'open'`, `assignee = ${p(who.username)}`);
        break;
      case 'department':
        where.push(`state = 'open'`, 'assignee IS NULL', inDepartments());
        break;
      case 'participated':
        where.push(`participants @> ARRAY[${p(who.username)}]::text[]`);
        break;
      case 'overdue':
        where.push(`state = 'open'`, inDepartments(), `due_at < ${p(now)}`);
        break;
      case 'due-soon':
        where.push(`state = 'open'`, inDepartments(), `due_at >= ${p(now)}`, `due_at < ${p(new Date(now.getTime() + DUE_SOON_MS))}`);
        break;
      case 'supervised':
        where.push(`state = 'open'`, inDepartments(), `(warned_at IS NOT NULL OR EXISTS (SELECT 1 FROM supervision_notice n WHERE n.task_key = inbox_task.user_task_key AND n.status = 'open'))`);
        break;
    }
    if ((query.view === 'mine' || query.view === 'participated' || departments === null) && query.department) where.push(`candidate_groups && ${p([query.department])}::text[]`);
    if (query.item) where.push(`item_code = ${p(query.item)}`);
    if (query.caseNumber) where.push(`case_number = ${p(query.caseNumber)}`);
    if (query.stage) where.push(`stage = ${p(query.stage)}`);
    // Dates are China calendar days (UTC+8).
    if (query.createdFrom) where.push(`created_at >= ${p(`${query.createdFrom}T00:00:00+08:00`)}::timestamptz`);
    if (query.createdTo) where.push(`created_at < (${p(`${query.createdTo}T00:00:00+08:00`)}::timestamptz + interval '1 day')`);
    if (query.dueBy) where.push(`due_at < (${p(`${query.dueBy}T00:00:00+08:00`)}::timestamptz + interval '1 day')`);
    if (query.minPriority !== undefined) where.push(`priority >= ${p(query.minPriority)}`);
    if (query.applicant) where.push(`applicant_name ILIKE ${p(`%${query.applicant.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
    const order = { due: 'due_at ASC NULLS LAST, created_at ASC', priority: 'priority DESC, due_at ASC NULLS LAST', age: 'created_at ASC' }[query.sort];
    const filter = where.join(' AND ');
    // The page and a capped count, separately: counting every match on each page read the whole
    // department's backlog (bench/inbox.mjs); nobody pages past a thousand tasks.
    const page: Promise<unknown[]> = this.dataSource.query(
      `SELECT ${COLUMNS} FROM inbox_task WHERE ${filter} ORDER BY ${order}, user_task_key LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`, params);
    const count: Promise<unknown[]> = this.dataSource.query(`SELECT count(*) AS total FROM (SELECT 1 FROM inbox_task WHERE ${filter} LIMIT ${COUNT_CAP + 1}) AS matches`, params);
    const [rows, counted] = await Promise.all([page, count]);
    const total = z.object({ total: z.coerce.number() }).parse(counted[0]).total;
    return { items: rows.map((r) => row.parse(r)), total: Math.min(total, COUNT_CAP), totalCapped: total > COUNT_CAP };
  }

  // ---- deadlines (办理时限预警, 超期督办)

  /**
   * Marks open steps whose due date is near (before `warnBefore(due)`) as warned, and overdue ones as
   * escalated; returns what changed so the case history can say so. Conditional updates: two API
   * processes scanning at once change each step once.
   */
  async markDeadlines(now: Date, warnFrom: Date): Promise<{ warned: DeadlineChange[]; escalated: DeadlineChange[] }> {
    const changed = z.array(z.object({ user_task_key: z.string(), name: z.string(), application_id: z.string().nullable(), candidate_groups: z.array(z.string()), due_at: z.date() }));
    const toChange = (rows: unknown) => changed.parse(rows).map((r) => ({ taskKey: r.user_task_key, name: r.name, applicationId: r.application_id, groups: r.candidate_groups, dueAt: r.due_at }));
    const escalated = toChange(await this.dataSource.query(
      `WITH changed AS (
         UPDATE inbox_task SET escalated_at = $1, warned_at = coalesce(warned_at, $1), updated_at = $1
         WHERE state = 'open' AND escalated_at IS NULL AND due_at IS NOT NULL AND due_at < $1
         RETURNING user_task_key, name, application_id, candidate_groups, due_at)
       SELECT * FROM changed`, [now]));
    const warned = toChange(await this.dataSource.query(
      `WITH changed AS (
         UPDATE inbox_task SET warned_at = $1, updated_at = $1
         WHERE state = 'open' AND warned_at IS NULL AND escalated_at IS NULL AND due_at IS NOT NULL AND due_at < $2
         RETURNING user_task_key, name, application_id, candidate_groups, due_at)
       SELECT * FROM changed`, [now, warnFrom]));
    for (const change of [...escalated, ...warned]) await this.notify(change.taskKey);
    return { warned, escalated };
  }
}

export interface DeadlineChange { taskKey: string; name: string; applicationId: string | null; groups: string[]; dueAt: Date }
