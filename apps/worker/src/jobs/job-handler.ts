import type { z } from 'zod';

// Job variables as the engine accepts them (JSON without top-level nulls inside objects).
export type Json = string | number | boolean | Json[] | { [key: string]: Json };

/**
 * One handler per job type (apps/worker/src/jobs/<job-type>.job.ts). Input variables are parsed
 * with `variables`; the handler returns the variables to complete the job with.
 * Handlers must be idempotent: the engine may deliver a job again after a timeout.
 */
export interface JobHandler<V extends z.ZodType = z.ZodType> {
  type: string;
  variables: V;
  timeoutMs: number;
  handle(job: { key: string; variables: z.infer<V>; headers: Readonly<Record<string, string | number>>; retries: number }): Promise<Record<string, Json>>;
}
