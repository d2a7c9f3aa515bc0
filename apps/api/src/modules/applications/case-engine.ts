// The engine commands a case needs, through the official Camunda client only: deploy the item's
// model, start an instance, publish the correction message, cancel, and read / complete the
// case's user tasks (REST /v2). Engine failures become EngineUnavailableError: nothing was changed.
import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Camunda8 } from '@camunda8/sdk';
import { CORRECTED_MESSAGE, CORRECTIONS_HEADER, type CaseStartVariables, TASK_STAGES, type TaskDecisionVariables, type TaskStage } from '@gov/contracts';
import { z } from 'zod';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { EngineClient } from '../engine/engine.client.js';
import { EngineUnavailableError, TaskAlreadyDecidedError } from './applications.errors.js';

type JsonValue = string | number | boolean | JsonValue[] | { [key: string]: JsonValue };
const jsonValue: z.ZodType<JsonValue> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.array(jsonValue), z.record(z.string(), jsonValue)]));

/** Variables as the client types them (no null, no undefined): what goes on the wire after JSON encoding. */
function jsonDocument(value: object): Record<string, JsonValue> {
  const wire: unknown = JSON.parse(JSON.stringify(value, (_key, v: unknown) => (v === null ? undefined : v)));
  return z.record(z.string(), jsonValue).parse(wire);
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

const userTaskSchema = z.object({
  userTaskKey: z.coerce.string(),
  elementInstanceKey: z.coerce.string().nullish(),
  elementId: z.string(),
  name: z.string().nullish(),
  candidateGroups: z.array(z.string()).nullish(),
  creationDate: z.string().nullish(),
  customHeaders: z.record(z.string(), z.string()).nullish(),
  /** The form the model links (zeebe:formDefinition formId). */
  formId: z.string().nullish(),
});

export interface OpenUserTask {
  taskKey: string;
  elementId: string;
  name: string;
  candidateGroups: string[];
  createdAt: string;
  /** `stage` task header. */
  stage: TaskStage;
  elementInstanceKey: string | null;
  /** Pre-review tasks may ask for correction; so may a later step with the header `corrections` = `allowed`. */
  correctable: boolean;
  /** The approval form the model links to the step, or null. */
  formId: string | null;
}

/** A user task's `stage` header; approval unless it says otherwise. */
export const stageOf = (header: unknown): TaskStage => TASK_STAGES.find((stage) => stage === header) ?? 'approval';

@Injectable()
export class CaseEngine implements OnApplicationShutdown {
  private readonly logger = new Logger('CaseEngine');
  private camunda: Camunda8 | null = null;
  /** Deployed model checksums, so each model is sent once per process lifetime. */
  private readonly deployed = new Map<string, Promise<void>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EngineClient) private readonly engine: EngineClient,
  ) {}

  private zeebe(): ReturnType<EngineClient['zeebe']> {
    if (!this.engine.configured) throw new EngineUnavailableError('no workflow engine is configured (ZEEBE_GRPC_ADDRESS)');
    return this.engine.zeebe();
  }

  private rest(): ReturnType<Camunda8['getCamundaRestClient']> {
    const restAddress = this.config.engine.restAddress;
    if (!restAddress) throw new EngineUnavailableError('the engine REST address is not configured (ZEEBE_REST_ADDRESS)');
    this.camunda ??= new Camunda8({
      ZEEBE_REST_ADDRESS: restAddress, ZEEBE_GRPC_ADDRESS: this.config.engine.grpcAddress ?? undefined, CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_LOG_LEVEL: 'none',
    });
    return this.camunda.getCamundaRestClient();
  }

  private async call<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error: unknown) {
      if (error instanceof EngineUnavailableError || error instanceof TaskAlreadyDecidedError) throw error;
      this.logger.warn({ err: error }, `${what} failed`);
      throw new EngineUnavailableError(`${what}: ${message(error)}`);
    }
  }

  /** Deploys the model (the engine keeps the version when the content is unchanged). */
  async ensureDeployed(model: { name: string; xml: Buffer }, kind: 'process' | 'decision' = 'process'): Promise<void> {
    const key = createHash('sha256').update(model.xml).digest('hex');
    let deployment = this.deployed.get(key);
    if (!deployment) {
      deployment = this.call(`deploy ${model.name}`, async () => {
        if (kind === 'process') await this.zeebe().deployResource({ name: model.name, process: model.xml });
        else await this.zeebe().deployResource({ name: model.name, decision: model.xml });
      });
      this.deployed.set(key, deployment);
      deployment.catch(() => this.deployed.delete(key));
    }
    await deployment;
  }

  /**
   * Evaluates a deployed decision: its newest version (by id) or one version (by key). The output,
   * parsed, and the key of the version that answered.
   */
  async evaluate(decision: { decisionId: string } | { decisionKey: string }, variables: object): Promise<{ output: unknown; decisionKey: string }> {
    return this.call(`evaluate ${'decisionId' in decision ? decision.decisionId : decision.decisionKey}`, async () => {
      const response = await this.zeebe().evaluateDecision({ ...decision, variables: jsonDocument(variables) });
      if (response.failureMessage) throw new Error(response.failureMessage);
      return { output: response.decisionOutput === '' ? null : z.json().parse(JSON.parse(response.decisionOutput)), decisionKey: String(response.decisionKey) };
    });
  }

  async start(bpmnProcessId: string, variables: CaseStartVariables): Promise<string> {
    return this.call('start the case', async () => {
      const created = await this.zeebe().createProcessInstance({ bpmnProcessId, variables: jsonDocument(variables) });
      return created.processInstanceKey;
    });
  }

  async publishCorrected(caseNumber: string, messageId: string, variables: Pick<CaseStartVariables, 'formData' | 'materials' | 'correctionCount'>): Promise<void> {
    await this.call('publish the correction', async () => {
      try {
        await this.zeebe().publishMessage({ name: CORRECTED_MESSAGE, correlationKey: caseNumber, messageId, timeToLive: 7 * 24 * 3600_000, variables: jsonDocument(variables) });
      } catch (error: unknown) {
        if (message(error).includes('ALREADY_EXISTS')) return; // published by an earlier attempt
        throw error;
      }
    });
  }

  /** Cancels the instance; one that has already ended is fine. */
  async cancel(processInstanceKey: string): Promise<void> {
    await this.call('cancel the case', async () => {
      try {
        await this.zeebe().cancelProcessInstance(processInstanceKey);
      } catch (error: unknown) {
        if (message(error).includes('NOT_FOUND')) return;
        throw error;
      }
    });
  }

  async openTasks(processInstanceKey: string): Promise<OpenUserTask[]> {
    return (await this.tasksOf(processInstanceKey)).filter((t) => t.state === 'CREATED');
  }

  /** Every user task of the instance with its state (CREATING … while listeners run, CREATED when open). */
  async tasksOf(processInstanceKey: string): Promise<(OpenUserTask & { state: string })[]> {
    return this.call('read the case steps', async () => {
      const { items } = await this.rest().searchUserTasks({ filter: { processInstanceKey } });
      return items.map((raw) => {
        const task = userTaskSchema.extend({ state: z.string() }).parse(raw);
        return {
          taskKey: task.userTaskKey, elementId: task.elementId, name: task.name ?? task.elementId, candidateGroups: task.candidateGroups ?? [],
          createdAt: task.creationDate ?? '', stage: stageOf(task.customHeaders?.stage), state: task.state, elementInstanceKey: task.elementInstanceKey ?? null,
          correctable: task.customHeaders?.stage === 'pre-review' || task.customHeaders?.[CORRECTIONS_HEADER] === 'allowed',
          formId: task.formId ?? null,
        };
      });
    });
  }

  /** The process diagram of the version the case runs on, with its active elements and completed steps. */
  async diagram(processInstanceKey: string): Promise<{ xml: string; active: string[]; completed: string[] }> {
    return this.call('read the process diagram', async () => {
      const rest = this.rest();
      const { items: tasks } = await rest.searchUserTasks({ filter: { processInstanceKey } });
      const parsed = tasks.map((raw) => userTaskSchema.extend({ state: z.string(), processDefinitionKey: z.coerce.string() }).parse(raw));
      const definition = parsed[0]?.processDefinitionKey;
      if (!definition) return { xml: '', active: [], completed: [] };
      const [xml, elements] = await Promise.all([
        rest.getProcessDefinitionXML(definition),
        rest.searchElementInstances({ filter: { processInstanceKey } }),
      ]);
      const active = z.array(z.object({ elementId: z.string(), state: z.string().optional(), processInstanceKey: z.coerce.string().optional() })).parse(elements.items)
        .filter((e) => (e.processInstanceKey === undefined || e.processInstanceKey === processInstanceKey) && (e.state === undefined || e.state === 'ACTIVE'))
        .map((e) => e.elementId);
      const completed = [...new Set(parsed.filter((t) => t.state === 'COMPLETED').map((t) => t.elementId))];
      return { xml, active: [...new Set(active)], completed };
    });
  }

  /** Sends the case back (退回): the earlier step `elementId` opens again and the step's element instance ends. */
  async returnTo(processInstanceKey: string, elementId: string, elementInstanceKey: string): Promise<void> {
    await this.call('send the case back', async () => {
      await this.zeebe().modifyProcessInstance({
        processInstanceKey,
        activateInstructions: [{ elementId, ancestorElementInstanceKey: processInstanceKey, variableInstructions: [] }],
        terminateInstructions: [{ elementInstanceKey }],
      });
    });
  }

  /**
   * Claims or hands over a task. `taken`: the engine refused (409) — someone else holds it (without
   * `allowOverride`) or a listener is running on it; `gone`: the task has ended (404).
   */
  async assign(taskKey: string, assignee: string | null, allowOverride: boolean): Promise<'done' | 'taken' | 'gone'> {
    return this.call('assign the case step', async () => {
      try {
        if (assignee === null) await this.rest().unassignUserTask({ userTaskKey: taskKey });
        else await this.rest().assignUserTask({ userTaskKey: taskKey, assignee, allowOverride });
        return 'done' as const;
      } catch (error: unknown) {
        if (/409|INVALID_STATE|already assigned/i.test(message(error))) return 'taken' as const;
        if (/404|NOT_FOUND/i.test(message(error))) return 'gone' as const;
        throw error;
      }
    });
  }

  /** A task's name as the model gives it (listener jobs do not carry it). */
  async taskName(taskKey: string): Promise<string | null> {
    try {
      const task = userTaskSchema.parse(await this.rest().getUserTask(taskKey));
      return task.name ?? null;
    } catch {
      return null;
    }
  }

  async completeTask(taskKey: string, variables: TaskDecisionVariables | { handedBack: true; receivedBy: string }): Promise<void> {
    await this.call('complete the case step', async () => {
      try {
        await this.rest().completeUserTask({ userTaskKey: taskKey, variables: jsonDocument(variables) });
      } catch (error: unknown) {
        if (/404|409|NOT_FOUND|INVALID_STATE/i.test(message(error))) throw new TaskAlreadyDecidedError();
        throw error;
      }
    });
  }

  /** Waits (briefly) while a task's listeners run; true once it is open (CREATED), false when it is gone or decided. */
  async waitUntilOpen(processInstanceKey: string, taskKey: string, timeoutMs = 5000): Promise<boolean> {
    return (await this.openTaskOnceReady(processInstanceKey, taskKey, timeoutMs)) !== null;
  }

  /** The task once its listeners have run (one search when it is open already); null when it is gone or decided. */
  async openTaskOnceReady(processInstanceKey: string, taskKey: string, timeoutMs = 5000): Promise<OpenUserTask | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const task = (await this.tasksOf(processInstanceKey)).find((t) => t.taskKey === taskKey);
      if (task?.state === 'CREATED') return task;
      if (!task || !['CREATING', 'ASSIGNING', 'UPDATING'].includes(task.state) || Date.now() > deadline) return null;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  onApplicationShutdown(): void {
    this.camunda = null;
  }
}
