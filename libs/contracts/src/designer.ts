// Process designer (issue 9): drafts of an item's BPMN model with revision history, lint results,
// deployments (engine versions linked to the catalogue item) and sandboxed test runs.
import { z } from 'zod';

/** Upper bound for a model's XML; the engine's own message limit is 4 MB. */
export const MAX_MODEL_CHARS = 2_000_000;

export const lintProblemSchema = z.object({
  elementId: z.string().nullable(),
  rule: z.string(),
  message: z.string(),
  category: z.enum(['error', 'warn', 'info']),
});
export type LintProblemView = z.infer<typeof lintProblemSchema>;

export const lintReportSchema = z.object({
  parseError: z.string().nullable(),
  problems: z.array(lintProblemSchema),
  errors: z.number().int(),
  warnings: z.number().int(),
});
export type LintReport = z.infer<typeof lintReportSchema>;

export const designerItemSummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  agencyName: z.string(),
  bpmnProcessId: z.string().nullable(),
  draftRevision: z.number().int().nullable(),
  deployedVersion: z.number().int().nullable(),
});
export type DesignerItemSummary = z.infer<typeof designerItemSummarySchema>;

export const processDraftViewSchema = z.object({
  code: z.string(),
  name: z.string(),
  bpmnProcessId: z.string(),
  revision: z.number().int(),
  xml: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
  /** Where the draft came from when it was first opened: the deployed model or the processes/ file. */
  source: z.string(),
  lint: lintReportSchema,
  /** Whether the caller may deploy (designers only). */
  mayDeploy: z.boolean(),
});
export type ProcessDraftView = z.infer<typeof processDraftViewSchema>;

export const draftSaveSchema = z.object({
  xml: z.string().min(1).max(MAX_MODEL_CHARS),
  /** The revision the edit started from; a different current revision answers 409. */
  baseRevision: z.number().int().min(0),
  note: z.string().max(200).optional(),
});
export type DraftSave = z.infer<typeof draftSaveSchema>;

export const draftRevisionSummarySchema = z.object({ revision: z.number().int(), actorName: z.string(), at: z.string(), note: z.string().nullable() });
export type DraftRevisionSummary = z.infer<typeof draftRevisionSummarySchema>;
export const draftRevisionSchema = draftRevisionSummarySchema.extend({ xml: z.string() });
export type DraftRevision = z.infer<typeof draftRevisionSchema>;

export const deploySchema = z.object({ revision: z.number().int().min(1) });

export const processVersionViewSchema = z.object({
  version: z.number().int(),
  processDefinitionKey: z.string(),
  /** Running instances on this version (engine count). */
  runningCases: z.number().int(),
  deployedBy: z.string().nullable(),
  deployedAt: z.string().nullable(),
  draftRevision: z.number().int().nullable(),
  latest: z.boolean(),
});
export type ProcessVersionView = z.infer<typeof processVersionViewSchema>;

export const processVersionsSchema = z.object({ code: z.string(), bpmnProcessId: z.string(), versions: z.array(processVersionViewSchema) });
export type ProcessVersions = z.infer<typeof processVersionsSchema>;

export const testRunStartSchema = z.object({
  revision: z.number().int().min(1),
  /** Sample variables the sandboxed instance starts with. */
  variables: z.record(z.string(), z.unknown()).default({}),
});
export type TestRunStart = z.infer<typeof testRunStartSchema>;

export const completionSchema = z.object({ variables: z.record(z.string(), z.unknown()).default({}) });

export const ELEMENT_RUN_STATES = ['active', 'completed', 'terminated', 'incident'] as const;
export type ElementRunState = (typeof ELEMENT_RUN_STATES)[number];

export const testRunViewSchema = z.object({
  processInstanceKey: z.string(),
  sandboxProcessId: z.string(),
  state: z.enum(['ACTIVE', 'COMPLETED', 'CANCELED', 'UNKNOWN']),
  /** Per element id: its latest state in this run. */
  elements: z.array(z.object({ elementId: z.string(), state: z.enum(ELEMENT_RUN_STATES) })),
  variables: z.array(z.object({ name: z.string(), value: z.string() })),
  incidents: z.array(z.object({ incidentKey: z.string(), elementId: z.string(), errorType: z.string(), errorMessage: z.string() })),
  userTasks: z.array(z.object({ userTaskKey: z.string(), elementId: z.string(), name: z.string(), candidateGroups: z.array(z.string()) })),
  jobs: z.array(z.object({ jobKey: z.string(), elementId: z.string(), type: z.string() })),
});
export type TestRunView = z.infer<typeof testRunViewSchema>;

