// The shared task inbox (R10, R15): the application's own copy of the approval steps (Camunda user
// tasks), kept in step by task listeners, so it works the same on the embedded engine and on Zeebe.
import { z } from 'zod';

/** Job type of the task listeners every approval step declares (creating, assigning, updating, completing, canceling). */
export const INBOX_SYNC_JOB = 'inbox.sync';

/** What a step is for: accepting (pre-review, where corrections are asked), deciding, or handing the result back at a counter. */
export const TASK_STAGES = ['pre-review', 'approval', 'hand-back'] as const;
export type TaskStage = (typeof TASK_STAGES)[number];

/** Task header that lets a step after the pre-review ask for correction (value `allowed`). */
export const CORRECTIONS_HEADER = 'corrections';

export const INBOX_VIEWS = ['mine', 'department', 'participated', 'overdue', 'due-soon'] as const;
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
});
export type InboxTask = z.infer<typeof inboxTaskSchema>;

export const inboxQuerySchema = z.object({
  view: z.enum(INBOX_VIEWS).default('department'),
  item: z.string().max(64).optional(),
  caseNumber: z.string().max(64).optional(),
  applicant: z.string().trim().max(100).optional(),
  department: z.string().max(200).optional(),
  stage: z.enum(TASK_STAGES).optional(),
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

export const assignTaskSchema = z.object({ assignee: z.string().trim().min(1).max(100) }).strict();
