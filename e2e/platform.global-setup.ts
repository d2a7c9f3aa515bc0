// Starts the whole platform once for the end-to-end run, on ports of its own and a throw-away
// data folder, so it neither collides with nor disturbs a developer's `npm start`.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPlatform } from '../scripts/lib/platform.mjs';
import { freePort } from '../scripts/lib/ports.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    keycloakUrl: string;
  }
}

export const E2E_PORT = 3100; // listed in the gov-web client's redirect URIs

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gov-e2e-'));
  chmodSync(dataDir, 0o755);
  const log: string[] = [];
  const platform = await startPlatform({
    dataDir,
    env: { ...process.env, DATABASE_URL: '', KEYCLOAK_URL: '', ZEEBE_GRPC_ADDRESS: '', LOG_LEVEL: 'warn' },
    ports: {
      api: E2E_PORT,
      postgres: await freePort(),
      keycloak: Number(process.env.E2E_KEYCLOAK_PORT ?? 8181),
      engineGrpc: await freePort(),
      engineRest: await freePort(),
    },
    log: (line) => {
      log.push(line);
      if (process.env.E2E_VERBOSE) console.log(line);
    },
  }).catch((error: unknown) => {
    console.error(log.join('\n'));
    throw error;
  });
  project.provide('baseUrl', platform.url);
  project.provide('keycloakUrl', platform.keycloakUrl);
  return async () => {
    await platform.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
