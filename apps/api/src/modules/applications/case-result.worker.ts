// Serves the `case.result` job: the model reports the outcome of a case and the platform records
// it (status, result, clock stopped, history, notification). It lives in the API, not in
// apps/worker, because it only projects process state into the API's own tables.
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CASE_OUTCOMES, CASE_RESULT_JOB } from '@gov/contracts';
import { z } from 'zod';
import { EngineClient } from '../engine/engine.client.js';
import { CaseDecisionsService } from './case-decisions.service.js';

// `opinion` is the last decision's opinion, as the case protocol says (contracts: applications.ts).
const variablesSchema = z.object({ caseNumber: z.string().min(1), opinion: z.string().optional() });
const outcomeSchema = z.enum(CASE_OUTCOMES);

@Injectable()
export class CaseResultWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CaseResultWorker');
  private worker: { close(timeout?: number): Promise<unknown> } | null = null;

  constructor(
    @Inject(EngineClient) private readonly engine: EngineClient,
    @Inject(CaseDecisionsService) private readonly decisions: CaseDecisionsService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.engine.configured) return;
    this.worker = this.engine.zeebe().createWorker({
      taskType: CASE_RESULT_JOB,
      timeout: 30_000,
      maxJobsToActivate: 16,
      // Decisions wait for these jobs (listeners, results): ask again at once, not after the client's 300 ms default.
      pollInterval: 20,
      id: 'gov-api',
      taskHandler: async (job) => {
        const variables = variablesSchema.safeParse({ ...job.variables });
        const outcome = outcomeSchema.safeParse(job.customHeaders.outcome);
        if (!variables.success || !outcome.success) {
          return job.fail({ errorMessage: `case.result needs the variable caseNumber and the task header outcome (${CASE_OUTCOMES.join(' | ')})`, retries: 0 });
        }
        try {
          const recorded = await this.decisions.recordResult(variables.data.caseNumber, outcome.data, variables.data.opinion ?? null, new Date());
          if (recorded === 'unknown-case') return await job.fail({ errorMessage: `No application has case number ${variables.data.caseNumber}`, retries: 0 });
          return await job.complete({ caseOutcome: outcome.data });
        } catch (error: unknown) {
          this.logger.warn({ err: error, caseNumber: variables.data.caseNumber }, 'recording the case result failed; the engine will retry');
          return job.fail({ errorMessage: error instanceof Error ? error.message : String(error), retries: Math.max(0, job.retries - 1), retryBackOff: 2000 });
        }
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close(2000).catch(() => undefined);
  }
}
