import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type RunningEngine, startEngine } from '@gov/engine';
import { createTestDatabase } from '../../../test/database.js';
import { startTestApp, type TestApp } from './test-app.js';

export interface EngineApp {
  engine: RunningEngine;
  app: TestApp;
  /** The API's file storage folder (STORAGE_DIR). */
  storageDir: string;
  /** Stops the API, the engine, and drops both databases and the folder. */
  close(): Promise<void>;
}

/** The embedded engine on a database of its own and the API wired to it, with a file storage folder. */
export async function startEngineApp(options: { env?: Record<string, string> } = {}): Promise<EngineApp> {
  const stops: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    const engineDb = await createTestDatabase();
    stops.push(() => engineDb.drop());
    const engine = await startEngine({ databaseUrl: engineDb.url, grpcPort: 0, restPort: 0 });
    stops.push(() => engine.stop());
    const storageDir = mkdtempSync(path.join(os.tmpdir(), 'gov-test-files-'));
    stops.push(() => Promise.resolve(rmSync(storageDir, { recursive: true, force: true })));
    const app = await startTestApp({ env: { ZEEBE_GRPC_ADDRESS: engine.grpcAddress, ZEEBE_REST_ADDRESS: engine.restAddress, STORAGE_DIR: storageDir, ...options.env } });
    stops.push(() => app.close());
    return { engine, app, storageDir, close };
  } catch (error) {
    await close();
    throw error;
  }
}
