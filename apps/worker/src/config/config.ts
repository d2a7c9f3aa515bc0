import { DEPARTMENTS, departmentCodeSchema, type DepartmentCode } from '@gov/contracts';
import { z } from 'zod';

/** How the worker reaches one department's system (DESIGN.md §9). */
export const deptConnectionSchema = z.object({
  department: departmentCodeSchema,
  baseUrl: z.url().transform((url) => url.replace(/\/+$/, '')),
  auth: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('api-key'), apiKey: z.string().min(1) }),
    z.object({ kind: z.literal('oauth2-client-credentials'), tokenUrl: z.url(), clientId: z.string().min(1), clientSecret: z.string().min(1) }),
  ]),
  timeoutMs: z.number().int().min(50).max(120_000).default(10_000),
  rateLimitPerMinute: z.number().int().min(1).max(100_000).default(600),
  /** Job types this department's system serves; others are refused (an incident names the mismatch). */
  jobTypes: z.array(z.string()).default(['dept.submit', 'dept.query']),
});
export type DeptConnection = z.infer<typeof deptConnectionSchema>;

const envSchema = z.object({
  ZEEBE_GRPC_ADDRESS: z.string().regex(/^grpcs?:\/\/[^/]+$/, 'must look like grpc://host:port').optional(),
  ZEEBE_REST_ADDRESS: z.string().url().optional(),
  WORKER_MAX_JOBS: z.coerce.number().int().min(1).max(1000).default(32),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The application's database: connections kept by admins (dept_connection) and the exchange log (data_exchange). */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection URL').optional(),
  /** Simulated departments (apps/dept-sim): every department is connected there with its dev API key. */
  DEPT_SIM_URL: z.string().url().optional(),
  /** JSON array of department connections; overrides DEPT_SIM_URL per department. */
  WORKER_DEPARTMENTS: z.string().optional(),
  /** How long a job stays with this worker before the engine hands it to another one. */
  WORKER_JOB_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** First retry back-off; doubles with each retry used, up to the maximum. */
  WORKER_RETRY_BACKOFF_MS: z.coerce.number().int().min(0).max(3_600_000).default(2_000),
  WORKER_RETRY_BACKOFF_MAX_MS: z.coerce.number().int().min(0).max(86_400_000).default(300_000),
  /** Consecutive failures that open a department's circuit, and how long it stays open. */
  WORKER_BREAKER_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(5),
  WORKER_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  /** How long connections read from the database are trusted before they are read again. */
  WORKER_CONNECTIONS_MAX_AGE_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /** Poll interval of dept.query while a department has not decided. */
  WORKER_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(86_400_000).default(60_000),
});

export interface WorkerConfig {
  engine: { grpcAddress: string | null; restAddress: string | null };
  maxJobsToActivate: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  jobTimeoutMs: number;
  retry: { backoffMs: number; maxBackoffMs: number };
  breaker: { threshold: number; cooldownMs: number };
  pollIntervalMs: number;
  departments: Map<DepartmentCode, DeptConnection>;
  /** The application's database: connections kept by admins, and the exchange log. Null: environment only. */
  databaseUrl: string | null;
  connectionsMaxAgeMs: number;
}

export class WorkerConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable}: ${p.message}`).join('; ')}`);
  }
}

function departmentsFrom(variable: string | undefined, simUrl: string | undefined): Map<DepartmentCode, DeptConnection> {
  const connections = new Map<DepartmentCode, DeptConnection>();
  if (simUrl) {
    for (const d of DEPARTMENTS) {
      if (!d.hasSystem) continue;
      connections.set(d.code, deptConnectionSchema.parse({
        department: d.code, baseUrl: `${simUrl.replace(/\/+$/, '')}/departments/${d.code}`, auth: { kind: 'api-key', apiKey: `${d.code}-dev-api-key` },
      }));
    }
  }
  if (variable) {
    let raw: unknown;
    try {
      raw = JSON.parse(variable);
    } catch {
      throw new WorkerConfigError([{ variable: 'WORKER_DEPARTMENTS', message: 'is not JSON' }]);
    }
    const parsed = z.array(deptConnectionSchema).safeParse(raw);
    if (!parsed.success) {
      throw new WorkerConfigError(parsed.error.issues.map((i) => ({ variable: `WORKER_DEPARTMENTS.${i.path.join('.')}`, message: i.message })));
    }
    for (const connection of parsed.data) connections.set(connection.department, connection);
  }
  return connections;
}

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new WorkerConfigError(parsed.error.issues.map((i) => ({ variable: i.path.join('.'), message: i.message })));
  }
  const e = parsed.data;
  return {
    engine: { grpcAddress: e.ZEEBE_GRPC_ADDRESS ?? null, restAddress: e.ZEEBE_REST_ADDRESS ?? null },
    maxJobsToActivate: e.WORKER_MAX_JOBS,
    logLevel: e.LOG_LEVEL,
    jobTimeoutMs: e.WORKER_JOB_TIMEOUT_MS,
    retry: { backoffMs: e.WORKER_RETRY_BACKOFF_MS, maxBackoffMs: e.WORKER_RETRY_BACKOFF_MAX_MS },
    breaker: { threshold: e.WORKER_BREAKER_THRESHOLD, cooldownMs: e.WORKER_BREAKER_COOLDOWN_MS },
    pollIntervalMs: e.WORKER_POLL_INTERVAL_MS,
    departments: departmentsFrom(e.WORKER_DEPARTMENTS, e.DEPT_SIM_URL),
    databaseUrl: e.DATABASE_URL ?? null,
    connectionsMaxAgeMs: e.WORKER_CONNECTIONS_MAX_AGE_MS,
  };
}

export const WORKER_CONFIG = Symbol('WORKER_CONFIG');
