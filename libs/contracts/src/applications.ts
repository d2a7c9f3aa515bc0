// Citizen applications (R7, R8, R11, R12, R13, R23): drafts, materials, submission, the one-time
// correction notice, progress, result and rating. Shared by the API, the portal and the tests.
import { z } from 'zod';

// ---------------------------------------------------------------- states

/**
 * draft → submitted (waiting for pre-review) → [correction-requested → submitted]* → in-review
 * (accepted, 已受理) → approved | rejected | partially-approved. Undecided cases may be withdrawn by the
 * applicant, or terminated (终止办理) by an operator with a reason.
 */
export const APPLICATION_STATUSES = ['draft', 'submitted', 'correction-requested', 'in-review', 'approved', 'rejected', 'partially-approved', 'withdrawn', 'terminated'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const DECIDED_STATUSES: readonly ApplicationStatus[] = ['approved', 'rejected', 'partially-approved'];
export const OPEN_STATUSES: readonly ApplicationStatus[] = ['submitted', 'correction-requested', 'in-review'];

/** Accepted file types, checked by content (magic bytes), never by name. */
export const MATERIAL_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'application/ofd'] as const;
export type MaterialMediaType = (typeof MATERIAL_MEDIA_TYPES)[number];

export const uuidSchema = z.string().uuid('must be a UUID');
const json = z.json();

// ---------------------------------------------------------------- the case protocol (process ↔ platform)

/**
 * How a service item's BPMN model and the platform talk (every model in processes/ follows it):
 * - the instance starts with `CaseStartVariables`;
 * - a decision on a user task completes it with `TaskDecisionVariables`; a step that links an
 *   approval form (`zeebe:formDefinition formId`, a form of the item) also gets the form's values as
 *   variables of the same names (those of this protocol keep theirs);
 * - after a pre-review with `decision = "correct"` the model waits at an intermediate message catch
 *   event named `CORRECTED_MESSAGE` with correlation key `=caseNumber`; the platform publishes it
 *   when the applicant resubmits, with the corrected `formData` and `materials`. A later step may
 *   ask for correction too when it has the task header `corrections` = `allowed` (a department in
 *   a parallel approval finding its own material wrong); its model waits the same way after it;
 * - the model ends a case through a service task of type `CASE_RESULT_JOB` with the task header
 *   `outcome` (approved | rejected | partially-approved); `opinion` and `departmentDecisions` are
 *   read from the variables;
 * - a case accepted at a counter (R14, R15) starts with `channel = "counter"` and `counter.centre`
 *   (the accepting centre's group path): the clerk pre-reviewed it on the spot, so the model goes
 *   straight on to the competent departments, and after `case.result` it ends with a hand-back user
 *   task (task header `stage` = `hand-back`) for `=counter.centre`, completed when the clerk records
 *   who collected the result. Online cases have no `channel` (or `"online"`).
 */
export const CORRECTED_MESSAGE = 'application-corrected';
export const CASE_RESULT_JOB = 'case.result';
export const CASE_OUTCOMES = ['approved', 'rejected', 'partially-approved'] as const;
/** Where a case was accepted: online by the applicant, or at a service centre's counter by a clerk. */
export const CASE_CHANNELS = ['online', 'counter'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];
/** The service centre (community, street or hall window) that accepted a counter case. */
export const counterAcceptanceSchema = z.object({ centre: z.string(), centreName: z.string(), clerk: z.string(), clerkName: z.string() });
export type CounterAcceptance = z.infer<typeof counterAcceptanceSchema>;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export const caseMaterialVariableSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Where an authorised system fetches the file (platform URL path). */
  url: z.string(),
  sha256: z.string(),
});
export const caseStartVariablesSchema = z.object({
  caseNumber: z.string(),
  applicationId: uuidSchema,
  itemCode: z.string(),
  applicant: z.object({ name: z.string(), idNumber: z.string(), phone: z.string().optional() }),
  /** The company the application is made for (enterprise users). */
  company: z.object({ creditCode: z.string(), name: z.string() }).optional(),
  formData: z.record(z.string(), json),
  materials: z.array(caseMaterialVariableSchema),
  correctionCount: z.number().int(),
  /** Absent for online applications. */
  channel: z.enum(CASE_CHANNELS).optional(),
  counter: counterAcceptanceSchema.pick({ centre: true, centreName: true, clerk: true }).optional(),
  /** The statutory deadline (ISO date-time, end of the last working day): approvals' `zeebe:taskSchedule dueDate="=statutoryDueDate"`. */
  statutoryDueDate: z.string().optional(),
});
export type CaseStartVariables = z.infer<typeof caseStartVariablesSchema>;

