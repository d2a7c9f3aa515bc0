// The engine commands the designer needs, through the official Camunda client (gRPC + REST /v2),
// plus the embedded engine's per-instance history (GET /engine/process-instances/{key}/history,
// engine-specific) to show which elements a test run has passed.
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Camunda8 } from '@camunda8/sdk';
import type { ElementRunState, TestRunView } from '@gov/contracts';
import { z } from 'zod';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { EngineUnavailableError } from '../applications/applications.errors.js';
import { EngineClient } from '../engine/engine.client.js';

type JsonValue = string | number | boolean | JsonValue[] | { [key: string]: JsonValue };
const jsonValue: z.ZodType<JsonValue> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.array(jsonValue), z.record(z.string(), jsonValue)]));
const variablesOf = (value: Record<string, unknown>): Record<string, JsonValue> =>
  z.record(z.string(), jsonValue).parse(JSON.parse(JSON.stringify(value, (_k, v: unknown) => (v === null ? undefined : v))));

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** One resource of a deployment. */
export interface EngineResource {
  name: string;
  kind: 'process' | 'decision' | 'form';
  content: string;
}

/** The engine refused the model: its message names the element (id and type). */
export class EngineRejectedModelError extends Error {}

const deployedProcess = z.object({ process: z.object({ bpmnProcessId: z.string(), version: z.coerce.number(), processDefinitionKey: z.coerce.string() }) });

const historyRecord = z.object({
  valueType: z.string(),
  intent: z.string(),
  key: z.coerce.string(),
  elementId: z.string().nullish(),
  value: z.record(z.string(), z.unknown()).nullish(),
});

