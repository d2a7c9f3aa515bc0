// Data exchange with departments' own business systems (DESIGN.md §9): the departments, the
// application a connector pushes, the events a department calls back with, and the connection
// settings an admin keeps per department.
import { z } from 'zod';

/** Simulated / connected departments; `code` is the last part of the Keycloak group's `code` attribute. */
export const DEPARTMENTS = [
  { code: 'amr', name: '市场监督管理局', path: '/沈阳市/市场监督管理局', hasSystem: true },
  { code: 'psb', name: '公安局', path: '/沈阳市/公安局', hasSystem: true },
  { code: 'hrss', name: '人力资源和社会保障局', path: '/沈阳市/人力资源和社会保障局', hasSystem: true },
  { code: 'hsa', name: '医疗保障局', path: '/沈阳市/医疗保障局', hasSystem: true },
  { code: 'hc', name: '卫生健康委员会', path: '/沈阳市/卫生健康委员会', hasSystem: true },
  { code: 'ca', name: '民政局', path: '/沈阳市/民政局', hasSystem: false },
  { code: 'nr', name: '自然资源局', path: '/沈阳市/自然资源局', hasSystem: true },
  { code: 'hurd', name: '住房和城乡建设局', path: '/沈阳市/住房和城乡建设局', hasSystem: true },
  { code: 'ee', name: '生态环境局', path: '/沈阳市/生态环境局', hasSystem: false },
  { code: 'fr', name: '消防救援支队', path: '/沈阳市/消防救援支队', hasSystem: true },
] as const;

export type DepartmentCode = (typeof DEPARTMENTS)[number]['code'];
export const departmentCodeSchema = z.enum(['amr', 'psb', 'hrss', 'hsa', 'hc', 'ca', 'nr', 'hurd', 'ee', 'fr']);

export function departmentByCode(code: string): (typeof DEPARTMENTS)[number] | undefined {
  return DEPARTMENTS.find((d) => d.code === code);
}

/** Case numbers as the platform issues them; they are the correlation key of department events. */
export const caseNumberSchema = z.string().regex(/^[A-Za-z0-9-]{4,64}$/, 'must be 4–64 letters, digits or dashes');

/** What `dept.submit` pushes to a department system (POST {baseUrl}/applications). */
export const deptApplicationSchema = z.object({
  caseNumber: caseNumberSchema,
  itemCode: z.string().min(1).max(64),
  applicant: z.object({ name: z.string().min(1).max(100), idNumber: z.string().min(1).max(32) }),
  data: z.record(z.string(), z.unknown()).default({}),
  /** Materials by reference: the department fetches them from the platform (or has them already). */
  materials: z.array(z.object({ name: z.string().min(1).max(200), url: z.string().min(1).max(2000), sha256: z.string().regex(/^[0-9a-f]{64}$/).optional() })).max(100).default([]),
});
export type DeptApplication = z.infer<typeof deptApplicationSchema>;

export const DEPT_APPLICATION_STATUSES = ['received', 'processing', 'approved', 'rejected'] as const;
export const deptApplicationStatusSchema = z.enum(DEPT_APPLICATION_STATUSES);

/** A department system's view of one application (201/200 of POST, GET /applications/{id}). */
export const deptApplicationRecordSchema = z.object({
  applicationId: z.string(),
  caseNumber: caseNumberSchema,
  status: deptApplicationStatusSchema,
  receivedAt: z.string(),
  decidedAt: z.string().nullable(),
  result: z.record(z.string(), z.string()).nullable(),
  reason: z.string().nullable(),
});
export type DeptApplicationRecord = z.infer<typeof deptApplicationRecordSchema>;

/** A department calls back with this (POST /api/integrations/{dept}/events). */
export const deptEventSchema = z.object({
  eventId: z.string().min(8).max(100),
  type: z.enum(['application.progress', 'application.decided']),
  caseNumber: caseNumberSchema,
  applicationId: z.string().min(1).max(100),
  status: deptApplicationStatusSchema,
  result: z.record(z.string(), z.string()).nullable().default(null),
  reason: z.string().max(2000).nullable().default(null),
  occurredAt: z.iso.datetime({ offset: true }),
}).strict();
export type DeptEvent = z.infer<typeof deptEventSchema>;

/** Headers of a signed callback: unix seconds and `sha256=<hex HMAC of "timestamp.canonicalJson(body)">`. */
export const SIGNATURE_HEADER = 'x-gov-signature';
export const TIMESTAMP_HEADER = 'x-gov-timestamp';
/** Callbacks older or newer than this are refused (replay protection together with the event id). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * The message a department's decision publishes to the waiting process (correlation key = case
 * number), one name per department so a process can wait for several; its variable
 * `{code}Decision` has the same shape as dept.query's result.
 */
export const deptDecidedMessage = (code: DepartmentCode) => `dept.decided.${code}`;

/**
 * JSON with object keys sorted, so both sides sign the same bytes whatever their serialiser's
 * whitespace and key order (in the spirit of RFC 8785).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function signedPayload(timestamp: string, body: unknown): string {
  return `${timestamp}.${canonicalJson(body)}`;
}

/** Connection settings of one department's system, kept by admins in the API. */
export const deptConnectionInputSchema = z.object({
  name: z.string().min(1).max(100),
  baseUrl: z.url(),
  auth: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('api-key'), apiKey: z.string().min(8).max(200) }),
    z.object({ kind: z.literal('oauth2-client-credentials'), tokenUrl: z.url(), clientId: z.string().min(1), clientSecret: z.string().min(1) }),
  ]),
  /** Secret the department signs its callbacks with. */
  callbackSecret: z.string().min(16).max(200),
  jobTypes: z.array(z.string().min(1).max(100)).max(20).default(['dept.submit', 'dept.query']),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  rateLimitPerMinute: z.number().int().min(1).max(100_000).default(600),
  enabled: z.boolean().default(true),
}).strict();
export type DeptConnectionInput = z.infer<typeof deptConnectionInputSchema>;

/** As shown to admins: secrets are never returned, only whether they are set. */
export interface DeptConnectionView {
  department: DepartmentCode;
  name: string;
  baseUrl: string;
  authKind: 'api-key' | 'oauth2-client-credentials';
  jobTypes: string[];
  timeoutMs: number;
  rateLimitPerMinute: number;
  enabled: boolean;
  updatedAt: string;
  updatedBy: string | null;
}

export const EXCHANGE_DIRECTIONS = ['outbound', 'callback'] as const;
export const exchangeQuerySchema = z.object({
  department: departmentCodeSchema.optional(),
  caseNumber: caseNumberSchema.optional(),
  outcome: z.enum(['success', 'failure', 'rejected', 'duplicate']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
export type ExchangeQuery = z.infer<typeof exchangeQuerySchema>;

/** Fault injection of a simulated department (PUT /admin/departments/{code}/faults on dept-sim). */
export const deptFaultsSchema = z.object({
  latencyMs: z.number().int().min(0).max(120_000).default(0),
  /** Share of requests answered 503 (0…1). */
  errorRate: z.number().min(0).max(1).default(0),
  /** Share of submissions refused 422 as a business rule violation (0…1). */
  clientErrorRate: z.number().min(0).max(1).default(0),
  /** Connections are dropped without an answer. */
  down: z.boolean().default(false),
}).strict();
export type DeptFaults = z.infer<typeof deptFaultsSchema>;
