// What the operations console and the case library read from the API. The answers beyond
// libs/contracts (incidents with their case, breaker state, case-library rows) are described here
// until they move to the shared contracts.
import { APPLICATION_STATUSES, caseNumberSchema } from '@gov/contracts';
import { z } from 'zod';

export const BREAKER_STATES = ['closed', 'half-open', 'open'] as const;
export type BreakerState = (typeof BREAKER_STATES)[number];

export const incidentSchema = z.object({
  incidentKey: z.string(),
  processInstanceKey: z.string(),
  processDefinitionId: z.string(),
  elementId: z.string(),
  errorType: z.string(),
  errorMessage: z.string(),
  jobKey: z.string().nullable(),
  creationTime: z.string(),
  variables: z.record(z.string(), z.unknown()),
  case: z.object({
    applicationId: z.string(),
    caseNumber: z.string().nullable(),
    itemCode: z.string(),
    itemName: z.string(),
    status: z.string(),
    departments: z.array(z.string()),
  }).nullable(),
});
export type Incident = z.infer<typeof incidentSchema>;

const transitionSchema = z.object({ at: z.string(), worker: z.string(), state: z.enum(BREAKER_STATES), retryAt: z.string().nullable() });

export const departmentHealthSchema = z.object({
  department: z.string(),
  name: z.string().nullable(),
  connected: z.boolean(),
  calls: z.number(),
  failures: z.number(),
  rejected: z.number(),
  successRate: z.number().nullable(),
  averageMs: z.number().nullable(),
  lastFailureAt: z.string().nullable(),
  lastCallAt: z.string().nullable(),
  breaker: z.object({
    state: z.enum(BREAKER_STATES),
    since: z.string().nullable(),
    retryAt: z.string().nullable(),
    workers: z.array(transitionSchema),
    transitions: z.array(transitionSchema),
  }),
});
export type DepartmentHealth = z.infer<typeof departmentHealthSchema>;

export const EXCHANGE_OUTCOMES = ['success', 'failure', 'rejected', 'duplicate'] as const;

export const exchangeSchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  department: z.string(),
  direction: z.enum(['outbound', 'callback']),
  caseNumber: z.string().nullable(),
  eventId: z.string().nullable(),
  method: z.string(),
  path: z.string(),
  status: z.number().nullable(),
  outcome: z.enum(EXCHANGE_OUTCOMES),
  durationMs: z.number(),
  payloadHash: z.string().nullable(),
  payload: z.unknown(),
  error: z.string().nullable(),
});
export type Exchange = z.infer<typeof exchangeSchema>;
export const exchangePageSchema = z.object({ items: z.array(exchangeSchema) });

export const AUTH_KINDS = ['api-key', 'oauth2-client-credentials'] as const;
export const connectionSchema = z.object({
  department: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  authKind: z.enum(AUTH_KINDS),
  jobTypes: z.array(z.string()),
  timeoutMs: z.number(),
  rateLimitPerMinute: z.number(),
  enabled: z.boolean(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type Connection = z.infer<typeof connectionSchema>;

export const CASE_STATUSES = APPLICATION_STATUSES.filter((s) => s !== 'draft');

export const caseRowSchema = z.object({
  id: z.string(),
  caseNumber: caseNumberSchema,
  itemCode: z.string(),
  itemName: z.string(),
  agencyName: z.string(),
  applicantName: z.string(),
  applicantIdNumberMasked: z.string(),
  company: z.object({ creditCode: z.string(), name: z.string() }).nullable(),
  status: z.enum(APPLICATION_STATUSES),
  departments: z.array(z.string()),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  dueDate: z.string().nullable(),
});
export type CaseRow = z.infer<typeof caseRowSchema>;
export const casePageSchema = z.object({ items: z.array(caseRowSchema), total: z.number(), page: z.number(), pageSize: z.number() });
export type CasePage = z.infer<typeof casePageSchema>;
