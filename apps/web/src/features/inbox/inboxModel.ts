// What the inbox pages compute without React: the list's query and URL state, days left, department
// names, decision checks and the correction problems an approver drafts. Kept pure so it is tested
// in node.
import {
  type CaseEvent,
  type CorrectionProblem,
  DEPARTMENTS,
  INBOX_VIEWS,
  type InboxView,
  type ProblemTarget,
  type TaskDecision,
  type TaskDecisionInput,
} from '@gov/contracts';
import { ApiError } from '../../shared/api/ApiError';

export const INBOX_SORTS = ['due', 'priority', 'age'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];
export const INBOX_STAGES = ['pre-review', 'approval'] as const;
export type InboxStage = (typeof INBOX_STAGES)[number];
export const INBOX_PAGE_SIZE = 20;
/** How often lists and the open task are fetched again (live push is a later step). */
export const INBOX_REFRESH_MS = 15_000;
/** Views whose size is shown on their tab; "participated" only grows, so counting it tells nobody anything. */
export const COUNTED_VIEWS: readonly InboxView[] = ['mine', 'department', 'overdue', 'due-soon', 'supervised'];

export interface InboxFilters {
  item?: string;
  caseNumber?: string;
  /** Personal data: kept in the page, never in the URL. */
  applicant?: string;
  department?: string;
  stage?: InboxStage;
  /** China dates (YYYY-MM-DD). */
  createdFrom?: string;
  createdTo?: string;
  dueBy?: string;
  /** Steps of at least this priority. */
  minPriority?: string;
}

/** Filters that live in the URL (not the applicant's name, which is personal data). */
const URL_FILTERS = ['item', 'caseNumber', 'department', 'stage', 'createdFrom', 'createdTo', 'dueBy', 'minPriority'] as const;
const isDate = (value: string | undefined): value is string => value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value);
const isPriority = (value: string | undefined): value is string => value !== undefined && /^\d{1,3}$/.test(value) && Number(value) <= 100;

export interface InboxListState {
  view: InboxView;
  sort: InboxSort;
  page: number;
  filters: InboxFilters;
}

const isView = (value: string | null): value is InboxView => INBOX_VIEWS.some((view) => view === value);
const isSort = (value: string | null): value is InboxSort => INBOX_SORTS.some((sort) => sort === value);
const isStage = (value: string | null | undefined): value is InboxStage => INBOX_STAGES.some((stage) => stage === value);
const clean = (value: string | null | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/** The list as the URL describes it (so going back from a task returns to the same view); junk falls back to defaults. */
export function listStateFromUrl(params: URLSearchParams, applicant?: string): InboxListState {
  const view = params.get('view');
  const sort = params.get('sort');
  const page = Number(params.get('page'));
  const stage = params.get('stage');
  return {
    view: isView(view) ? view : 'department',
    sort: isSort(sort) ? sort : 'due',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    filters: withoutEmpty({
      item: clean(params.get('item')),
      caseNumber: clean(params.get('caseNumber')),
      department: clean(params.get('department')),
      stage: isStage(stage) ? stage : undefined,
      applicant: clean(applicant),
      createdFrom: clean(params.get('createdFrom')),
      createdTo: clean(params.get('createdTo')),
      dueBy: clean(params.get('dueBy')),
      minPriority: clean(params.get('minPriority')),
    }),
  };
}

/** URL parameters of a list state; defaults and the applicant's name are left out. */
export function listStateToUrl(state: InboxListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.view !== 'department') params.set('view', state.view);
  if (state.sort !== 'due') params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  for (const key of URL_FILTERS) {
    const value = state.filters[key];
    if (value) params.set(key, value);
  }
  return params;
}

/** Query string of GET /api/inbox/tasks. */
export function inboxQueryString(state: InboxListState, pageSize = INBOX_PAGE_SIZE): string {
  const params = new URLSearchParams({ view: state.view, sort: state.sort, page: String(state.page), pageSize: String(pageSize) });
  for (const key of [...URL_FILTERS, 'applicant'] as const) {
    const value = clean(state.filters[key]);
    if (value) params.set(key, value);
  }
  return params.toString();
}

export function withoutEmpty(filters: InboxFilters): InboxFilters {
  const result: InboxFilters = {};
  const item = clean(filters.item);
  const caseNumber = clean(filters.caseNumber);
  const applicant = clean(filters.applicant);
  const department = clean(filters.department);
  if (item) result.item = item;
  if (caseNumber) result.caseNumber = caseNumber;
  if (applicant) result.applicant = applicant;
  if (department) result.department = department;
  if (isStage(filters.stage)) result.stage = filters.stage;
  for (const key of ['createdFrom', 'createdTo', 'dueBy'] as const) {
    const value = clean(filters[key]);
    if (isDate(value)) result[key] = value;
  }
  const priority = clean(filters.minPriority);
  if (isPriority(priority)) result.minPriority = priority;
  return result;
}

// ---------------------------------------------------------------- due dates

export type DueState = { kind: 'none' } | { kind: 'overdue'; days: number } | { kind: 'today' } | { kind: 'left'; days: number };

const DAY_MS = 24 * 3_600_000;
/** Day number of a moment on China's calendar (UTC+8, no daylight saving), as the statutory clock counts days. */
const chinaDay = (date: Date): number => Math.floor((date.getTime() + 8 * 3_600_000) / DAY_MS);

