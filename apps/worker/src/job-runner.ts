// Opens one job worker per handler and turns each handler's outcome into the engine command:
// result → CompleteJob; BusinessJobError → ThrowError; RetryableJobError (or any unexpected
// error) → FailJob using one retry, with exponential retryBackOff; DeferJobError → FailJob
// keeping the retries; FatalJobError → FailJob with no retries left (an incident).
import type { Camunda8 } from '@camunda8/sdk';
import { BusinessJobError, DeferJobError, FatalJobError } from './jobs/job-errors.js';
import type { JobHandler } from './jobs/job-handler.js';

type Zeebe = ReturnType<Camunda8['getZeebeGrpcApiClient']>;

export interface JobRunnerOptions {
  maxJobsToActivate: number;
  retry: { backoffMs: number; maxBackoffMs: number };
  /** Worker name the engine records on activated jobs. */
  name?: string;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/** Back-off before retry n (1-based): base · 2^(n-1), capped. */
export function retryBackoff(attempt: number, retry: JobRunnerOptions['retry']): number {
  return Math.min(retry.maxBackoffMs, retry.backoffMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
}

export function openJobWorkers(zeebe: Zeebe, handlers: readonly JobHandler[], options: JobRunnerOptions): { close(): Promise<void> } {
  const log = options.log ?? (() => undefined);
  // Failed attempts per job as this process saw them (bounded); a job that moves to another
  // worker starts its back-off again from the base, which only makes it retry sooner.
  const attempts = new Map<string, number>();
  const workers = handlers.map((handler) => zeebe.createWorker({
    taskType: handler.type,
    timeout: handler.timeoutMs,
    maxJobsToActivate: options.maxJobsToActivate,
    ...(options.name ? { id: options.name } : {}),
    taskHandler: async (job) => {
      // The client hands variables over as a class instance; handlers get plain JSON.
      const parsed = handler.variables.safeParse({ ...job.variables });
      if (!parsed.success) {
        log('error', `${handler.type} job ${job.key}: invalid variables: ${parsed.error.message}`);
        return job.fail({ errorMessage: `Invalid job variables: ${parsed.error.message}`, retries: 0 });
      }
      try {
        const result = await handler.handle({ key: job.key, variables: parsed.data, headers: job.customHeaders, retries: job.retries });
        attempts.delete(job.key);
        return await job.complete(result);
      } catch (error: unknown) {
        if (error instanceof BusinessJobError) {
          attempts.delete(job.key);
          log('info', `${handler.type} job ${job.key}: business error ${error.errorCode}: ${error.message}`);
          return job.error({ errorCode: error.errorCode, errorMessage: error.message, variables: error.variables });
        }
        if (error instanceof DeferJobError) {
          return job.fail({ errorMessage: error.message, retries: job.retries, retryBackOff: error.delayMs });
        }
        if (error instanceof FatalJobError) {
          attempts.delete(job.key);
          log('error', `${handler.type} job ${job.key}: ${error.message}`);
          return job.fail({ errorMessage: error.message, retries: 0 });
        }
        const attempt = (attempts.get(job.key) ?? 0) + 1;
        if (attempts.size > 10_000) attempts.clear();
        attempts.set(job.key, attempt);
        const message = error instanceof Error ? error.message : String(error);
        const retries = Math.max(0, job.retries - 1);
        log('warn', `${handler.type} job ${job.key}: attempt ${attempt} failed (${retries} retries left): ${message}`);
        if (retries === 0) attempts.delete(job.key);
        return job.fail({ errorMessage: message, retries, retryBackOff: retryBackoff(attempt, options.retry) });
      }
    },
  }));
  return {
    async close() {
      await Promise.all(workers.map((worker) => worker.close(2000).catch(() => undefined)));
    },
  };
}
