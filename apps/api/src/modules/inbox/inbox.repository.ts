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

const COLUMNS = `t.user_task_key, t.process_instance_key, t.element_id, t.name, t.stage, t.correctable, t.candidate_groups, t.assignee, t.state, t.priority,
  t.due_at, t.application_id, t.case_number, t.item_code, t.item_name, t.applicant_name, t.created_at, t.ended_at, t.warned_at, t.escalated_at,
  (SELECT count(*) FROM supervision_notice n WHERE n.task_key = t.user_task_key AND n.status = 'open') AS open_notices`;

/**
 * Where a list reads its rows in order. `task`: inbox_task itself. `group`: one department's open
 * steps (inbox_open_group), `participant`: the steps one approver took part in (inbox_participant) —
 * narrow tables a trigger keeps in step, whose indexes give a page in sort order without collecting
 * and sorting every match (migration InboxFanOut). They hold the sort keys and the item, stage and
 * applicant the lists filter on; a list filtered on anything else reads inbox_task.
 */
const SOURCES = {
  task: { alias: 't', from: 'inbox_task t' },
  group: { alias: 'g', from: 'inbox_open_group g' },
  participant: { alias: 'p', from: 'inbox_participant p' },
} as const;

const ORDERS = {
  due: (k: string) => `${k}.due_at ASC NULLS LAST, ${k}.created_at ASC, ${k}.user_task_key`,
  priority: (k: string) => `${k}.priority DESC, ${k}.due_at ASC NULLS LAST, ${k}.user_task_key`,
  age: (k: string) => `${k}.created_at ASC, ${k}.user_task_key`,
};

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
  async notify(taskKey: string | readonly string[]): Promise<void> {
    const taskKeys = typeof taskKey === 'string' ? [taskKey] : taskKey;
    if (taskKeys.length === 0) return;
    await this.dataSource.query(
      `SELECT pg_notify('${INBOX_CHANNEL}', json_build_object('taskKey', user_task_key, 'groups', candidate_groups, 'state', state, 'assignee', assignee)::text)
       FROM inbox_task WHERE user_task_key = ANY($1)`, [taskKeys]);
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
    const rows: unknown[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM inbox_task t WHERE t.user_task_key = $1`, [taskKey]);
    return rows[0] === undefined ? null : row.parse(rows[0]);
  }

  /** `departments: null` = every department (supervisors, admins). */
  async search(query: InboxQuery, who: { username: string; departments: readonly string[] | null }, now: Date): Promise<{ items: InboxTask[]; total: number; totalCapped: boolean }> {
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    // The departments the view covers: null = all.
    const groups = who.departments === null ? (query.department ? [query.department] : null)
      : query.department ? who.departments.filter((d) => d === query.department) : [...who.departments];
    const byGroup = query.view !== 'mine' && query.view !== 'participated';
    // Filters only inbox_task has; a list with one of them reads inbox_task.
    const onTask: string[] = [];
    if (!byGroup && query.department) onTask.push(`t.candidate_groups && ${p([query.department])}::text[]`);
    if (query.view === 'supervised') onTask.push(`(t.warned_at IS NOT NULL OR EXISTS (SELECT 1 FROM supervision_notice n WHERE n.task_key = t.user_task_key AND n.status = 'open'))`);
    if (query.caseNumber) onTask.push(`t.case_number = ${p(query.caseNumber)}`);
    const source = onTask.length > 0 ? SOURCES.task
      : query.view === 'participated' ? SOURCES.participant
        : byGroup && groups?.length === 1 ? SOURCES.group : SOURCES.task;
    const k = source.alias;
    // Who sees what: the view's own condition, on the source.
    const where: string[] = [];
    switch (query.view) {
      case 'mine':
        where.push(`t.state = 'open'`, `t.assignee = ${p(who.username)}`);
        break;
      case 'participated':
        where.push(source === SOURCES.participant ? `p.username = ${p(who.username)}` : `t.participants @> ARRAY[${p(who.username)}]::text[]`);
        break;
      default:
        if (source === SOURCES.group) where.push(`g.group_path = ${p(groups?.[0])}`);
        else where.push(`t.state = 'open'`, ...(groups === null ? [] : [`t.candidate_groups && ${p(groups)}::text[]`]));
        if (query.view === 'department') where.push(source === SOURCES.group ? 'g.unclaimed' : 't.assignee IS NULL');
    }
    if (query.view === 'overdue') where.push(`${k}.due_at < ${p(now)}`);
    if (query.view === 'due-soon') where.push(`${k}.due_at >= ${p(now)}`, `${k}.due_at < ${p(new Date(now.getTime() + DUE_SOON_MS))}`);
    // Dates are China calendar days (UTC+8).
    if (query.createdFrom) where.push(`${k}.created_at >= ${p(`${query.createdFrom}T00:00:00+08:00`)}::timestamptz`);
    if (query.createdTo) where.push(`${k}.created_at < (${p(`${query.createdTo}T00:00:00+08:00`)}::timestamptz + interval '1 day')`);
    if (query.dueBy) where.push(`${k}.due_at < (${p(`${query.dueBy}T00:00:00+08:00`)}::timestamptz + interval '1 day')`);
    if (query.minPriority !== undefined) where.push(`${k}.priority >= ${p(query.minPriority)}`);
    if (query.item) where.push(`${k}.item_code = ${p(query.item)}`);
    if (query.stage) where.push(`${k}.stage = ${p(query.stage)}`);
    if (query.applicant) where.push(`${k}.applicant_name ILIKE ${p(`%${query.applicant.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
    const filter = [...where, ...onTask].join(' AND ');
    const order = ORDERS[query.sort];
    // The page's keys first, then its rows: the row's columns (and its open-notices count) are read
    // for the page only, not for every row OFFSET skips. Beside it a capped count: counting every
    // match on each page read the whole department's backlog (bench/inbox.mjs); nobody pages past
    // a thousand tasks.
    const page: Promise<unknown[]> = this.dataSource.query(
      `SELECT ${COLUMNS} FROM (
         SELECT ${k}.user_task_key, ${k}.due_at, ${k}.created_at, ${k}.priority FROM ${source.from} WHERE ${filter}
         ORDER BY ${order(k)} LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}) AS page
       JOIN inbox_task t ON t.user_task_key = page.user_task_key ORDER BY ${order('page')}`, params);
    const count: Promise<unknown[]> = this.dataSource.query(`SELECT count(*) AS total FROM (SELECT 1 FROM ${source.from} WHERE ${filter} LIMIT ${COUNT_CAP + 1}) AS matches`, params);
    const [rows, total] = await Promise.all([page, count]);
    const matches = z.object({ total: z.coerce.number() }).parse(total[0]).total;
    return { items: rows.map((r) => row.parse(r)), total: Math.min(matches, COUNT_CAP), totalCapped: matches > COUNT_CAP };
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
    await this.notify([...escalated, ...warned].map((change) => change.taskKey));
    return { warned, escalated };
  }
}

export interface DeadlineChange { taskKey: string; name: string; applicationId: string | null; groups: string[]; dueAt: Date }
