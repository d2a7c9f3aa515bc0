// Operations console: incidents (failing element, error, variables), retry with corrected
// variables, resolve, cancel a case; department health from the data-exchange log.
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Camunda8 } from '@camunda8/sdk';
import type { CaseCancellation, DepartmentHealthView, IncidentRetry, IncidentView } from '@gov/contracts';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { AppError, NotFoundError } from '../../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { EngineClient } from '../engine/engine.client.js';

class EngineQueryUnavailableError extends AppError {
  constructor(detail: string) {
    super('unavailable', 'ENGINE_UNAVAILABLE', `The workflow engine did not answer: ${detail}`);
  }
}

const healthRow = z.object({
  department: z.string(),
  calls: z.coerce.number(),
  failures: z.coerce.number(),
  rejected: z.coerce.number(),
  average_ms: z.coerce.number().nullable(),
  last_failure_at: z.date().nullable(),
});

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

@Injectable()
export class OperationsService implements OnApplicationShutdown {
  private camunda: Camunda8 | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EngineClient) private readonly engine: EngineClient,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  /** Queries (incidents, variables) exist only in the engine's REST API. */
  private rest(): ReturnType<Camunda8['getCamundaRestClient']> {
    const restAddress = this.config.engine.restAddress;
    if (!restAddress) throw new EngineQueryUnavailableError('ZEEBE_REST_ADDRESS is not set.');
    this.camunda ??= new Camunda8({
      ZEEBE_REST_ADDRESS: restAddress,
      ZEEBE_GRPC_ADDRESS: this.config.engine.grpcAddress ?? undefined,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_LOG_LEVEL: 'none',
    });
    return this.camunda.getCamundaRestClient();
  }

  private zeebe(): ReturnType<EngineClient['zeebe']> {
    if (!this.engine.configured) throw new EngineQueryUnavailableError('ZEEBE_GRPC_ADDRESS is not set.');
    return this.engine.zeebe();
  }

  async incidents(processInstanceKey?: string): Promise<IncidentView[]> {
    const rest = this.rest();
    let items;
    try {
      items = (await rest.searchIncidents({ filter: processInstanceKey ? { processInstanceKey } : {}, page: { from: 0, limit: 200 } })).items;
    } catch (error: unknown) {
      throw new EngineQueryUnavailableError(message(error));
    }
    const variables = new Map<string, Record<string, unknown>>();
    for (const key of new Set(items.map((i) => i.processInstanceKey))) {
      const found = await rest.searchVariables({ filter: { processInstanceKey: key, scopeKey: key }, page: { from: 0, limit: 500 } }).catch(() => ({ items: [] }));
      variables.set(key, Object.fromEntries(found.items.map((v) => [v.name, parseValue(v.value)])));
    }
    return items.map((i) => ({
      incidentKey: String(i.incidentKey), processInstanceKey: String(i.processInstanceKey), processDefinitionId: i.processDefinitionId,
      elementId: i.elementId, errorType: i.errorType, errorMessage: i.errorMessage, jobKey: i.jobKey ? String(i.jobKey) : null,
      creationTime: i.creationTime, variables: variables.get(i.processInstanceKey) ?? {},
    }));
  }

  private async incident(incidentKey: string): Promise<IncidentView> {
    const found = (await this.incidents()).find((i) => i.incidentKey === incidentKey);
    if (!found) throw new NotFoundError(`No open incident ${incidentKey}.`, 'INCIDENT_NOT_FOUND');
    return found;
  }

  /** Corrects variables if asked, gives the job its retries back and resolves the incident. */
  async retry(incidentKey: string, request: IncidentRetry): Promise<{ resolved: true }> {
    const incident = await this.incident(incidentKey);
    const zeebe = this.zeebe();
    try {
      if (request.variables) {
        await zeebe.setVariables({ elementInstanceKey: incident.processInstanceKey, variables: request.variables, local: false });
      }
      if (incident.jobKey) await zeebe.updateJobRetries({ jobKey: incident.jobKey, retries: request.retries });
      await zeebe.resolveIncident({ incidentKey });
    } catch (error: unknown) {
      throw new EngineQueryUnavailableError(message(error));
    }
    return { resolved: true };
  }

  async cancelCase(processInstanceKey: string, request: CaseCancellation): Promise<{ cancelled: true; reason: string }> {
    try {
      await this.zeebe().cancelProcessInstance(processInstanceKey);
    } catch (error: unknown) {
      if (message(error).includes('NOT_FOUND')) throw new NotFoundError(`No running case with process instance ${processInstanceKey}.`, 'CASE_NOT_FOUND');
      throw new EngineQueryUnavailableError(message(error));
    }
    return { cancelled: true, reason: request.reason };
  }

  /** Outbound calls of the last 24 hours per department. */
  async departmentHealth(): Promise<DepartmentHealthView[]> {
    const rows: unknown = await this.dataSource.query(`
      SELECT department, count(*) AS calls,
             count(*) FILTER (WHERE outcome = 'failure') AS failures,
             count(*) FILTER (WHERE outcome = 'rejected') AS rejected,
             avg(duration_ms) AS average_ms,
             max(occurred_at) FILTER (WHERE outcome = 'failure') AS last_failure_at
      FROM data_exchange WHERE direction = 'outbound' AND occurred_at > now() - interval '24 hours'
      GROUP BY department ORDER BY department`);
    return z.array(healthRow).parse(rows).map((r) => ({
      department: r.department, calls: r.calls, failures: r.failures, rejected: r.rejected,
      successRate: r.calls === 0 ? null : (r.calls - r.failures) / r.calls,
      averageMs: r.average_ms === null ? null : Math.round(r.average_ms),
      lastFailureAt: r.last_failure_at?.toISOString() ?? null,
    }));
  }

  onApplicationShutdown(): void {
    this.camunda = null;
  }
}

function parseValue(value: string): unknown {
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed;
  } catch {
    return value;
  }
}
