// Operations console: incidents (failing element, error, variables), retry with corrected
// variables, resolve, cancel a case; department health from the data-exchange log and the
// workers' circuit-breaker transitions. Department admins see and act on their departments' cases
// only; anything else is "not found" to them.
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Camunda8 } from '@camunda8/sdk';
import { type CaseCancellation, departmentByCode, type IncidentRetry } from '@gov/contracts';
import { AppError, NotFoundError } from '../../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { CaseDecisionsService } from '../applications/case-decisions.service.js';
import { EngineClient } from '../engine/engine.client.js';
import { type BreakerTransition, breakerView } from './breaker-state.js';
import { coversCase, coversDepartment, type OperationsScope } from './operations.scope.js';
import { type CaseOfInstance, OperationsRepository } from './operations.repository.js';
import type { OperationsHealthView, OperationsIncidentView } from './operations.views.js';

class EngineQueryUnavailableError extends AppError {
  constructor(detail: string) {
    super('unavailable', 'ENGINE_UNAVAILABLE', `The workflow engine did not answer: ${detail}`);
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

@Injectable()
export class OperationsService implements OnApplicationShutdown {
  private camunda: Camunda8 | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EngineClient) private readonly engine: EngineClient,
    @Inject(OperationsRepository) private readonly repository: OperationsRepository,
    @Inject(CaseDecisionsService) private readonly decisions: CaseDecisionsService,
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

  /** The instance's root-scope variables (empty when the engine no longer knows it). */
  private async variablesOf(processInstanceKey: string): Promise<Record<string, unknown>> {
    const found = await this.rest().searchVariables({ filter: { processInstanceKey, scopeKey: processInstanceKey }, page: { from: 0, limit: 500 } }).catch(() => ({ items: [] }));
    return Object.fromEntries(found.items.map((v) => [v.name, parseValue(v.value)]));
  }

  async incidents(scope: OperationsScope, processInstanceKey?: string): Promise<OperationsIncidentView[]> {
    let items;
    try {
      items = (await this.rest().searchIncidents({ filter: processInstanceKey ? { processInstanceKey } : {}, page: { from: 0, limit: 200 } })).items;
    } catch (error: unknown) {
      throw new EngineQueryUnavailableError(message(error));
    }
    const instanceKeys = [...new Set(items.map((i) => String(i.processInstanceKey)))];
    const variables = new Map<string, Record<string, unknown>>();
    for (const key of instanceKeys) variables.set(key, await this.variablesOf(key));
    const caseNumberOf = (key: string) => {
      const value = variables.get(key)?.caseNumber;
      return typeof value === 'string' ? value : null;
    };
    const cases = await this.repository.casesOf(instanceKeys, instanceKeys.flatMap((k) => caseNumberOf(k) ?? []));
    const caseOf = (key: string): CaseOfInstance | null =>
      cases.find((c) => c.processInstanceKey === key) ?? cases.find((c) => c.caseNumber !== null && c.caseNumber === caseNumberOf(key)) ?? null;
    return items.flatMap((i) => {
      const key = String(i.processInstanceKey);
      const found = caseOf(key);
      if (!coversCase(scope, found?.departments ?? null)) return [];
      return [{
        incidentKey: String(i.incidentKey), processInstanceKey: key, processDefinitionId: i.processDefinitionId,
        elementId: i.elementId, errorType: i.errorType, errorMessage: i.errorMessage, jobKey: i.jobKey ? String(i.jobKey) : null,
        creationTime: i.creationTime, variables: variables.get(key) ?? {},
        case: found && {
          applicationId: found.applicationId, caseNumber: found.caseNumber, itemCode: found.itemCode, itemName: found.itemName,
          status: found.status, departments: found.departments,
        },
      }];
    });
  }

  private async incident(scope: OperationsScope, incidentKey: string): Promise<OperationsIncidentView> {
    const found = (await this.incidents(scope)).find((i) => i.incidentKey === incidentKey);
    if (!found) throw new NotFoundError(`No open incident ${incidentKey}.`, 'INCIDENT_NOT_FOUND');
    return found;
  }

  /** Corrects variables if asked, gives the job its retries back and resolves the incident. */
  async retry(scope: OperationsScope, incidentKey: string, request: IncidentRetry): Promise<{ resolved: true }> {
    const incident = await this.incident(scope, incidentKey);
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

  async cancelCase(scope: OperationsScope, processInstanceKey: string, request: CaseCancellation, actorName = 'operator'): Promise<{ cancelled: true; reason: string }> {
    const notFound = () => new NotFoundError(`No running case with process instance ${processInstanceKey}.`, 'CASE_NOT_FOUND');
    if (scope.kind !== 'all') {
      let found = (await this.repository.casesOf([processInstanceKey], [])).at(0);
      if (!found) {
        const caseNumber = (await this.variablesOf(processInstanceKey)).caseNumber;
        if (typeof caseNumber === 'string') found = (await this.repository.casesOf([], [caseNumber])).at(0);
      }
      if (!coversCase(scope, found?.departments ?? null)) throw notFound();
    }
    try {
      await this.zeebe().cancelProcessInstance(processInstanceKey);
    } catch (error: unknown) {
      if (message(error).includes('NOT_FOUND')) throw notFound();
      throw new EngineQueryUnavailableError(message(error));
    }
    // The applicant's case ends too (终止办理), with the operator's reason.
    await this.decisions.recordTermination(processInstanceKey, request.reason, actorName, new Date());
    return { cancelled: true, reason: request.reason };
  }

  /**
   * Per department with a connection, calls or breaker transitions: outbound calls of the last
   * 24 hours and the breaker state over every worker.
   */
  async departmentHealth(scope: OperationsScope, now: Date): Promise<OperationsHealthView[]> {
    const [calls, connected, latest, recent] = await Promise.all([
      this.repository.callStatistics(), this.repository.connectedDepartments(),
      this.repository.latestBreakerTransitions(), this.repository.recentBreakerTransitions(10),
    ]);
    const departments = [...new Set([...connected, ...calls.map((c) => c.department), ...latest.map((t) => t.department)])]
      .filter((d) => coversDepartment(scope, d))
      .sort();
    const of = (list: (BreakerTransition & { department: string })[], department: string) => list.filter((t) => t.department === department);
    return departments.map((department) => {
      const r = calls.find((c) => c.department === department);
      const callCount = r?.calls ?? 0;
      const failures = r?.failures ?? 0;
      return {
        department, name: departmentByCode(department)?.name ?? null, connected: connected.includes(department),
        calls: callCount, failures, rejected: r?.rejected ?? 0,
        successRate: callCount === 0 ? null : (callCount - failures) / callCount,
        averageMs: r?.average_ms === null || r?.average_ms === undefined ? null : Math.round(r.average_ms),
        lastFailureAt: r?.last_failure_at?.toISOString() ?? null,
        lastCallAt: r?.last_call_at?.toISOString() ?? null,
        breaker: breakerView(of(latest, department), of(recent, department), now),
      };
    });
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
