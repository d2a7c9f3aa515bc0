// The API's only door to the workflow engine: the official Camunda 8 client.
// Which engine (embedded or Zeebe) is configuration only (ZEEBE_GRPC_ADDRESS / ZEEBE_REST_ADDRESS).
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Camunda8 } from '@camunda8/sdk';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';

export type EngineStatus =
  | { status: 'up'; brokers: number; partitions: number; gatewayVersion: string }
  | { status: 'down' | 'unavailable'; detail: string };

@Injectable()
export class EngineClient implements OnApplicationShutdown {
  private camunda: Camunda8 | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return this.config.engine.grpcAddress !== null;
  }

  private client(): Camunda8 {
    if (!this.camunda) {
      const grpc = this.config.engine.grpcAddress ?? '';
      this.camunda = new Camunda8({
        ZEEBE_GRPC_ADDRESS: grpc,
        ZEEBE_REST_ADDRESS: this.config.engine.restAddress ?? undefined,
        CAMUNDA_AUTH_STRATEGY: 'NONE',
        CAMUNDA_LOG_LEVEL: 'none',
        zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
      });
    }
    return this.camunda;
  }

  zeebe(): ReturnType<Camunda8['getZeebeGrpcApiClient']> {
    return this.client().getZeebeGrpcApiClient();
  }

  async status(timeoutMs = 3000): Promise<EngineStatus> {
    if (!this.configured) return { status: 'unavailable', detail: 'No workflow engine configured (ZEEBE_GRPC_ADDRESS is not set).' };
    try {
      const topology = await withTimeout(this.zeebe().topology(), timeoutMs);
      return {
        status: 'up',
        brokers: topology.brokers.length,
        partitions: topology.partitionsCount,
        gatewayVersion: topology.gatewayVersion,
      };
    } catch (error: unknown) {
      return { status: 'down', detail: error instanceof Error ? error.message : String(error) };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.camunda) await this.camunda.getZeebeGrpcApiClient().close(1000).catch(() => undefined);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