export const TASK_DECISIONS = ['approve', 'reject', 'correct'] as const;
export type TaskDecision = (typeof TASK_DECISIONS)[number];
export interface TaskDecisionVariables {
  decision: TaskDecision;
  approved: boolean;
  opinion: string;
  /** Every department's decision so far, for multi-department items. */
  departmentDecisions: { department: string; decision: TaskDecision; opinion: string }[];
}

// ---------------------------------------------------------------- files and materials

export const materialFileSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  mediaType: z.enum(MATERIAL_MEDIA_TYPES),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
  /** Set when the file is an e-licence from the library (filled from the wallet): approvers see it verified. */
  eLicence: z.object({ licenceNo: z.string(), typeName: z.string(), verified: z.boolean(), status: z.string() }).nullable().optional(),
});
export type MaterialFile = z.infer<typeof materialFileSchema>;

/** A file in the applicant's material library, with every case it was used in. */
export const libraryFileSchema = materialFileSchema.extend({
  usedIn: z.array(z.object({ applicationId: uuidSchema, caseNumber: z.string().nullable(), itemName: z.string(), materialName: z.string() })),
});
export type LibraryFile = z.infer<typeof libraryFileSchema>;

/** One required material of the item and what the applicant gave for it. */
export const applicationMaterialSchema = z.object({
  materialId: z.string(),
  name: z.string(),
  requirement: z.enum(['mandatory', 'conditional']),
  condition: z.string().nullable(),
  eLicenceTypes: z.array(z.string()),
  files: z.array(materialFileSchema),
});
export type ApplicationMaterial = z.infer<typeof applicationMaterialSchema>;

export const attachMaterialSchema = z.object({
  /** Files from the applicant's library (uploaded before with POST /api/files). Replaces the material's files. */
  fileIds: z.array(uuidSchema).max(10),
}).strict();
export type AttachMaterial = z.infer<typeof attachMaterialSchema>;

// ---------------------------------------------------------------- correction notice (一次性告知书)

export const problemTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('material'), materialId: z.string().min(1).max(64) }).strict(),
  z.object({ kind: z.literal('field'), key: z.string().min(1).max(100) }).strict(),
  z.object({ kind: z.literal('other') }).strict(),
]);
export type ProblemTarget = z.infer<typeof problemTargetSchema>;

export const correctionProblemSchema = z.object({
  target: problemTargetSchema,
  /** What is wrong and what to do, in words the applicant understands. */
  reason: z.string().trim().min(2, 'say what is wrong').max(1000),
  /** The rule or legal provision behind it. */
  rule: z.string().trim().max(300).nullable().default(null),
}).strict();
export type CorrectionProblem = z.infer<typeof correctionProblemSchema>;

export const correctionNoticeSchema = z.object({
  number: z.number().int(),
  issuedAt: z.string(),
  issuedBy: z.string(),
  department: z.string(),
  problems: z.array(correctionProblemSchema.extend({
    /** True when this problem already existed at the first notice and should have been listed there. */
    defect: z.boolean(),
  })),
  answeredAt: z.string().nullable(),
  /** Problems in this notice that existed at the first one (一次性告知 not kept). */
  defects: z.number().int(),
});
export type CorrectionNotice = z.infer<typeof correctionNoticeSchema>;

// ---------------------------------------------------------------- clock, timeline, result, rating

export const caseClockSchema = z.object({
  state: z.enum(['running', 'paused', 'stopped']),
  startDate: z.string(),
  limitDays: z.number().int(),
  usedDays: z.number().int(),
  remainingDays: z.number().int(),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
  pauses: z.array(z.object({ reason: z.string(), from: z.string(), until: z.string().nullable(), workingDays: z.number().int() })),
});
export type CaseClock = z.infer<typeof caseClockSchema>;

