import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { EngineClient, type EngineStatus } from '../engine/engine.client.js';

export type ComponentStatus = { status: 'up'; latencyMs: number } | { status: 'down'; detail: string };

export interface HealthReport {
  /** up: all parts answer; degraded: the API works but a dependency does not; down: the database is gone. */
  status: 'up' | 'degraded' | 'down';
  checks: { database: ComponentStatus; keycloak: ComponentStatus; engine: EngineStatus };
}

@Injectable()
export class HealthService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EngineClient) private readonly engine: EngineClient,
  ) {}

  async database(): Promise<ComponentStatus> {
    const started = performance.now();
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'up', latencyMs: Math.round(performance.now() - started) };
    } catch (error: unknown) {
      return { status: 'down', detail: error instanceof Error ? error.message : String(error) };
    }
  }

  async keycloak(): Promise<ComponentStatus> {
    const started = performance.now();
    try {
      const response = await fetch(`${this.config.keycloak.url}/realms/${this.config.keycloak.realm}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(3000) });
      if (!response.ok) return { status: 'down', detail: `realm discovery answered ${response.status}` };
      return { status: 'up', latencyMs: Math.round(performance.now() - started) };
    } catch (error: unknown) {
      return { status: 'down', detail: error instanceof Error ? error.message : String(error) };
    }
  }

  async report(): Promise<HealthReport> {
    const [database, keycloak, engine] = await Promise.all([this.database(), this.keycloak(), this.engine.status()]);
    const status = database.status === 'down' ? 'down' : keycloak.status === 'up' && engine.status === 'up' ? 'up' : 'degraded';
    return { status, checks: { database, keycloak, engine } };
  }
}