@Injectable()
export class DesignerEngine implements OnApplicationShutdown {
  private readonly logger = new Logger('DesignerEngine');
  private camunda: Camunda8 | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EngineClient) private readonly engine: EngineClient,
  ) {}

  private restAddress(): string {
    const address = this.config.engine.restAddress;
    if (!address) throw new EngineUnavailableError('the engine REST address is not configured (ZEEBE_REST_ADDRESS)');
    return address.replace(/\/+$/, '');
  }

  private rest(): ReturnType<Camunda8['getCamundaRestClient']> {
    this.camunda ??= new Camunda8({
      ZEEBE_REST_ADDRESS: this.restAddress(), ZEEBE_GRPC_ADDRESS: this.config.engine.grpcAddress ?? undefined, CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_LOG_LEVEL: 'none',
    });
    return this.camunda.getCamundaRestClient();
  }

  private zeebe(): ReturnType<EngineClient['zeebe']> {
    if (!this.engine.configured) throw new EngineUnavailableError('no workflow engine is configured (ZEEBE_GRPC_ADDRESS)');
    return this.engine.zeebe();
  }

  private async call<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error: unknown) {
      if (error instanceof EngineUnavailableError || error instanceof EngineRejectedModelError) throw error;
      this.logger.warn({ err: error }, `${what} failed`);
      throw new EngineUnavailableError(`${what}: ${message(error)}`);
    }
  }

  /**
   * Deploys a process model with the forms and decisions it links to, in one deployment; a model the
   * engine cannot run is an EngineRejectedModelError with the engine's message.
   */
  async deploy(resources: EngineResource[]): Promise<{ bpmnProcessId: string; version: number; processDefinitionKey: string }> {
    return this.call(`deploy ${resources.map((r) => r.name).join(', ')}`, async () => {
      let response;
      try {
        response = await this.zeebe().deployResources(resources.map((r) => {
          const content = Buffer.from(r.content, 'utf8');
          switch (r.kind) {
            case 'process': return { name: r.name, process: content };
            case 'decision': return { name: r.name, decision: content };
            case 'form': return { name: r.name, form: content };
          }
        }));
      } catch (error: unknown) {
        const text = message(error);
        if (text.includes('INVALID_ARGUMENT')) throw new EngineRejectedModelError(text.replace(/^.*?INVALID_ARGUMENT:?\s*/s, ''));
        throw error;
      }
      const process = response.deployments.map((d: unknown) => deployedProcess.safeParse(d).data?.process).find((p) => p !== undefined);
      if (!process) throw new Error('the engine answered the deployment without a process');
      return { bpmnProcessId: process.bpmnProcessId, version: process.version, processDefinitionKey: String(process.processDefinitionKey) };
    });
  }

  async start(bpmnProcessId: string, variables: Record<string, unknown>): Promise<string> {
    return this.call('start the test run', async () => (await this.zeebe().createProcessInstance({ bpmnProcessId, variables: variablesOf(variables) })).processInstanceKey);
  }

  /** Every engine version of the process with the number of running instances on each. */
  async versions(bpmnProcessId: string): Promise<{ version: number; processDefinitionKey: string; latest: boolean; running: number }[]> {
    return this.call('read the process versions', async () => {
      const definitions = await this.rest().searchProcessDefinitions({ filter: { processDefinitionId: bpmnProcessId }, page: { from: 0, limit: 1000 } });
      const running = await this.rest().searchProcessInstances({ filter: { processDefinitionId: bpmnProcessId, state: 'ACTIVE' }, page: { from: 0, limit: 100_000 } });
      const counts = new Map<number, number>();
      for (const instance of running.items) counts.set(Number(instance.processDefinitionVersion), (counts.get(Number(instance.processDefinitionVersion)) ?? 0) + 1);
      return definitions.items.map((d) => ({
        version: Number(d.version), processDefinitionKey: String(d.processDefinitionKey), latest: false, running: counts.get(Number(d.version)) ?? 0,
      })).sort((a, b) => b.version - a.version).map((v, index) => ({ ...v, latest: index === 0 }));
    });
  }

  /** The process id of an instance, or null when the engine does not know it. */
  async processIdOf(processInstanceKey: string): Promise<{ bpmnProcessId: string; state: string } | null> {
    return this.call('read the test run', async () => {
      const found = await this.rest().searchProcessInstances({ filter: { processInstanceKey }, page: { from: 0, limit: 1 } });
      const instance = found.items[0];
      return instance ? { bpmnProcessId: instance.processDefinitionId, state: String(instance.state) } : null;
    });
  }

  /** Element states and open jobs of one instance, from the engine's history of it. */
  private async steps(processInstanceKey: string, bpmnProcessId: string): Promise<{ elements: Map<string, ElementRunState>; jobs: { jobKey: string; elementId: string; type: string }[] }> {
    const response = await fetch(`${this.restAddress()}/engine/process-instances/${encodeURIComponent(processInstanceKey)}/history`, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`history answered ${response.status}`);
    const records = z.object({ items: z.array(historyRecord) }).parse(await response.json()).items;
    const elements = new Map<string, ElementRunState>();
    const jobs = new Map<string, { jobKey: string; elementId: string; type: string }>();
    for (const record of records) {
      const elementId = record.elementId ?? '';
      if (record.valueType === 'PROCESS_INSTANCE' && elementId && elementId !== bpmnProcessId) {
        if (record.intent === 'ELEMENT_ACTIVATED') elements.set(elementId, 'active');
        if (record.intent === 'ELEMENT_COMPLETED') elements.set(elementId, 'completed');
        if (record.intent === 'ELEMENT_TERMINATED') elements.set(elementId, 'terminated');
      }
      if (record.valueType === 'JOB') {
        const type = typeof record.value?.type === 'string' ? record.value.type : '';
        if (record.intent === 'CREATED') jobs.set(record.key, { jobKey: record.key, elementId, type });
        else if (['COMPLETED', 'ERROR_THROWN', 'CANCELED'].includes(record.intent)) jobs.delete(record.key);
      }
    }
    const incidents = (await this.rest().searchIncidents({ filter: { processInstanceKey }, page: { from: 0, limit: 100 } })).items;
    for (const incident of incidents) elements.set(String(incident.elementId), 'incident');
    // Jobs still open are those whose element is still active (a completed element's job is done).
    return { elements, jobs: [...jobs.values()].filter((j) => elements.get(j.elementId) === 'active' || elements.get(j.elementId) === 'incident') };
  }

  /** Active instances that call activities of this one started, and theirs in turn. */
  private async calledInstances(processInstanceKey: string, depth = 0): Promise<{ key: string; bpmnProcessId: string }[]> {
    if (depth > 5) return [];
    const found = await this.rest().searchProcessInstances({ filter: { parentProcessInstanceKey: processInstanceKey, state: 'ACTIVE' }, page: { from: 0, limit: 100 } });
    const children = found.items.map((i) => ({ key: String(i.processInstanceKey), bpmnProcessId: String(i.processDefinitionId) }));
    return [...children, ...(await Promise.all(children.map((c) => this.calledInstances(c.key, depth + 1)))).flat()];
  }

  private async openUserTasks(processInstanceKey: string): Promise<TestRunView['userTasks']> {
    return (await this.rest().searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } })).items.map((t) => ({
      userTaskKey: String(t.userTaskKey), elementId: String(t.elementId), name: t.name ? String(t.name) : String(t.elementId), candidateGroups: (t.candidateGroups ?? []).map(String),
    }));
  }

  /**
   * A test run: the diagram's element states, variables and incidents of the instance itself; open user
   * tasks and jobs also of the (sandboxed) processes its call activities started, so all can be completed.
   */
  async run(processInstanceKey: string, bpmnProcessId: string, state: string): Promise<TestRunView> {
    return this.call('read the test run', async () => {
      const root = await this.steps(processInstanceKey, bpmnProcessId);
      const incidents = (await this.rest().searchIncidents({ filter: { processInstanceKey }, page: { from: 0, limit: 100 } })).items.map((i) => ({
        incidentKey: String(i.incidentKey), elementId: String(i.elementId), errorType: String(i.errorType), errorMessage: String(i.errorMessage),
      }));
      const variables = state === 'ACTIVE'
        ? (await this.rest().searchVariables({ filter: { processInstanceKey, scopeKey: processInstanceKey }, page: { from: 0, limit: 500 } })).items.map((v) => ({ name: String(v.name), value: String(v.value) }))
        : [];
      const userTasks = await this.openUserTasks(processInstanceKey);
      const jobs = [...root.jobs];
      for (const called of state === 'ACTIVE' ? await this.calledInstances(processInstanceKey) : []) {
        userTasks.push(...(await this.openUserTasks(called.key)).map((t) => ({ ...t, name: `${t.name}（${called.bpmnProcessId}）` })));
        jobs.push(...(await this.steps(called.key, called.bpmnProcessId)).jobs);
      }
      const runState = state === 'ACTIVE' || state === 'COMPLETED' || state === 'CANCELED' ? state : 'UNKNOWN';
      return {
        processInstanceKey, sandboxProcessId: bpmnProcessId, state: runState,
        elements: [...root.elements.entries()].map(([elementId, s]) => ({ elementId, state: s })), variables, incidents, userTasks, jobs,
      };
    });
  }

  async completeUserTask(userTaskKey: string, variables: Record<string, unknown>): Promise<void> {
    await this.call('complete the user task', () => this.rest().completeUserTask({ userTaskKey, variables: variablesOf(variables) }));
  }

  async completeJob(jobKey: string, variables: Record<string, unknown>): Promise<void> {
    await this.call('complete the job', () => this.zeebe().completeJob({ jobKey, variables: variablesOf(variables) }).then(() => undefined));
  }

  onApplicationShutdown(): void {
    this.camunda = null;
  }
}
