// Vitest global set-up for integration tests: one real PostgreSQL server for the whole run.
// Each test file then gets a database of its own (see ./database.ts).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../scripts/lib/postgres.mjs';
import { freePort } from '../scripts/lib/ports.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    project.provide('postgresAdminUrl', external);
    return async () => {};
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'gov-test-pg-'));
  chmodSync(dir, 0o755); // as root, Postgres runs as its own user and must reach the data folder
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), port: await freePort(), persistent: false });
  project.provide('postgresAdminUrl', server.url('postgres'));
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
