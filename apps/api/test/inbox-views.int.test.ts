// The inbox's list queries against a plain reference: a few hundred tasks written through the
// repository (created, claimed, given back, re-routed, re-dated, decided, cancelled by a case's
// withdrawal), then every view, sort and filter compared with the same rows filtered and sorted here.
// The department and participated views read the trigger-maintained tables of migration InboxFanOut,
// so this fails when those drift from inbox_task.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InboxQuery, inboxQuerySchema, type TaskStage } from '@gov/contracts';
import { DataSource } from 'typeorm';
import type { TestDatabase } from '../../../test/database.js';
import { DUE_SOON_MS, InboxRepository } from '../src/modules/inbox/inbox.repository.js';
import { migratedDatabase } from './test-app.js';

const NOW = new Date('2026-11-27T04:00:00Z');
const DEPARTMENTS = ['/沈阳市/公安局', '/沈阳市/市场监督管理局', '/沈阳市/消防救援支队', '/沈阳市/和平区/太原街街道'];
const APPROVERS = ['chen', 'zhou', 'wu', 'zheng', 'wang'];
const ITEMS = ['210100-GG-00003-C', '210100-GG-00001-G', '210100-XK-00001-D'];
const STAGES: TaskStage[] = ['pre-review', 'approval', 'hand-back'];
const NAMES = ['王伟', '李娜', '张敏', '沈阳味之源餐饮有限公司', '刘洋'];

/** A small deterministic generator, so a failure repeats. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

interface Row {
  user_task_key: string; candidate_groups: string[]; assignee: string | null; state: string; priority: number; due_at: Date | null;
  created_at: Date; participants: string[]; item_code: string; stage: TaskStage; applicant_name: string; case_number: string; warned_at: Date | null;
}

let database: TestDatabase;
let dataSource: DataSource;
let inbox: InboxRepository;

beforeAll(async () => {
  database = await migratedDatabase();
  dataSource = new DataSource({ type: 'postgres', url: database.url });
  await dataSource.initialize();
  inbox = new InboxRepository(dataSource);
  const next = random(20261127);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const keys: string[] = [];
  for (let i = 0; i < 240; i++) {
    const key = String(7_000_000_000 + i);
    keys.push(key);
    const groups = next() < 0.1 ? [pick(DEPARTMENTS), pick(DEPARTMENTS)] : [pick(DEPARTMENTS)];
    await inbox.created({
      taskKey: key, processInstanceKey: String(6_000_000_000 + i), elementId: `step_${i % 4}`, name: `第${i % 4}步`, stage: pick(STAGES), correctable: false,
      candidateGroups: [...new Set(groups)], candidateUsers: [], assignee: null, priority: pick([20, 50, 50, 80]),
      // Some without a due date; due dates from 10 days ago to 10 days ahead, a few equal.
      dueAt: next() < 0.1 ? null : new Date(NOW.getTime() + Math.round((next() * 20 - 10) * 4) * 6 * 3600_000),
      applicationId: null, caseNumber: `210100-20261127-${String(i).padStart(6, '0')}`, itemCode: pick(ITEMS), itemName: '事项',
      applicantName: pick(NAMES), at: new Date(NOW.getTime() - (300 - i) * 3600_000),
    });
  }
  for (const key of keys) {
    const roll = next();
    if (roll < 0.45) await inbox.assigned(key, pick(APPROVERS), NOW);
    if (roll < 0.1) await inbox.assigned(key, null, NOW); // given back: unclaimed again, the claimer took part
    if (next() < 0.15) await inbox.updated(key, { dueAt: new Date(NOW.getTime() + Math.round(next() * 5) * 86_400_000), priority: pick([20, 50, 80]) }, NOW);
    if (next() < 0.08) await inbox.updated(key, { candidateGroups: [pick(DEPARTMENTS)] }, NOW);
    if (next() < 0.3) {
      await inbox.participated(key, pick(APPROVERS));
      await inbox.ended(key, next() < 0.9 ? 'completed' : 'canceled', NOW);
    }
  }
  // Written outside the repository, as a withdrawn case does (applications.repository).
  await dataSource.query(`UPDATE inbox_task SET state = 'canceled', ended_at = $1 WHERE user_task_key IN ($2, $3) AND state = 'open'`, [NOW, keys[3], keys[4]]);
  await dataSource.query(`UPDATE inbox_task SET warned_at = $1 WHERE state = 'open' AND priority = 80`, [NOW]);
});

afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});

async function rows(): Promise<Row[]> {
  return dataSource.query('SELECT * FROM inbox_task');
}

/** The list as the views define it, on plain rows. */
function expected(all: Row[], query: InboxQuery, who: { username: string; departments: string[] | null }): string[] {
  const groups = who.departments === null ? (query.department ? [query.department] : null)
    : query.department ? who.departments.filter((d) => d === query.department) : who.departments;
  const inGroups = (r: Row, list: string[] | null) => list === null || r.candidate_groups.some((g) => list.includes(g));
  const open = (r: Row) => r.state === 'open';
  const dueMs = (r: Row) => r.due_at?.getTime() ?? Number.POSITIVE_INFINITY;
  const view: Record<InboxQuery['view'], (r: Row) => boolean> = {
    mine: (r) => open(r) && r.assignee === who.username && (!query.department || r.candidate_groups.includes(query.department)),
    participated: (r) => r.participants.includes(who.username) && (!query.department || r.candidate_groups.includes(query.department)),
    department: (r) => open(r) && r.assignee === null && inGroups(r, groups),
    overdue: (r) => open(r) && inGroups(r, groups) && dueMs(r) < NOW.getTime(),
    'due-soon': (r) => open(r) && inGroups(r, groups) && dueMs(r) >= NOW.getTime() && dueMs(r) < NOW.getTime() + DUE_SOON_MS,
    supervised: (r) => open(r) && inGroups(r, groups) && r.warned_at !== null,
  };
  const matches = all.filter((r) => view[query.view](r)
    && (!query.item || r.item_code === query.item) && (!query.stage || r.stage === query.stage)
    && (!query.applicant || r.applicant_name.includes(query.applicant)) && (query.minPriority === undefined || r.priority >= query.minPriority));
  const byKey = (a: Row, b: Row) => (a.user_task_key < b.user_task_key ? -1 : a.user_task_key > b.user_task_key ? 1 : 0);
  const compare = {
    due: (a: Row, b: Row) => dueMs(a) - dueMs(b) || a.created_at.getTime() - b.created_at.getTime() || byKey(a, b),
    priority: (a: Row, b: Row) => b.priority - a.priority || dueMs(a) - dueMs(b) || byKey(a, b),
    age: (a: Row, b: Row) => a.created_at.getTime() - b.created_at.getTime() || byKey(a, b),
  }[query.sort];
  return matches.sort(compare).map((r) => r.user_task_key);
}

