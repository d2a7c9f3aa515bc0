// Operations console (issue 8): incidents of failed steps, retrying and resolving them, cancelling a case.
import { z } from 'zod';

export const incidentRetrySchema = z.object({
  /** Retries given back to the failed job. */
  retries: z.number().int().min(1).max(10).default(3),
  /** Variables to correct before retrying, set on the failing element's scope and propagated. */
  variables: z.record(z.string(), z.json()).optional(),
}).strict();
export type IncidentRetry = z.infer<typeof incidentRetrySchema>;

export const caseCancellationSchema = z.object({
  reason: z.string().trim().min(2).max(500),
}).strict();
export type CaseCancellation = z.infer<typeof caseCancellationSchema>;

export interface IncidentView {
  incidentKey: string;
  processInstanceKey: string;
  processDefinitionId: string;
  elementId: string;
  errorType: string;
  errorMessage: string;
  jobKey: string | null;
  creationTime: string;
  /** The case's variables, as the operator needs them to judge the failure. */
  variables: Record<string, unknown>;
}

export interface DepartmentHealthView {
  department: string;
  calls: number;
  failures: number;
  rejected: number;
  successRate: number | null;
  averageMs: number | null;
  lastFailureAt: string | null;
}
