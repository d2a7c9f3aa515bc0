import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadWorkerConfig, WorkerConfigError } from './config/config.js';
import { WorkerModule } from './worker.module.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadWorkerConfig();
  } catch (error: unknown) {
    if (error instanceof WorkerConfigError) {
      for (const problem of error.problems) console.error(`gov-worker: configuration error: ${problem.variable} ${problem.message}`);
      process.exit(78);
    }
    throw error;
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: config.logLevel === 'silent' ? false : ['log', 'warn', 'error'],
  });
  app.enableShutdownHooks();
  // Job workers keep the process busy; with none (no engine configured) this keeps it alive
  // until a signal arrives, which Nest's shutdown hooks turn into a clean exit.
  setInterval(() => undefined, 60 * 60 * 1000);
  console.log('gov-worker ready');
}

main().catch((error: unknown) => {
  console.error('gov-worker failed to start:', error);
  process.exit(1);
});
