// Serves the `licence.issue` job: a process issues an e-licence when a case is approved. It lives in
// the API, like case.result, because the licence library is the API's own data.
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LICENCE_ISSUE_JOB } from '@gov/contracts';
import { z } from 'zod';
import { AppError } from '../../common/app-error.js';
import { EngineClient } from '../engine/engine.client.js';
import { LicencesService } from './licences.service.js';

const variablesSchema = z.object({ caseNumber: z.string().min(1) });
const headersSchema = z.object({ licenceType: z.string().min(1), mode: z.enum(['new', 'replace']).default('new') });

@Injectable()
export class LicenceIssueWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LicenceIssueWorker');
  private worker: { close(timeout?: number): Promise<unknown> } | null = null;

  constructor(
    @Inject(EngineClient) private readonly engine: EngineClient,
    @Inject(LicencesService) private readonly licences: LicencesService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.engine.configured) return;
    this.worker = this.engine.zeebe().createWorker({
      taskType: LICENCE_ISSUE_JOB,
      timeout: 30_000,
      maxJobsToActivate: 8,
      pollInterval: 50,
      id: 'gov-api',
      taskHandler: async (job) => {
        const variables = variablesSchema.safeParse({ ...job.variables });
        const headers = headersSchema.safeParse({ ...job.customHeaders });
        if (!variables.success || !headers.success) {
          return job.fail({ errorMessage: 'licence.issue needs the variable caseNumber and the task header licenceType (an e-licence type code)', retries: 0 });
        }
        try {
          const licence = await this.licences.issueForCase(variables.data.caseNumber, headers.data.licenceType, headers.data.mode, new Date());
          return await job.complete({ licenceNo: licence.licenceNo });
        } catch (error: unknown) {
          // An unknown type or case will not fix itself: an incident at once, for an operator to see.
          const permanent = error instanceof AppError && error.kind === 'not-found';
          this.logger.warn({ err: error, caseNumber: variables.data.caseNumber }, 'issuing the e-licence failed');
          return job.fail({ errorMessage: error instanceof Error ? error.message : String(error), retries: permanent ? 0 : Math.max(0, job.retries - 1), retryBackOff: 2000 });
        }
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close(2000).catch(() => undefined);
  }
}
