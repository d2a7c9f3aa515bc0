import 'reflect-metadata';
import { createApp } from './app.factory.js';
import { createLogger } from './common/logger.js';
import { ConfigError, loadConfig } from './config/config.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error: unknown) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) console.error(`gov-api: configuration error: ${problem.variable} ${problem.message}`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const app = await createApp({ config, logger });
  await app.listen(config.port, config.host);
  logger.info({ port: config.port }, `gov-api listening on http://localhost:${config.port}/api`);
}

main().catch((error: unknown) => {
  console.error('gov-api failed to start:', error);
  process.exit(1);
});