/** Calendar days until a task is due, or how long it is overdue (at least one day once past due). */
export function dueState(dueAt: string | null, now: Date): DueState {
  if (!dueAt) return { kind: 'none' };
  const due = new Date(dueAt);
  if (Number.isNaN(due.getTime())) return { kind: 'none' };
  const days = chinaDay(due) - chinaDay(now);
  if (due.getTime() < now.getTime()) return { kind: 'overdue', days: Math.max(1, -days) };
  return days === 0 ? { kind: 'today' } : { kind: 'left', days };
}

/** A department as staff read it: the group path /沈阳市/公安局 becomes 沈阳市公安局. */
export function departmentLabel(path: string): string {
  const known = DEPARTMENTS.find((department) => department.path === path);
  if (known) return `沈阳市${known.name}`;
  return path.startsWith('/') ? path.split('/').filter(Boolean).join('') : path;
}

// ---------------------------------------------------------------- conflicts

/** Codes the inbox explains in its own words (the server's detail is English and technical). */
export const EXPLAINED_CODES = [
  'TASK_TAKEN', 'TASK_CLOSED', 'TASK_ALREADY_DECIDED', 'TASK_NOT_FOUND', 'CORRECTION_NOT_HERE', 'AWAITING_CORRECTION', 'APPLICATION_CHANGED',
  'INBOX_TASK_NOT_FOUND', 'NOT_DEPT_ADMIN', 'NOT_YOUR_TASK', 'ASSIGNEE_UNKNOWN',
] as const;
export type ExplainedCode = (typeof EXPLAINED_CODES)[number];

export function explainedCode(error: unknown): ExplainedCode | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return EXPLAINED_CODES.find((code) => code === error.code);
}

/** After these the task is no longer the caller's to decide: the page goes back to the list. */
export function taskIsGone(code: ExplainedCode | undefined): boolean {
  return code === 'TASK_TAKEN' || code === 'TASK_CLOSED' || code === 'TASK_ALREADY_DECIDED' || code === 'TASK_NOT_FOUND' || code === 'INBOX_TASK_NOT_FOUND';
}

// ---------------------------------------------------------------- correction problems and the decision

/** One problem as the approver edits it; `target` is encoded as `material:<id>`, `field:<key>`, `other` or '' (not chosen). */
export interface ProblemDraft {
  id: number;
  target: string;
  reason: string;
  rule: string;
}

export function encodeTarget(target: ProblemTarget): string {
  switch (target.kind) {
    case 'material':
      return `material:${target.materialId}`;
    case 'field':
      return `field:${target.key}`;
    case 'other':
      return 'other';
  }
}

export function decodeTarget(value: string): ProblemTarget | undefined {
  if (value === 'other') return { kind: 'other' };
  if (value.startsWith('material:') && value.length > 'material:'.length) return { kind: 'material', materialId: value.slice('material:'.length) };
  if (value.startsWith('field:') && value.length > 'field:'.length) return { kind: 'field', key: value.slice('field:'.length) };
  return undefined;
}

export type DecisionIssue =
  | { kind: 'opinion' }
  | { kind: 'noProblems' }
  | { kind: 'target'; number: number }
  | { kind: 'reason'; number: number }
  | { kind: 'duplicate'; number: number; other: number };

/**
 * What keeps a decision from being sent, checked as the API will (libs/contracts
 * taskDecisionInputSchema), so the approver sees every problem at once. Two problems about the
 * same field or material with the same reason are one problem.
 */
export function decisionIssues(decision: TaskDecision, opinion: string, problems: readonly ProblemDraft[]): DecisionIssue[] {
  const issues: DecisionIssue[] = [];
  if ((decision === 'reject' || decision === 'correct') && opinion.trim().length < 2) issues.push({ kind: 'opinion' });
  if (decision !== 'correct') return issues;
  if (problems.length === 0) issues.push({ kind: 'noProblems' });
  const seen = new Map<string, number>();
  problems.forEach((problem, index) => {
    const number = index + 1;
    if (!decodeTarget(problem.target)) issues.push({ kind: 'target', number });
    if (problem.reason.trim().length < 2) issues.push({ kind: 'reason', number });
    const identity = `${problem.target}\u0000${problem.reason.trim()}`;
    const earlier = seen.get(identity);
    if (earlier !== undefined && problem.reason.trim() !== '') issues.push({ kind: 'duplicate', number, other: earlier });
    else seen.set(identity, number);
  });
  return issues;
}

/** The body of POST /api/inbox/tasks/{taskKey}/decision; problems only with a correction. */
export function decisionInput(decision: TaskDecision, opinion: string, problems: readonly ProblemDraft[], visibleToApplicant: boolean): TaskDecisionInput {
  const chosen: CorrectionProblem[] =
    decision === 'correct'
      ? problems.flatMap((problem) => {
          const target = decodeTarget(problem.target);
          return target ? [{ target, reason: problem.reason.trim(), rule: problem.rule.trim() === '' ? null : problem.rule.trim() }] : [];
        })
      : [];
  return { decision, opinion: opinion.trim(), problems: chosen, visibleToApplicant };
}

/** Timeline entries that carry a department's opinion (decisions, acceptance, correction requests). */
export function departmentOpinions(timeline: readonly CaseEvent[]): CaseEvent[] {
  return timeline.filter((event) => event.actorRole === 'staff' && event.department !== null && event.text !== null && event.text.trim() !== '');
}

// ---------------------------------------------------------------- formatting

/** Date and time in the page's language. */
export function formatDateTime(iso: string | null, language: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
}

/** A calendar date stays as the statutory clock counts it; a moment is shown as its date in China. */
export function formatDate(iso: string | null, language: string): string {
  if (!iso) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(language, { timeZone: 'Asia/Shanghai' });
}
