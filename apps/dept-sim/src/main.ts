// `node apps/dept-sim/dist/main.js`: the simulated department systems for dev and demo.
// DEPT_SIM_PORT (3200), DEPT_SIM_HOST (127.0.0.1), PLATFORM_URL (http://localhost:3000, where
// callbacks go; "none" disables them), DEPT_SIM_PROCESSING_MS (2000).
import { z } from 'zod';
import { startDeptSim } from './server.js';

const envSchema = z.object({
  DEPT_SIM_PORT: z.coerce.number().int().min(0).max(65535).default(3200),
  DEPT_SIM_HOST: z.string().default('127.0.0.1'),
  PLATFORM_URL: z.union([z.literal('none'), z.url()]).default('http://localhost:3000'),
  DEPT_SIM_PROCESSING_MS: z.coerce.number().int().min(0).max(3_600_000).default(2000),
});

async function main(): Promise<void> {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`gov-dept-sim: configuration error: ${issue.path.join('.')} ${issue.message}`);
    process.exit(78);
  }
  const env = parsed.data;
  const sim = await startDeptSim({
    port: env.DEPT_SIM_PORT,
    host: env.DEPT_SIM_HOST,
    platformUrl: env.PLATFORM_URL === 'none' ? null : env.PLATFORM_URL.replace(/\/+$/, ''),
    processingDelayMs: env.DEPT_SIM_PROCESSING_MS,
    log: (line) => console.log(`gov-dept-sim: ${line}`),
  });
  const stop = () => {
    sim.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(`gov-dept-sim ready on ${sim.url} (departments: ${[...sim.departments.keys()].join(', ')})`);
}

main().catch((error: unknown) => {
  console.error('gov-dept-sim failed to start:', error);
  process.exit(1);
});
