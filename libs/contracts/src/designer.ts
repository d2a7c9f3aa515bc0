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

export interface LintReport {
  parseError: string | null;
  problems: LintProblemView[];
  errors: number;
  warnings: number;
}

export interface DesignerItemSummary {
  code: string;
  name: string;
  agencyName: string;
  bpmnProcessId: string | null;
  draftRevision: number | null;
  deployedVersion: number | null;
}

export interface ProcessDraftView {
  code: string;
  name: string;
  bpmnProcessId: string;
  revision: number;
  xml: string;
  updatedBy: string;
  updatedAt: string;
  /** Where the draft came from when it was first opened: the deployed model or the processes/ file. */
  source: string;
  lint: LintReport;
  /** Whether the caller may deploy (designers only). */
  mayDeploy: boolean;
}

export const draftSaveSchema = z.object({
  xml: z.string().min(1).max(MAX_MODEL_CHARS),
  /** The revision the edit started from; a different current revision answers 409. */
  baseRevision: z.number().int().min(0),
  note: z.string().max(200).optional(),
});
export type DraftSave = z.infer<typeof draftSaveSchema>;

export interface DraftRevisionSummary {
  revision: number;
  actorName: string;
  at: string;
  note: string | null;
}

export interface DraftRevision extends DraftRevisionSummary {
  xml: string;
}

export const deploySchema = z.object({ revision: z.number().int().min(1) });

export interface ProcessVersionView {
  version: number;
  processDefinitionKey: string;
  /** Running instances on this version (engine count). */
  runningCases: number;
  deployedBy: string | null;
  deployedAt: string | null;
  draftRevision: number | null;
  latest: boolean;
}

export interface ProcessVersions {
  code: string;
  bpmnProcessId: string;
  versions: ProcessVersionView[];
}

export const testRunStartSchema = z.object({
  revision: z.number().int().min(1),
  /** Sample variables the sandboxed instance starts with. */
  variables: z.record(z.string(), z.unknown()).default({}),
});
export type TestRunStart = z.infer<typeof testRunStartSchema>;

export const completionSchema = z.object({ variables: z.record(z.string(), z.unknown()).default({}) });

export type ElementRunState = 'active' | 'completed' | 'terminated' | 'incident';

export interface TestRunView {
  processInstanceKey: string;
  sandboxProcessId: string;
  state: 'ACTIVE' | 'COMPLETED' | 'CANCELED' | 'UNKNOWN';
  /** Per element id: its latest state in this run. */
  elements: { elementId: string; state: ElementRunState }[];
  variables: { name: string; value: string }[];
  incidents: { incidentKey: string; elementId: string; errorType: string; errorMessage: string }[];
  userTasks: { userTaskKey: string; elementId: string; name: string; candidateGroups: string[] }[];
  jobs: { jobKey: string; elementId: string; type: string }[];
}
