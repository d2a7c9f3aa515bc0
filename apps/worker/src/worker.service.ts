import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Camunda8 } from '@camunda8/sdk';
import { WORKER_CONFIG, type WorkerConfig } from './config/config.js';
import { JOB_HANDLERS } from './jobs/index.js';

/** Opens one job worker per registered job type against the configured engine. */
@Injectable()
export class WorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerService.name);
  private camunda: Camunda8 | null = null;

  constructor(@Inject(WORKER_CONFIG) private readonly config: WorkerConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    const address = this.config.engine.grpcAddress;
    if (!address) {
      this.logger.warn('No workflow engine configured (ZEEBE_GRPC_ADDRESS is not set): no jobs will be processed.');
      return;
    }
    this.camunda = new Camunda8({
      ZEEBE_GRPC_ADDRESS: address,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_LOG_LEVEL: 'none',
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
    });
    const zeebe = this.camunda.getZeebeGrpcApiClient();
    const topology = await zeebe.topology();
    for (const handler of JOB_HANDLERS) {
      zeebe.createWorker({
        taskType: handler.type,
        timeout: handler.timeoutMs,
        maxJobsToActivate: this.config.maxJobsToActivate,
        taskHandler: async (job) => {
          const parsed = handler.variables.safeParse(job.variables);
          if (!parsed.success) {
            return job.fail({ errorMessage: `Invalid job variables: ${parsed.error.message}`, retries: 0 });
          }
          const result = await handler.handle({ key: job.key, variables: parsed.data, headers: job.customHeaders, retries: job.retries });
          return job.complete(result);
        },
      });
    }
    this.logger.log(`Connected to engine ${address} (gateway ${topology.gatewayVersion}); serving ${JOB_HANDLERS.length} job type(s)`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.camunda) await this.camunda.getZeebeGrpcApiClient().close(2000);
  }
}
