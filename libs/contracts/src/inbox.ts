// The shared task inbox (R10, R15): the application's own copy of the approval steps (Camunda user
// tasks), kept in step by task listeners, so it works the same on the embedded engine and on Zeebe.
import { z } from 'zod';
import { roleSchema } from './identity.js';

/** Job type of the task listeners every approval step declares (creating, assigning, updating, completing, canceling). */
export const INBOX_SYNC_JOB = 'inbox.sync';

/** What a step is for: accepting (pre-review, where corrections are asked), deciding, or handing the result back at a counter. */
export const TASK_STAGES = ['pre-review', 'approval', 'hand-back'] as const;
export type TaskStage = (typeof TASK_STAGES)[number];

/** Task header that lets a step after the pre-review ask for correction (value `allowed`). */
export const CORRECTIONS_HEADER = 'corrections';

/** `supervised`: steps warned before their due date or escalated when overdue (重点督办), and those with a supervision notice. */
export const INBOX_VIEWS = ['mine', 'department', 'participated', 'overdue', 'due-soon', 'supervised'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

export const inboxTaskSchema = z.object({
  taskKey: z.string(),
  processInstanceKey: z.string(),
  elementId: z.string(),
  name: z.string(),
  stage: z.enum(TASK_STAGES),
  /** The step may ask for correction (pre-review always; a later step when its model allows it). */
  correctable: z.boolean().default(false),
  candidateGroups: z.array(z.string()),
  assignee: z.string().nullable(),
  state: z.enum(['open', 'completed', 'canceled']),
  priority: z.number().int(),
  dueAt: z.string().nullable(),
  applicationId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  itemCode: z.string().nullable(),
  itemName: z.string().nullable(),
  applicantName: z.string().nullable(),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
  /** When the deadline watcher warned that the due date is near, and when it escalated the overdue step. */
  warnedAt: z.string().nullable().default(null),
  escalatedAt: z.string().nullable().default(null),
  /** Supervision notices on this step not answered yet. */
  openNotices: z.number().int().default(0),
});
export type InboxTask = z.infer<typeof inboxTaskSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const inboxQuerySchema = z.object({
  view: z.enum(INBOX_VIEWS).default('department'),
  item: z.string().max(64).optional(),
  caseNumber: z.string().max(64).optional(),
  applicant: z.string().trim().max(100).optional(),
  department: z.string().max(200).optional(),
  stage: z.enum(TASK_STAGES).optional(),
  /** Steps created on or after / before this China date (YYYY-MM-DD). */
  createdFrom: isoDate.optional(),
  createdTo: isoDate.optional(),
  /** Steps due on or before this China date. */
  dueBy: isoDate.optional(),
  /** Only steps of at least this priority (0–100; the engine's default is 50). */
  minPriority: z.coerce.number().int().min(0).max(100).optional(),
  sort: z.enum(['due', 'priority', 'age']).default('due'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
}).strict();
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

export const inboxPageSchema = z.object({
  items: z.array(inboxTaskSchema),
  /** Matches, counted up to 1000; `totalCapped` says there are more. */
  total: z.number().int(),
  totalCapped: z.boolean().default(false),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type InboxPage = z.infer<typeof inboxPageSchema>;

/** A named inbox filter of one user: the list's URL parameters (view, sort, filters). */
export const savedFilterInputSchema = z.object({
  name: z.string().trim().min(1, 'give the filter a name').max(40),
  query: z.record(z.string().max(40), z.string().max(200)).refine((query) => Object.keys(query).length <= 16, 'too many parameters'),
}).strict();
export type SavedFilterInput = z.infer<typeof savedFilterInputSchema>;
export const savedFilterSchema = z.object({ id: z.string(), name: z.string(), query: z.record(z.string(), z.string()), createdAt: z.string() });
export type SavedFilter = z.infer<typeof savedFilterSchema>;

/** What an approver typed on a step and has not sent yet (kept on the server, so it follows them to another device). */
export const opinionDraftSchema = z.object({
  decision: z.enum(['approve', 'reject', 'correct']),
  opinion: z.string().max(2000),
}).strict();
export type OpinionDraft = z.infer<typeof opinionDraftSchema>;

/** The case's process diagram (BPMN XML of the version it runs on) with where it stands. */
export const processDiagramSchema = z.object({
  xml: z.string(),
  /** Elements active now (the current steps). */
  active: z.array(z.string()),
  /** User tasks done so far. */
  completed: z.array(z.string()),
});
export type ProcessDiagram = z.infer<typeof processDiagramSchema>;

export const assignTaskSchema = z.object({ assignee: z.string().trim().min(1).max(100) }).strict();

// ---------------------------------------------------------------- supervision (重点督办, R27)

/** A supervisor's notice on an overdue or troubled step; the department must answer. */
export const supervisionNoticeInputSchema = z.object({
  taskKey: z.string().regex(/^\d{1,20}$/, 'must be a task key'),
  text: z.string().trim().min(5, 'say what the department must do').max(1000),
  /** Working days the department has to answer. */
  answerWithinDays: z.number().int().min(1).max(30).default(3),
}).strict();
export type SupervisionNoticeInput = z.input<typeof supervisionNoticeInputSchema>;

export const supervisionAnswerSchema = z.object({ response: z.string().trim().min(5, 'say what the department did').max(2000) }).strict();

export const supervisionNoticeSchema = z.object({
  id: z.string(),
  applicationId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  itemName: z.string().nullable(),
  taskKey: z.string(),
  taskName: z.string(),
  department: z.string(),
  text: z.string(),
  issuedBy: z.string(),
  issuedAt: z.string(),
  answerBy: z.string(),
  status: z.enum(['open', 'answered']),
  response: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
});
export type SupervisionNotice = z.infer<typeof supervisionNoticeSchema>;

/** Overdue and escalated work per department, for supervisors. */
export const supervisionOverviewSchema = z.object({
  departments: z.array(z.object({ department: z.string(), open: z.number().int(), dueSoon: z.number().int(), overdue: z.number().int(), escalated: z.number().int(), openNotices: z.number().int() })),
});
export type SupervisionOverview = z.infer<typeof supervisionOverviewSchema>;

/** A colleague who has signed in to the platform (the staff directory), to pick when assigning, delegating or reassigning. */
export const staffMemberSchema = z.object({
  username: z.string(),
  name: z.string(),
  departments: z.array(z.string()),
  roles: z.array(roleSchema),
  lastSeenAt: z.string(),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;
