import { z } from 'zod';

const envSchema = z.object({
  ZEEBE_GRPC_ADDRESS: z.string().regex(/^grpcs?:\/\/[^/]+$/, 'must look like grpc://host:port').optional(),
  ZEEBE_REST_ADDRESS: z.string().url().optional(),
  WORKER_MAX_JOBS: z.coerce.number().int().min(1).max(1000).default(32),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface WorkerConfig {
  engine: { grpcAddress: string | null; restAddress: string | null };
  maxJobsToActivate: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
}

export class WorkerConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable}: ${p.message}`).join('; ')}`);
  }
}

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new WorkerConfigError(parsed.error.issues.map((i) => ({ variable: i.path.join('.'), message: i.message })));
  }
  return {
    engine: { grpcAddress: parsed.data.ZEEBE_GRPC_ADDRESS ?? null, restAddress: parsed.data.ZEEBE_REST_ADDRESS ?? null },
    maxJobsToActivate: parsed.data.WORKER_MAX_JOBS,
    logLevel: parsed.data.LOG_LEVEL,
  };
}

export const WORKER_CONFIG = Symbol('WORKER_CONFIG');