const queries: Partial<InboxQuery>[] = [
  ...(['department', 'overdue', 'due-soon', 'supervised', 'mine', 'participated'] as const).flatMap((view) =>
    (['due', 'priority', 'age'] as const).map((sort) => ({ view, sort }))),
  { view: 'department', sort: 'due', page: 2, pageSize: 7 },
  { view: 'department', item: ITEMS[0], stage: 'approval' },
  { view: 'department', applicant: '有限' },
  { view: 'department', minPriority: 60, sort: 'priority' },
  { view: 'overdue', item: ITEMS[1], sort: 'priority' },
  { view: 'participated', sort: 'age', page: 3, pageSize: 5 },
  { view: 'participated', item: ITEMS[2] },
  { view: 'participated', department: DEPARTMENTS[0] },
  { view: 'mine', department: DEPARTMENTS[1] },
];

describe('inbox list queries', () => {
  it.each([
    ['an approver of one department', { username: 'chen', departments: [DEPARTMENTS[0] as string] }],
    ['an approver of two departments', { username: 'zhou', departments: [DEPARTMENTS[1] as string, DEPARTMENTS[3] as string] }],
    ['a supervisor (every department)', { username: 'wu', departments: null }],
  ])('answer every view, sort and filter as the plain rows say, for %s', async (_who, who) => {
    const all = await rows();
    for (const raw of [...queries, { view: 'department', department: DEPARTMENTS[2] }, { view: 'overdue', department: DEPARTMENTS[3] }]) {
      const query = inboxQuerySchema.parse({ pageSize: 100, ...raw });
      const want = expected(all, query, who);
      const got = await inbox.search(query, who, NOW);
      const from = (query.page - 1) * query.pageSize;
      expect(got.items.map((t) => t.taskKey), JSON.stringify(raw)).toEqual(want.slice(from, from + query.pageSize));
      expect(got.total, JSON.stringify(raw)).toBe(want.length);
    }
  });

  it('has views to test: every view matches tasks for someone', async () => {
    const all = await rows();
    for (const view of ['department', 'overdue', 'due-soon', 'supervised', 'mine', 'participated'] as const) {
      const counts = APPROVERS.map((username) => expected(all, inboxQuerySchema.parse({ view }), { username, departments: DEPARTMENTS }).length);
      expect(Math.max(...counts), view).toBeGreaterThan(0);
    }
  });

  it('keeps the department and participant tables exactly in step with the tasks', async () => {
    const groups: { group_path: string; user_task_key: string; unclaimed: boolean; due_at: Date | null; priority: number }[] = await dataSource.query(
      'SELECT group_path, user_task_key, unclaimed, due_at, priority FROM inbox_open_group');
    const participants: { username: string; user_task_key: string }[] = await dataSource.query('SELECT username, user_task_key FROM inbox_participant');
    const all = await rows();
    const sortPairs = (a: string[], b: string[]) => (a.join('\u0000') < b.join('\u0000') ? -1 : 1);
    expect(groups.map((g) => [g.group_path, g.user_task_key, g.unclaimed, g.due_at?.toISOString() ?? null, g.priority])
      .sort((a, b) => sortPairs([String(a[0]), String(a[1])], [String(b[0]), String(b[1])]))).toEqual(
      all.filter((r) => r.state === 'open').flatMap((r) => [...new Set(r.candidate_groups)].map((g) => [g, r.user_task_key, r.assignee === null, r.due_at?.toISOString() ?? null, r.priority]))
        .sort((a, b) => sortPairs([String(a[0]), String(a[1])], [String(b[0]), String(b[1])])));
    expect(participants.map((p) => [p.username, p.user_task_key]).sort(sortPairs)).toEqual(
      all.flatMap((r) => [...new Set(r.participants)].map((u) => [u, r.user_task_key])).sort(sortPairs));
  });
});