export const CASE_EVENT_KINDS = [
  'created', 'submitted', 'auto-checked', 'accepted', 'correction-requested', 'resubmitted', 'department-decided', 'department-progress',
  'approved', 'rejected', 'partially-approved', 'withdrawn', 'terminated', 'rated', 'rectification-answered', 'handed-back',
  'deadline-warned', 'escalated', 'supervision-notice', 'supervision-answered', 'returned',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

export const caseEventSchema = z.object({
  at: z.string(),
  kind: z.enum(CASE_EVENT_KINDS),
  actorName: z.string(),
  actorRole: z.enum(['applicant', 'staff', 'system']),
  department: z.string().nullable(),
  /** Text for the timeline (e.g. an opinion the applicant may see). */
  text: z.string().nullable(),
  /** Files attached to an opinion (GET /api/files/{fileId}/content). */
  attachments: z.array(z.object({ fileId: z.string(), name: z.string() })).default([]),
});
export type CaseEvent = z.infer<typeof caseEventSchema>;

export const caseResultSchema = z.object({
  outcome: z.enum(CASE_OUTCOMES),
  decidedAt: z.string(),
  /** Reasons (for rejections) or the final opinion. */
  opinion: z.string().nullable(),
  /** How to challenge a rejection (行政复议 / 行政诉讼). */
  remedy: z.string().nullable(),
  departments: z.array(z.object({ department: z.string(), decision: z.enum(TASK_DECISIONS), opinion: z.string() })),
  documents: z.array(z.object({ name: z.string(), url: z.string() })),
});
export type CaseResult = z.infer<typeof caseResultSchema>;

/** 好差评: five levels; 1–2 are bad and need reasons. */
export const BAD_RATING_REASONS = ['slow', 'repeated-visits', 'unclear-guide', 'asked-twice', 'attitude', 'system', 'other'] as const;
export const RATING_CHANNELS = ['web', 'counter', 'app'] as const;

export const ratingInputSchema = z.object({
  level: z.number().int().min(1, 'from 1 (very bad) to 5 (very good)').max(5, 'from 1 (very bad) to 5 (very good)'),
  reasons: z.array(z.enum(BAD_RATING_REASONS)).max(BAD_RATING_REASONS.length).default([]),
  comment: z.string().trim().max(1000).default(''),
  channel: z.enum(RATING_CHANNELS).default('web'),
}).strict().superRefine((rating, ctx) => {
  if (rating.level <= 2 && rating.reasons.length === 0) ctx.addIssue({ code: 'custom', path: ['reasons'], message: 'a bad rating needs at least one reason' });
  if (rating.reasons.includes('other') && rating.comment === '') ctx.addIssue({ code: 'custom', path: ['comment'], message: 'say what "other" means' });
});
export type RatingInput = z.input<typeof ratingInputSchema>;

export const ratingSchema = z.object({
  level: z.number().int(),
  reasons: z.array(z.enum(BAD_RATING_REASONS)),
  comment: z.string(),
  channel: z.enum(RATING_CHANNELS),
  ratedAt: z.string(),
  rectification: z.object({
    id: uuidSchema,
    department: z.string(),
    status: z.enum(['open', 'answered']),
    response: z.string().nullable(),
    answeredAt: z.string().nullable(),
    answeredBy: z.string().nullable(),
  }).nullable(),
});
export type Rating = z.infer<typeof ratingSchema>;

// ---------------------------------------------------------------- the application

export const applicationSummarySchema = z.object({
  id: uuidSchema,
  caseNumber: z.string().nullable(),
  itemCode: z.string(),
  itemName: z.string(),
  agencyName: z.string(),
  /** Set when an enterprise user applied for their company: everyone of the company sees the case. */
  company: z.object({ creditCode: z.string(), name: z.string() }).nullable(),
  status: z.enum(APPLICATION_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  dueDate: z.string().nullable(),
  rated: z.boolean(),
  /** Accepted at a counter: by which centre and clerk, and when the result was handed back. */
  counter: counterAcceptanceSchema.extend({ handedBackAt: z.string().nullable() }).nullable().optional(),
});
export type ApplicationSummary = z.infer<typeof applicationSummarySchema>;

export const applicationViewSchema = applicationSummarySchema.extend({
  itemRevision: z.number().int(),
  applicant: z.object({ name: z.string(), idNumberMasked: z.string() }),
  formData: z.record(z.string(), json),
  /** Field keys filled from what the platform already knew (identity, earlier applications). */
  prefilled: z.array(z.string()),
  materials: z.array(applicationMaterialSchema),
  /** Drafts expire after this time unless saved again. */
  draftExpiresAt: z.string().nullable(),
  version: z.number().int(),
  clock: caseClockSchema.nullable(),
  notices: z.array(correctionNoticeSchema),
  timeline: z.array(caseEventSchema),
  result: caseResultSchema.nullable(),
  rating: ratingSchema.nullable(),
  /** What the caller may do now. */
  actions: z.object({ edit: z.boolean(), submit: z.boolean(), resubmit: z.boolean(), withdraw: z.boolean(), rate: z.boolean() }),
});
export type ApplicationView = z.infer<typeof applicationViewSchema>;

export const createApplicationSchema = z.object({ itemCode: z.string().min(1).max(64) }).strict();

export const saveDraftSchema = z.object({
  formData: z.record(z.string(), json),
  /** The version the client edited; a stale one is refused instead of overwriting newer work. */
  version: z.number().int().optional(),
}).strict();
export type SaveDraft = z.infer<typeof saveDraftSchema>;

export const withdrawSchema = z.object({ reason: z.string().trim().min(2).max(500) }).strict();

export const applicationListQuerySchema = z.object({
  status: z.enum(APPLICATION_STATUSES).optional(),
  /** true: only rated cases ("my ratings"); false: only cases not rated yet. */
  rated: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
}).strict();

export const applicationPageSchema = z.object({
  items: z.array(applicationSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ApplicationPage = z.infer<typeof applicationPageSchema>;

// ---------------------------------------------------------------- staff actions (until the inbox issue lands)

/** An open approval step of a case, as an approver of a candidate department sees it. */
export const caseTaskSchema = z.object({
  taskKey: z.string(),
  elementId: z.string(),
  name: z.string(),
  candidateGroups: z.array(z.string()),
  createdAt: z.string(),
});
export type CaseTask = z.infer<typeof caseTaskSchema>;

export const taskDecisionInputSchema = z.object({
  decision: z.enum(TASK_DECISIONS),
  opinion: z.string().trim().max(2000).default(''),
  /** Required for `correct`: every problem, in one notice. */
  problems: z.array(correctionProblemSchema).max(50).default([]),
  /** Whether the applicant sees the opinion in the timeline. */
  visibleToApplicant: z.boolean().default(true),
  /** Files the approver uploaded (POST /api/files) to go with the opinion. */
  attachments: z.array(uuidSchema).max(5).default([]),
  /** The step's approval form, when its model links one (GET /api/inbox/tasks/{key}/form): checked against it on approval. */
  formData: z.record(z.string(), z.unknown()).optional(),
}).strict().superRefine((input, ctx) => {
  if (input.decision === 'correct' && input.problems.length === 0) ctx.addIssue({ code: 'custom', path: ['problems'], message: 'a correction notice lists at least one problem' });
  if (input.decision !== 'correct' && input.problems.length > 0) ctx.addIssue({ code: 'custom', path: ['problems'], message: 'problems belong to a correction request only' });
  if ((input.decision === 'reject' || input.decision === 'correct') && input.opinion.length < 2) ctx.addIssue({ code: 'custom', path: ['opinion'], message: 'an opinion is required to reject or to ask for correction' });
});
export type TaskDecisionInput = z.input<typeof taskDecisionInputSchema>;

/** The approval form a step's model links (zeebe:formDefinition), as deployed; nulls when it links none. */
export const taskFormSchema = z.object({
  formId: z.string().nullable(),
  schema: z.record(z.string(), z.unknown()).nullable(),
});
export type TaskForm = z.infer<typeof taskFormSchema>;

/** Send the case back to an earlier step (退回): that step opens again; this one ends. */
export const returnTaskSchema = z.object({
  toElementId: z.string().min(1).max(200),
  opinion: z.string().trim().min(2, 'say why the case goes back').max(2000),
}).strict();
export type ReturnTaskInput = z.infer<typeof returnTaskSchema>;

/** An earlier step a case can be sent back to. */
export const returnTargetSchema = z.object({ elementId: z.string(), name: z.string() });
export type ReturnTarget = z.infer<typeof returnTargetSchema>;

export const rectificationSchema = z.object({
  id: uuidSchema,
  applicationId: uuidSchema,
  caseNumber: z.string(),
  itemName: z.string(),
  department: z.string(),
  level: z.number().int(),
  reasons: z.array(z.enum(BAD_RATING_REASONS)),
  comment: z.string(),
  status: z.enum(['open', 'answered']),
  response: z.string().nullable(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
});
export type Rectification = z.infer<typeof rectificationSchema>;
export const rectificationAnswerSchema = z.object({ response: z.string().trim().min(5, 'say what was done').max(2000) }).strict();

// ---------------------------------------------------------------- notifications

export const notificationSchema = z.object({
  id: uuidSchema,
  applicationId: uuidSchema.nullable(),
  caseNumber: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;
