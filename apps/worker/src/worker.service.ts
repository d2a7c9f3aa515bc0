import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Camunda8 } from '@camunda8/sdk';
import { WORKER_CONFIG, type WorkerConfig } from './config/config.js';
import { DepartmentClient } from './departments/department-client.js';
import { type ConnectionDirectory, DatabaseConnectionDirectory, staticDirectory } from './departments/connection-directory.js';
import { PostgresExchangeLog } from './departments/exchange-log.js';
import { jobHandlers } from './jobs/index.js';
import { openJobWorkers } from './job-runner.js';
import { LogNotificationAdapter } from './notifications/notification.port.js';

/** Opens one job worker per registered job type against the configured engine. */
@Injectable()
export class WorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerService.name);
  private camunda: Camunda8 | null = null;
  private runner: { close(): Promise<void> } | null = null;
  private exchangeLog: PostgresExchangeLog | null = null;
  private directory: DatabaseConnectionDirectory | null = null;

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
    const databaseUrl = this.config.databaseUrl;
    const warn = (message: string) => this.logger.warn(message);
    const exchangeLog = databaseUrl ? new PostgresExchangeLog(databaseUrl, warn) : null;
    this.exchangeLog = exchangeLog;
    this.directory = databaseUrl ? new DatabaseConnectionDirectory(databaseUrl, this.config.departments, this.config.connectionsMaxAgeMs, warn) : null;
    const directory: ConnectionDirectory = this.directory ?? staticDirectory(this.config.departments);
    const departments = new DepartmentClient(directory, this.config.breaker, (exchange) => {
      exchangeLog?.record(exchange);
      const line = `exchange ${exchange.department} ${exchange.method} ${exchange.path} → ${exchange.status ?? '-'} ${exchange.outcome} in ${exchange.durationMs} ms${exchange.error ? ` (${exchange.error})` : ''}`;
      if (exchange.outcome === 'failure') this.logger.warn(line);
      else this.logger.log(line);
    }, (department, change) => {
      exchangeLog?.recordBreaker(department, change);
      this.logger.warn(`circuit of ${department} ${change.state}${change.retryAt ? ` until ${change.retryAt.toISOString()}` : ''}`);
    });
    const handlers = jobHandlers({
      config: this.config,
      departments,
      notifications: new LogNotificationAdapter((line) => this.logger.log(line)),
    });
    this.runner = openJobWorkers(zeebe, handlers, {
      maxJobsToActivate: this.config.maxJobsToActivate,
      retry: this.config.retry,
      name: `gov-worker-${process.pid}`,
      log: (level, message) => (level === 'info' ? this.logger.log(message) : level === 'warn' ? this.logger.warn(message) : this.logger.error(message)),
    });
    this.logger.log(`Connected to engine ${address} (gateway ${topology.gatewayVersion}); serving ${handlers.map((h) => h.type).join(', ')}; departments from the environment: ${[...this.config.departments.keys()].join(', ') || 'none'}${databaseUrl ? ' (connections kept by admins take precedence)' : ''}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner?.close();
    await this.exchangeLog?.close();
    await this.directory?.close();
    if (this.camunda) await this.camunda.getZeebeGrpcApiClient().close(2000);
  }
}
