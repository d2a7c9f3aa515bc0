// Public surface of the embedded Zeebe-compatible engine.
import { FakeClock, SystemClock, type Clock, type TimerHandle } from './ports/clock.js';
import type { Exporter } from './ports/exporter.js';
import { PostgresStateStore } from './persistence/postgres-state-store.js';
import { Engine, silentLogger, type Logger } from './runtime/engine.js';
import { startGrpcServer } from './transport/grpc/grpc-server.js';
import { startRestServer } from './transport/rest/rest-server.js';

export { FakeClock, SystemClock, silentLogger };
export type { Clock, TimerHandle, Logger };
export type { Exporter, ExportedRecord, RecordValueType } from './ports/exporter.js';
export { encodeKey, decodePartition } from './runtime/keys.js';

export interface EngineOptions {
  /** PostgreSQL connection string; the engine keeps its state in the `engine` schema. */
  databaseUrl: string;
  /** 0 picks a free port. Default 26500. */
  grpcPort?: number;
  /** 0 picks a free port. Default 8080. */
  restPort?: number;
  /** Interface to bind. Default 127.0.0.1. */
  host?: string;
  clock?: Clock;
  logger?: Logger;
  /** Consumers of the export stream, called after each commit (the database keeps the records too). */
  exporters?: Exporter[];
}

export interface RunningEngine {
  grpcAddress: string;
  restAddress: string;
  grpcPort: number;
  restPort: number;
  stop(): Promise<void>;
}

export async function startEngine(options: EngineOptions): Promise<RunningEngine> {
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? silentLogger;
  const store = new PostgresStateStore(options.databaseUrl);
  let engine: Engine;
  try {
    engine = await Engine.start(store, options.clock ?? new SystemClock(), logger, options.exporters ?? []);
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  let grpcPort = 0;
  const grpc = await startGrpcServer(engine, { host, port: options.grpcPort ?? 26500, logger }).catch(async (error: unknown) => {
    await engine.stop();
    throw error;
  });
  grpcPort = grpc.port;
  const rest = await startRestServer(engine, { host, port: options.restPort ?? 8080, grpcPort: () => grpcPort, logger }).catch(async (error: unknown) => {
    await grpc.stop();
    await engine.stop();
    throw error;
  });
  const displayHost = host.includes(':') ? `[${host}]` : host;
  return {
    grpcAddress: `grpc://${displayHost}:${grpc.port}`,
    restAddress: `http://${displayHost}:${rest.port}`,
    grpcPort: grpc.port,
    restPort: rest.port,
    stop: async () => {
      await Promise.all([grpc.stop(), rest.stop()]);
      await engine.stop();
    },
  };
}