// ---- forms (form-js) and decisions (DMN) drafted beside the process model ----

export const DESIGN_RESOURCE_KINDS = ['form', 'decision'] as const;
export type DesignResourceKind = (typeof DESIGN_RESOURCE_KINDS)[number];

/** Form and decision ids: what zeebe:formId / zeebe:calledDecision and the catalogue's process.formId hold. */
export const designResourceIdSchema = z.string().regex(/^[A-Za-z_][\w.-]*$/).max(100);

export const designResourceSummarySchema = z.object({
  kind: z.enum(DESIGN_RESOURCE_KINDS),
  id: z.string(),
  /** application: the catalogue's process.formId; approval: a user task's form; eligibility: process.eligibilityDecisionId; decision: a business rule task's. */
  roles: z.array(z.enum(['application', 'approval', 'eligibility', 'decision'])),
  /** Element ids of the current process draft that link to it. */
  linkedFrom: z.array(z.string()),
  draftRevision: z.number().int().nullable(),
  /** Whether the platform serves a version of it: a deployed one, or the file in processes/. */
  available: z.enum(['deployed', 'file', 'draft-only', 'missing']),
});
export type DesignResourceSummary = z.infer<typeof designResourceSummarySchema>;

export const designResourceDraftSchema = z.object({
  kind: z.enum(DESIGN_RESOURCE_KINDS),
  id: z.string(),
  revision: z.number().int(),
  /** The form-js schema (JSON text) or the DMN XML. */
  content: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
  source: z.string(),
});
export type DesignResourceDraft = z.infer<typeof designResourceDraftSchema>;

export const resourceSaveSchema = z.object({
  /** Form: the form-js schema as JSON text; decision: DMN XML. Checked on save (422 when it is neither). */
  content: z.string().min(1).max(MAX_MODEL_CHARS),
  baseRevision: z.number().int().min(0),
  note: z.string().max(200).optional(),
});
export type ResourceSave = z.infer<typeof resourceSaveSchema>;

// ---- export / import: the files of processes/<code>/ ----

/** A file of processes/<code>/ the designer exchanges: the process model, a form or a decision. */
export const bundleFileNameSchema = z.string().regex(/^[A-Za-z_][\w.-]*\.(bpmn|form|dmn)$/, 'a file name ending in .bpmn, .form or .dmn');

export const PROCESS_BUNDLE_FORMAT = 'gov-process-bundle/1';

export const processBundleSchema = z.object({
  format: z.literal(PROCESS_BUNDLE_FORMAT),
  code: z.string(),
  /** What was exported: the current drafts, or what is deployed (the processes/ file where nothing was deployed). */
  from: z.enum(['draft', 'deployed']),
  exportedAt: z.string(),
  /** File name in processes/<code>/ → its content. */
  files: z.record(bundleFileNameSchema, z.string()),
});
export type ProcessBundle = z.infer<typeof processBundleSchema>;

export const bundleImportSchema = z.object({
  files: z.record(bundleFileNameSchema, z.string().min(1).max(MAX_MODEL_CHARS)).refine((files) => Object.keys(files).length > 0, 'at least one file'),
  note: z.string().max(200).optional(),
});
export type BundleImport = z.infer<typeof bundleImportSchema>;

export const bundleImportResultSchema = z.object({
  code: z.string(),
  revisions: z.array(z.object({ file: z.string(), kind: z.enum(['process', 'form', 'decision']), id: z.string(), revision: z.number().int() })),
});
export type BundleImportResult = z.infer<typeof bundleImportResultSchema>;

// ---- element templates: the repository's files plus those admins add ----

export const elementTemplateIdSchema = z.string().regex(/^[A-Za-z_][\w.-]*$/).max(200);

export const elementTemplateViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int().nullable(),
  /** repository: a file in libs/ (read-only here); admin: added or replaced by an admin (stored in the database). */
  source: z.enum(['repository', 'admin']),
  /** For admin templates: whether it replaces a repository template of the same id. */
  replacesRepository: z.boolean(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  /** The Camunda 8 element template (JSON) as the chooser takes it. */
  template: z.record(z.string(), z.unknown()),
});
export type ElementTemplateView = z.infer<typeof elementTemplateViewSchema>;

/** An admin's template: Camunda element-template JSON (checked against Camunda's Zeebe element-template schema). */
export const elementTemplateSaveSchema = z.record(z.string(), z.unknown());
