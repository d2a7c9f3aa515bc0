import { type DynamicModule, Module } from '@nestjs/common';
import { WORKER_CONFIG, type WorkerConfig } from './config/config.js';
import { WorkerService } from './worker.service.js';

@Module({})
export class WorkerModule {
  static forRoot(config: WorkerConfig): DynamicModule {
    return { module: WorkerModule, providers: [{ provide: WORKER_CONFIG, useValue: config }, WorkerService] };
  }
}
