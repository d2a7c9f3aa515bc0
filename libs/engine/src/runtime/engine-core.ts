// The deterministic heart of the engine: a synchronous state machine over process instances.
// It performs no I/O and reads time only through `now`. Every command mutates in-memory
// state and records what changed in `changes`; the async shell (engine.ts) commits those
// changes to the store before anyone is told the command succeeded.
import { createHash } from 'node:crypto';
import type { DecisionRequirementsModel } from '../dmn/decision-model.js';
import { evaluateDecision, type DecisionOutcome } from '../dmn/evaluate-decision.js';
import { evaluateExpression, evaluateProperty } from '../feel/feel.js';
import { dueInstant, parseCycle } from '../model/iso8601.js';
import type { CalledDecision, FlowNode, ProcessModel, SequenceFlow } from '../model/process-model.js';
import type { ExportedRecord } from '../ports/exporter.js';
import { EngineRejectionError } from './errors.js';
import type { Json, JsonObject } from './json.js';
import { KeyGenerator } from './keys.js';
import type {
  BufferedMessage, DecisionRequirementsDefinition, ElementInstance, Incident, IncidentRetry, Job, PendingTransition, ProcessDefinition, ProcessInstance, StartTimer, UserTask,
} from './state.js';
import { applyMappings, pick, propagate, setLocal, visibleVariables } from './variables.js';

export interface ActivatedJob {
  key: string;
  type: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  processDefinitionKey: string;
  elementId: string;
  elementInstanceKey: string;
  customHeaders: Record<string, string>;
  worker: string;
  retries: number;
  deadline: number;
  variables: JsonObject;
  tenantId: string;
}

export interface FinishedInstance {
  key: string;
  state: 'COMPLETED' | 'TERMINATED';
  variables: JsonObject;
}

export interface BatchChanges {
  definitions: ProcessDefinition[];
  decisionRequirements: DecisionRequirementsDefinition[];
  deletedDefinitions: Set<string>;
  deletedDecisionRequirements: Set<string>;
  /** The export stream of this batch, in the order written. */
  records: ExportedRecord[];
  dirtyInstances: Set<string>;
  deletedInstances: Set<string>;
  dirtyMessages: Set<string>;
  deletedMessages: Set<string>;
  dirtyStartTimers: Set<string>;
  deletedStartTimers: Set<string>;
  /** Job types that got activatable jobs. */
  availableJobTypes: Set<string>;
  finished: FinishedInstance[];
  /** Instants at which something becomes due (timers, job timeouts, back-offs, message expiry). */
  dueTimes: number[];
}

function emptyChanges(): BatchChanges {
  return {
    definitions: [], decisionRequirements: [], deletedDefinitions: new Set(), deletedDecisionRequirements: new Set(), records: [], dirtyInstances: new Set(), deletedInstances: new Set(), dirtyMessages: new Set(),
    deletedMessages: new Set(), dirtyStartTimers: new Set(), deletedStartTimers: new Set(), availableJobTypes: new Set(), finished: [], dueTimes: [],
  };
}

export interface DeployedProcess {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: string;
  resourceName: string;
  tenantId: string;
}

export interface DeployedDecision {
  decisionId: string;
  decisionName?: string;
  version: number;
  decisionKey: string;
  decisionRequirementsId: string;
  decisionRequirementsKey: string;
  tenantId: string;
}

export interface DeployedDecisionRequirements {
  decisionRequirementsId: string;
  decisionRequirementsName?: string;
  version: number;
  decisionRequirementsKey: string;
  resourceName: string;
  tenantId: string;
}

export interface DecisionEvaluation {
  decision: DeployedDecision;
  outcome: DecisionOutcome;
  /** Keys of the evaluated decisions, by decision id. */
  decisionKeys: Record<string, { key: string; version: number }>;
  decisionInstanceKey: string;
}

export interface UserTaskView extends UserTask {
  processInstanceKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  processName?: string;
  tenantId: string;
  customHeaders: Record<string, string>;
  formId?: string;
}

export interface UserTaskFilter {
  state?: string;
  assignee?: string;
  candidateGroup?: string;
  candidateUser?: string;
  processInstanceKey?: string;
  processDefinitionKey?: string;
  bpmnProcessId?: string;
  elementId?: string;
  userTaskKey?: string;
}

export interface UserTaskChangeset {
  dueDate?: string | null;
  followUpDate?: string | null;
  candidateGroups?: string[] | null;
  candidateUsers?: string[] | null;
  priority?: number | null;
}

const FINISHED_USER_TASKS_KEPT = 10_000;
const FINISHED_INSTANCES_KEPT = 10_000;

export interface ProcessInstanceView {
  key: string;
  bpmnProcessId: string;
  processName?: string;
  version: number;
  processDefinitionKey: string;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  hasIncident: boolean;
  tenantId: string;
  startDate: string;
  endDate?: string;
  /** The instance whose call activity started this one. */
  parentProcessInstanceKey?: string;
  /** Root scope variables (kept for finished instances too, in memory only). */
  variables: JsonObject;
  scopes: Record<string, JsonObject>;
}

export interface IncidentView extends Incident {
  processInstanceKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  tenantId: string;
}

/** Camunda's element instance type names (e.g. `SERVICE_TASK`) from the model's element kinds. */
function elementType(kind: string | undefined): string {
  return (kind ?? 'unspecified').replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

export class EngineCore {
  readonly keys: KeyGenerator;
  private changes = emptyChanges();
  private readonly definitions = new Map<string, ProcessDefinition>();
  private readonly versions = new Map<string, ProcessDefinition[]>();
  private readonly instances = new Map<string, ProcessInstance>();
  private readonly messages = new Map<string, BufferedMessage>();
  private readonly startTimers = new Map<string, StartTimer>();
  private readonly decisionRequirements = new Map<string, DecisionRequirementsDefinition>();
  /** Variables as last exported, per instance (`scope\u0000name` → JSON), to export only changes. */
  private readonly exportedVariables = new Map<string, Map<string, string>>();
  /** Instances changed by the running command (for its variable records). */
  private readonly touchedByCommand = new Set<string>();
  /** Versions of each decision id, oldest first, with the DRG that holds them. */
  private readonly decisionVersions = new Map<string, { key: string; version: number; drgKey: string }[]>();
  /** Indexes from entity keys to the key of the process instance that holds them. */
  private readonly owners = new Map<string, string>();
  private readonly jobsByType = new Map<string, Set<string>>();
  private readonly subscriptionsByMessage = new Map<string, Set<string>>();
  private readonly finishedUserTasks = new Map<string, UserTaskView>();
  /** Keys of the remembered finished tasks per process instance, so a search by instance reads only its own. */
  private readonly finishedUserTasksByInstance = new Map<string, Set<string>>();
  private readonly finishedInstances = new Map<string, ProcessInstanceView>();
  private agenda: (() => void)[] = [];

  constructor(private readonly now: () => number, keyCounter = 0n) {
    this.keys = new KeyGenerator(keyCounter);
  }

  // ---------------------------------------------------------------- loading and batches

  load(definitions: ProcessDefinition[], instances: ProcessInstance[], messages: BufferedMessage[], startTimers: StartTimer[] = [], decisionRequirements: DecisionRequirementsDefinition[] = []): void {
    for (const drg of decisionRequirements) this.addDecisionRequirements(drg);
    for (const timer of startTimers) {
      this.startTimers.set(timer.key, timer);
      this.changes.dueTimes.push(timer.dueDate);
    }
    for (const definition of definitions) this.addDefinition(definition);
    for (const instance of instances) {
      this.instances.set(instance.key, instance);
      this.indexInstance(instance);
      const known = new Map<string, string>();
      for (const [scopeKey, variables] of Object.entries(instance.variables)) {
        for (const [name, value] of Object.entries(variables)) known.set(`${scopeKey}\u0000${name}`, JSON.stringify(value));
      }
      this.exportedVariables.set(instance.key, known);
    }
    for (const message of messages) {
      this.messages.set(message.key, message);
      this.changes.dueTimes.push(message.expiresAt);
    }
  }

  takeChanges(): BatchChanges {
    this.recordVariableChanges();
    const taken = this.changes;
    this.changes = emptyChanges();
    return taken;
  }

  private record(instance: ProcessInstance, valueType: ExportedRecord['valueType'], intent: string, key: string, value: JsonObject, element?: { key: string; elementId: string }): void {
    this.changes.records.push({
      valueType, intent, key, timestamp: this.now(), processInstanceKey: instance.key, processDefinitionKey: instance.processDefinitionKey,
      bpmnProcessId: instance.bpmnProcessId, ...(element ? { elementId: element.elementId, elementInstanceKey: element.key } : {}), value,
    });
  }

  private recordElement(instance: ProcessInstance, element: ElementInstance, intent: string): void {
    const node = this.model(instance).elements[element.elementId];
    const body = node?.multiInstance !== undefined && element.loopIndex === undefined;
    this.record(instance, 'PROCESS_INSTANCE', intent, element.key, {
      bpmnElementType: body ? 'MULTI_INSTANCE_BODY' : elementType(node?.kind), flowScopeKey: element.parentKey ?? instance.key,
    }, element);
  }

  /**
   * Records the variables a command created or updated (compared with what was exported
   * before); the engine shell calls it after each command, so they follow that command's
   * element and job records.
   */
  recordVariableChanges(): void {
    for (const key of this.touchedByCommand) {
      const instance = this.instances.get(key);
      if (instance) this.recordVariablesOf(instance);
    }
    this.touchedByCommand.clear();
  }

  private recordVariablesOf(instance: ProcessInstance): void {
    const known = this.exportedVariables.get(instance.key) ?? new Map<string, string>();
    this.exportedVariables.set(instance.key, known);
    for (const [scopeKey, variables] of Object.entries(instance.variables)) {
      for (const [name, value] of Object.entries(variables)) {
        const id = `${scopeKey}\u0000${name}`;
        const json = JSON.stringify(value);
        const before = known.get(id);
        if (before === json) continue;
        known.set(id, json);
        this.record(instance, 'VARIABLE', before === undefined ? 'CREATED' : 'UPDATED', scopeKey, { name, value: json, scopeKey }, instance.elements[scopeKey]);
      }
    }
  }

  instance(key: string): ProcessInstance | undefined {
    return this.instances.get(key);
  }

  message(key: string): BufferedMessage | undefined {
    return this.messages.get(key);
  }

  startTimer(key: string): StartTimer | undefined {
    return this.startTimers.get(key);
  }

  private indexInstance(instance: ProcessInstance): void {
    for (const element of Object.values(instance.elements)) this.owners.set(element.key, instance.key);
    for (const job of Object.values(instance.jobs)) {
      this.owners.set(job.key, instance.key);
      this.jobIndex(job.type).add(job.key);
      if (job.state === 'ACTIVATABLE') this.changes.availableJobTypes.add(job.type);
      if (job.deadline !== undefined) this.changes.dueTimes.push(job.deadline);
      if (job.backoffUntil !== undefined) this.changes.dueTimes.push(job.backoffUntil);
    }
    for (const task of Object.values(instance.userTasks)) this.owners.set(task.key, instance.key);
    for (const timer of Object.values(instance.timers)) {
      this.owners.set(timer.key, instance.key);
      this.changes.dueTimes.push(timer.dueDate);
    }
    for (const subscription of Object.values(instance.subscriptions)) {
      this.owners.set(subscription.key, instance.key);
      this.subscriptionIndex(subscription.messageName, subscription.correlationKey, subscription.signal).add(subscription.key);
    }
    for (const incident of Object.values(instance.incidents)) this.owners.set(incident.key, instance.key);
  }

  private jobIndex(type: string): Set<string> {
    let set = this.jobsByType.get(type);
    if (!set) this.jobsByType.set(type, (set = new Set()));
    return set;
  }

  private subscriptionIndex(name: string, correlationKey: string, signal = false): Set<string> {
    const id = `${signal ? 'signal' : 'message'}\u0000${name}\u0000${correlationKey}`;
    let set = this.subscriptionsByMessage.get(id);
    if (!set) this.subscriptionsByMessage.set(id, (set = new Set()));
    return set;
  }

  private touch(instance: ProcessInstance): void {
    this.changes.dirtyInstances.add(instance.key);
    this.touchedByCommand.add(instance.key);
  }

  /** Runs queued flow steps until the instance(s) reach wait states. */
  private run(): void {
    while (this.agenda.length > 0) {
      const step = this.agenda.shift();
      step?.();
    }
  }

  // ---------------------------------------------------------------- deployment

  private addDefinition(definition: ProcessDefinition): void {
    this.definitions.set(definition.key, definition);
    const list = this.versions.get(definition.bpmnProcessId) ?? [];
    list.push(definition);
    list.sort((a, b) => a.version - b.version);
    this.versions.set(definition.bpmnProcessId, list);
  }

  latest(bpmnProcessId: string): ProcessDefinition | undefined {
    const list = this.versions.get(bpmnProcessId);
    return list?.[list.length - 1];
  }

  definition(key: string): ProcessDefinition | undefined {
    return this.definitions.get(key);
  }

  private addDecisionRequirements(drg: DecisionRequirementsDefinition): void {
    this.decisionRequirements.set(drg.key, drg);
    for (const [decisionId, decision] of Object.entries(drg.decisions)) {
      const list = this.decisionVersions.get(decisionId) ?? [];
      list.push({ ...decision, drgKey: drg.key });
      list.sort((a, b) => a.version - b.version);
      this.decisionVersions.set(decisionId, list);
    }
  }

  private latestDrg(id: string): DecisionRequirementsDefinition | undefined {
    let latest: DecisionRequirementsDefinition | undefined;
    for (const drg of this.decisionRequirements.values()) if (drg.id === id && (!latest || drg.version > latest.version)) latest = drg;
    return latest;
  }

  private deployDecisions(resources: { name: string; xml: string; model: DecisionRequirementsModel }[], tenantId: string, deploymentKey: string): { decisions: DeployedDecision[]; decisionRequirements: DeployedDecisionRequirements[] } {
    const decisions: DeployedDecision[] = [];
    const requirements: DeployedDecisionRequirements[] = [];
    for (const resource of resources) {
      const checksum = createHash('sha256').update(resource.xml).digest('hex');
      const latest = this.latestDrg(resource.model.id);
      let drg: DecisionRequirementsDefinition;
      if (latest && latest.checksum === checksum && latest.resourceName === resource.name) drg = latest;
      else {
        drg = {
          key: this.keys.next(), id: resource.model.id, ...(resource.model.name === undefined ? {} : { name: resource.model.name }),
          version: (latest?.version ?? 0) + 1, resourceName: resource.name, checksum, deploymentKey, tenantId, xml: resource.xml, model: resource.model, decisions: {},
        };
        for (const decision of resource.model.decisions) {
          const versions = this.decisionVersions.get(decision.id);
          drg.decisions[decision.id] = { key: this.keys.next(), version: (versions?.[versions.length - 1]?.version ?? 0) + 1 };
        }
        this.addDecisionRequirements(drg);
        this.changes.decisionRequirements.push(drg);
      }
      requirements.push({
        decisionRequirementsId: drg.id, ...(drg.name === undefined ? {} : { decisionRequirementsName: drg.name }), version: drg.version,
        decisionRequirementsKey: drg.key, resourceName: drg.resourceName, tenantId: drg.tenantId,
      });
      for (const decision of drg.model.decisions) {
        const meta = drg.decisions[decision.id];
        if (meta) decisions.push(this.decisionView(drg, decision.id, meta));
      }
    }
    return { decisions, decisionRequirements: requirements };
  }

  private decisionView(drg: DecisionRequirementsDefinition, decisionId: string, meta: { key: string; version: number }): DeployedDecision {
    const name = drg.model.decisions.find((d) => d.id === decisionId)?.name;
    return {
      decisionId, ...(name === undefined ? {} : { decisionName: name }), version: meta.version, decisionKey: meta.key,
      decisionRequirementsId: drg.id, decisionRequirementsKey: drg.key, tenantId: drg.tenantId,
    };
  }

  /** Finds the latest version of a decision by id, or a decision by key. */
  findDecision(by: { decisionId: string } | { decisionKey: string }): { drg: DecisionRequirementsDefinition; decision: DeployedDecision } | undefined {
    let found: { key: string; version: number; drgKey: string } | undefined;
    if ('decisionId' in by) {
      const list = this.decisionVersions.get(by.decisionId);
      found = list?.[list.length - 1];
    } else {
      for (const list of this.decisionVersions.values()) found ??= list.find((d) => d.key === by.decisionKey);
    }
    const drg = found ? this.decisionRequirements.get(found.drgKey) : undefined;
    if (!found || !drg) return undefined;
    const decisionId = Object.entries(drg.decisions).find(([, meta]) => meta.key === found.key)?.[0] ?? '';
    return { drg, decision: this.decisionView(drg, decisionId, found) };
  }

  /** The latest version of a decision whose `zeebe:versionTag` is `versionTag`. */
  private findDecisionByVersionTag(decisionId: string, versionTag: string): { drg: DecisionRequirementsDefinition; decision: DeployedDecision } | undefined {
    for (const found of [...(this.decisionVersions.get(decisionId) ?? [])].reverse()) {
      const drg = this.decisionRequirements.get(found.drgKey);
      if (drg?.model.decisions.find((d) => d.id === decisionId)?.versionTag === versionTag) return { drg, decision: this.decisionView(drg, decisionId, found) };
    }
    return undefined;
  }

  private findDecisionInDeployment(decisionId: string, deploymentKey: string | undefined): { drg: DecisionRequirementsDefinition; decision: DeployedDecision } | undefined {
    for (const drg of this.decisionRequirements.values()) {
      const meta = drg.decisions[decisionId];
      if (drg.deploymentKey === deploymentKey && meta) return { drg, decision: this.decisionView(drg, decisionId, meta) };
    }
    return undefined;
  }

  /** The EvaluateDecision command: evaluates the latest version of a decision (or the one with the key). */
  evaluateDecision(by: { decisionId: string } | { decisionKey: string }, variables: JsonObject): DecisionEvaluation {
    const found = this.findDecision(by);
    if (!found) {
      throw new EngineRejectionError('NOT_FOUND', 'EVALUATE', 'decisionId' in by
        ? `Expected to evaluate decision '${by.decisionId}', but no decision found for id '${by.decisionId}'`
        : `Expected to evaluate decision with key '${by.decisionKey}', but no decision found for key '${by.decisionKey}'`);
    }
    const outcome = evaluateDecision(found.drg.model, found.decision.decisionId, variables);
    return { decision: found.decision, outcome, decisionKeys: found.drg.decisions, decisionInstanceKey: this.keys.next() };
  }

  deploy(resources: { name: string; xml: string; models: ProcessModel[] }[], tenantId: string, dmn: { name: string; xml: string; model: DecisionRequirementsModel }[] = []): { key: string; processes: DeployedProcess[]; decisions: DeployedDecision[]; decisionRequirements: DeployedDecisionRequirements[] } {
    const decisionIds = dmn.flatMap((resource) => resource.model.decisions.map((d) => d.id));
    const duplicate = decisionIds.find((id, i) => decisionIds.indexOf(id) !== i);
    if (duplicate !== undefined) throw new EngineRejectionError('INVALID_ARGUMENT', 'CREATE', `Expected to deploy new resources, but encountered the following errors:\nDuplicated decision id in resources '${duplicate}'`);
    const deploymentKey = this.keys.next();
    const processes: DeployedProcess[] = [];
    const seen = new Set<string>();
    for (const resource of resources) {
      for (const model of resource.models) {
        if (seen.has(model.bpmnProcessId)) {
          throw new EngineRejectionError('INVALID_ARGUMENT', 'CREATE', `Expected to deploy new resources, but encountered the following errors:\nDuplicated process id in resources '${model.bpmnProcessId}'`);
        }
        seen.add(model.bpmnProcessId);
      }
    }
    // Timer start events are scheduled at deployment: evaluate them all before changing anything.
    const now = this.now();
    const schedules = new Map<ProcessModel, Omit<StartTimer, 'key' | 'processDefinitionKey'>[]>();
    for (const resource of resources) {
      for (const model of resource.models) {
        schedules.set(model, model.timerStartEvents.map((start) => {
          const value = evaluateProperty(start.timer.value, {});
          const text = value.ok && typeof value.value === 'string' ? value.value : undefined;
          const due = text === undefined ? undefined : dueInstant(start.timer.kind, text, now);
          if (text === undefined || due === undefined) {
            throw new EngineRejectionError('INVALID_ARGUMENT', 'CREATE', `Expected to deploy new resources, but encountered the following errors:\n'${resource.name}': the timer start event '${start.elementId}' has an invalid ${start.timer.kind} '${start.timer.value}'`);
          }
          const repetitions = start.timer.kind === 'cycle' ? parseCycle(text)?.repetitions : undefined;
          return {
            elementId: start.elementId, dueDate: due,
            ...(start.timer.kind === 'cycle' ? { cycle: { value: text, repetitionsLeft: repetitions === undefined ? -1 : repetitions - 1 } } : {}),
          };
        }));
      }
    }
    for (const resource of resources) {
      for (const model of resource.models) {
        const checksum = createHash('sha256').update(resource.xml).digest('hex');
        const latest = this.latest(model.bpmnProcessId);
        if (latest && latest.checksum === checksum && latest.resourceName === resource.name) {
          processes.push({ bpmnProcessId: latest.bpmnProcessId, version: latest.version, processDefinitionKey: latest.key, resourceName: latest.resourceName, tenantId: latest.tenantId });
          continue;
        }
        const definition: ProcessDefinition = {
          key: this.keys.next(), bpmnProcessId: model.bpmnProcessId, version: (latest?.version ?? 0) + 1,
          resourceName: resource.name, checksum, deploymentKey, tenantId, xml: resource.xml, model,
        };
        this.addDefinition(definition);
        this.changes.definitions.push(definition);
        // A new version replaces the timer start events of the previous ones.
        for (const timer of [...this.startTimers.values()]) {
          if (this.definitions.get(timer.processDefinitionKey)?.bpmnProcessId !== definition.bpmnProcessId) continue;
          this.startTimers.delete(timer.key);
          this.changes.dirtyStartTimers.delete(timer.key);
          this.changes.deletedStartTimers.add(timer.key);
        }
        for (const schedule of schedules.get(model) ?? []) this.putStartTimer({ ...schedule, key: this.keys.next(), processDefinitionKey: definition.key });
        processes.push({ bpmnProcessId: definition.bpmnProcessId, version: definition.version, processDefinitionKey: definition.key, resourceName: definition.resourceName, tenantId });
      }
    }
    return { key: deploymentKey, processes, ...this.deployDecisions(dmn, tenantId, deploymentKey) };
  }

  private putStartTimer(timer: StartTimer): void {
    this.startTimers.set(timer.key, timer);
    this.changes.dirtyStartTimers.add(timer.key);
    this.changes.dueTimes.push(timer.dueDate);
  }

  /** Fires due timer start events: each starts a new instance of its (latest) process. */
  private fireStartTimers(now: number): void {
    for (const timer of [...this.startTimers.values()]) {
      if (timer.dueDate > now) continue;
      this.startTimers.delete(timer.key);
      this.changes.dirtyStartTimers.delete(timer.key);
      this.changes.deletedStartTimers.add(timer.key);
      const definition = this.definitions.get(timer.processDefinitionKey);
      if (!definition || this.latest(definition.bpmnProcessId)?.key !== definition.key) continue;
      const instance = this.newInstance(definition, {});
      const element: ElementInstance = { key: this.keys.next(), elementId: timer.elementId, timerKeys: [] };
      instance.elements[element.key] = element;
      this.owners.set(element.key, instance.key);
      this.agenda.push(() => this.complete(instance, element));
      if (timer.cycle && timer.cycle.repetitionsLeft !== 0) {
        const next = dueInstant('cycle', timer.cycle.value, timer.dueDate);
        const left = timer.cycle.repetitionsLeft < 0 ? -1 : timer.cycle.repetitionsLeft - 1;
        if (next !== undefined) this.putStartTimer({ ...timer, key: this.keys.next(), dueDate: next, cycle: { value: timer.cycle.value, repetitionsLeft: left } });
      }
    }
  }

  /**
   * DeleteResource: a process definition without running instances, or a DMN resource. When
   * the latest version of a process goes, the previous one becomes the latest again and its
   * timer start events are scheduled anew (https://docs.camunda.io/docs/components/concepts/resource-deletion/).
   */
  deleteResource(key: string): void {
    const definition = this.definitions.get(key);
    if (definition) {
      for (const instance of this.instances.values()) {
        if (instance.processDefinitionKey === key) {
          throw new EngineRejectionError('INVALID_STATE', 'DELETE', `Expected to delete resource with key '${key}' but there are still running instances of the process definition`);
        }
      }
      const wasLatest = this.latest(definition.bpmnProcessId)?.key === key;
      this.definitions.delete(key);
      const remaining = (this.versions.get(definition.bpmnProcessId) ?? []).filter((d) => d.key !== key);
      if (remaining.length > 0) this.versions.set(definition.bpmnProcessId, remaining);
      else this.versions.delete(definition.bpmnProcessId);
      this.changes.deletedDefinitions.add(key);
      for (const timer of [...this.startTimers.values()]) {
        if (timer.processDefinitionKey !== key) continue;
        this.startTimers.delete(timer.key);
        this.changes.dirtyStartTimers.delete(timer.key);
        this.changes.deletedStartTimers.add(timer.key);
      }
      const previous = remaining[remaining.length - 1];
      if (wasLatest && previous) {
        const now = this.now();
        for (const start of previous.model.timerStartEvents) {
          const value = evaluateProperty(start.timer.value, {});
          const text = value.ok && typeof value.value === 'string' ? value.value : undefined;
          const due = text === undefined ? undefined : dueInstant(start.timer.kind, text, now);
          if (text === undefined || due === undefined) continue;
          const repetitions = start.timer.kind === 'cycle' ? parseCycle(text)?.repetitions : undefined;
          this.putStartTimer({
            key: this.keys.next(), processDefinitionKey: previous.key, elementId: start.elementId, dueDate: due,
            ...(start.timer.kind === 'cycle' ? { cycle: { value: text, repetitionsLeft: repetitions === undefined ? -1 : repetitions - 1 } } : {}),
          });
        }
      }
      return;
    }
    const drg = this.decisionRequirements.get(key);
    if (drg) {
      this.decisionRequirements.delete(key);
      for (const decisionId of Object.keys(drg.decisions)) {
        const remaining = (this.decisionVersions.get(decisionId) ?? []).filter((d) => d.drgKey !== key);
        if (remaining.length > 0) this.decisionVersions.set(decisionId, remaining);
        else this.decisionVersions.delete(decisionId);
      }
      this.changes.deletedDecisionRequirements.add(key);
      return;
    }
    throw new EngineRejectionError('NOT_FOUND', 'DELETE', `Expected to delete resource but no resource found with key \`${key}\``);
  }

  // ---------------------------------------------------------------- process instance modification

  /**
   * ModifyProcessInstance (https://docs.camunda.io/docs/components/concepts/process-instance-modification/):
   * every instruction is validated first (nothing changes on a rejection); activations are
   * applied before terminations; a flow scope left without active element instances is
   * terminated, up to the process instance itself.
   */
  modifyInstance(key: string, activations: { elementId: string; ancestorKey?: string; variables: { scopeId: string; variables: JsonObject }[] }[], terminations: string[]): void {
    const instance = this.instances.get(key);
    if (!instance) throw new EngineRejectionError('NOT_FOUND', 'MODIFY', `Expected to modify process instance but no process instance found with key '${key}'`);
    if (instance.state !== 'ACTIVE') throw new EngineRejectionError('INVALID_STATE', 'MODIFY', `Expected to modify process instance with key '${key}', but it is being canceled (waiting for canceling task listeners)`);
    const model = this.model(instance);
    const reject = (reason: string): never => {
      throw new EngineRejectionError('INVALID_ARGUMENT', 'MODIFY', `Expected to modify instance of process '${instance.bpmnProcessId}' but it contains one or more ${reason}`);
    };
    const plans: { elementId: string; parentKey?: string; local: JsonObject; scoped: { scopeKey: string; variables: JsonObject }[] }[] = [];
    for (const activation of activations) {
      const node = model.elements[activation.elementId];
      if (!node) return reject(`activate instructions with an element that could not be found: '${activation.elementId}'`);
      if (node.kind === 'boundaryEvent' || (node.kind === 'startEvent' && node.parentId === undefined)) {
        return reject(`activate instructions for elements that are unsupported: '${node.id}'. The activation of elements with type '${node.kind === 'boundaryEvent' ? 'BOUNDARY_EVENT' : 'START_EVENT'}' is not supported.`);
      }
      const flowScopeId = node.parentId;
      let parentKey: string | undefined;
      if (flowScopeId !== undefined) {
        // A multi-instance subprocess: the flow scope is one of its iterations, never the body.
        const candidates = Object.values(instance.elements).filter((e) => e.elementId === flowScopeId && !e.multiInstance && !e.terminating);
        const scopeInstance = activation.ancestorKey !== undefined ? candidates.find((e) => e.key === activation.ancestorKey) : candidates.length === 1 ? candidates[0] : undefined;
        if (activation.ancestorKey !== undefined && !scopeInstance) {
          return reject(`activate instructions with an ancestor scope key that does not exist, or is not in an active state: '${activation.ancestorKey}'`);
        }
        if (!scopeInstance) {
          return reject(`activate instructions for elements whose flow scope '${flowScopeId}' ${candidates.length === 0 ? 'is not active (this engine does not create flow scopes on activation)' : 'has more than one active instance; select one with the ancestor element instance key'}: '${node.id}'`);
        }
        parentKey = scopeInstance.key;
      } else if (activation.ancestorKey !== undefined && activation.ancestorKey !== instance.key) {
        return reject(`activate instructions with an ancestor scope key that does not exist, or is not in an active state: '${activation.ancestorKey}'`);
      }
      const plan: (typeof plans)[number] = { elementId: node.id, local: {}, scoped: [] };
      if (parentKey !== undefined) plan.parentKey = parentKey;
      for (const instruction of activation.variables) {
        if (instruction.scopeId === '' || instruction.scopeId === instance.bpmnProcessId) plan.scoped.push({ scopeKey: instance.key, variables: instruction.variables });
        else if (instruction.scopeId === node.id) Object.assign(plan.local, instruction.variables);
        else if (instruction.scopeId === flowScopeId && parentKey !== undefined) plan.scoped.push({ scopeKey: parentKey, variables: instruction.variables });
        else return reject(`variable instructions with a scope element id that could not be found: '${instruction.scopeId}'`);
      }
      plans.push(plan);
    }
    const missing = terminations.filter((t) => !instance.elements[t]);
    if (missing.length > 0) return reject(`terminate instructions with an element instance that could not be found: '${missing.join("', '")}'`);
    // A single iteration would leave its multi-instance body waiting for it: not supported here.
    const iterations = terminations.filter((t) => instance.elements[t]?.loopIndex !== undefined);
    if (iterations.length > 0) return reject(`terminate instructions for multi-instance iterations, which this engine does not support (terminate the multi-instance body instead): '${iterations.join("', '")}'`);

    for (const plan of plans) {
      for (const scoped of plan.scoped) instance.variables[scoped.scopeKey] = { ...(instance.variables[scoped.scopeKey] ?? {}), ...scoped.variables };
      this.agenda.push(() => this.activate(instance, plan.elementId, undefined, plan.parentKey, plan.local));
    }
    this.touch(instance);
    this.run();
    for (const elementKey of terminations) {
      const element = instance.elements[elementKey];
      if (!element || instance.state !== 'ACTIVE') continue;
      const scopeKey = element.parentKey;
      this.terminateElement(instance, element);
      this.terminateEmptyScopes(instance, scopeKey);
    }
    this.run();
  }

  /**
   * After a termination by modification: a flow scope with nothing left active ends too (it
   * may still wait for children that are terminating).
   */
  private terminateEmptyScopes(instance: ProcessInstance, scopeKey: string | undefined): void {
    if (this.instances.get(instance.key) !== instance || instance.state !== 'ACTIVE') return;
    if (scopeKey === undefined) {
      if (Object.values(instance.elements).every((e) => e.terminating) && Object.keys(instance.joins).length === 0) this.terminateInstance(instance);
      return;
    }
    const scope = instance.elements[scopeKey];
    if (!scope || scope.terminating || this.childrenOf(instance, scopeKey).some((e) => !e.terminating)) return;
    const parentKey = scope.parentKey;
    this.terminateElement(instance, scope);
    this.terminateEmptyScopes(instance, parentKey);
  }

  // ---------------------------------------------------------------- process instances

  createInstance(request: { processDefinitionKey?: string; bpmnProcessId?: string; version?: number; variables: JsonObject; tenantId?: string }): ProcessInstance {
    let definition: ProcessDefinition | undefined;
    if (request.processDefinitionKey) {
      definition = this.definitions.get(request.processDefinitionKey);
      if (!definition) throw new EngineRejectionError('NOT_FOUND', 'CREATE', `Expected to find process definition with key '${request.processDefinitionKey}', but none found`);
    } else {
      const id = request.bpmnProcessId ?? '';
      if (request.version !== undefined && request.version > 0) {
        definition = this.versions.get(id)?.find((d) => d.version === request.version);
        if (!definition) throw new EngineRejectionError('NOT_FOUND', 'CREATE', `Expected to find process definition with process ID '${id}' and version '${request.version}', but none found`);
      } else {
        definition = this.latest(id);
        if (!definition) throw new EngineRejectionError('NOT_FOUND', 'CREATE', `Expected to find process definition with process ID '${id}', but none found`);
      }
    }
    const startId = definition.model.noneStartEventId;
    if (!startId) throw new EngineRejectionError('INVALID_STATE', 'CREATE', `Expected to create instance of process with none start event, but there is no such event`);
    const instance = this.newInstance(definition, request.variables);
    this.agenda.push(() => this.activate(instance, startId));
    this.run();
    return instance;
  }

  private newInstance(definition: ProcessDefinition, variables: JsonObject): ProcessInstance {
    const key = this.keys.next();
    const instance: ProcessInstance = {
      key, processDefinitionKey: definition.key, bpmnProcessId: definition.bpmnProcessId, version: definition.version,
      tenantId: definition.tenantId, state: 'ACTIVE', startDate: this.now(), variables: { [key]: { ...variables } }, elements: {}, joins: {},
      jobs: {}, userTasks: {}, timers: {}, subscriptions: {}, incidents: {},
    };
    this.instances.set(key, instance);
    this.touch(instance);
    this.record(instance, 'PROCESS_INSTANCE', 'ELEMENT_ACTIVATED', key, { bpmnElementType: 'PROCESS', flowScopeKey: '-1' }, { key, elementId: definition.bpmnProcessId });
    return instance;
  }

  cancelInstance(key: string): void {
    const instance = this.instances.get(key);
    // Zeebe answers an instance that is already being canceled like a missing one.
    if (!instance || instance.state !== 'ACTIVE') throw new EngineRejectionError('NOT_FOUND', 'CANCEL', `Expected to cancel a process instance with key '${key}', but no such process was found`);
    if (instance.parent) {
      throw new EngineRejectionError('INVALID_STATE', 'CANCEL', `Expected to cancel a process instance with key '${key}', but it is created by a parent process instance. Cancel the root process instance '${this.rootOf(instance).key}' instead.`);
    }
    this.terminateInstance(instance);
  }

  private rootOf(instance: ProcessInstance): ProcessInstance {
    let root = instance;
    while (root.parent) {
      const parent = this.instances.get(root.parent.instanceKey);
      if (!parent) break;
      root = parent;
    }
    return root;
  }

  /**
   * Terminates every element of the instance. Returns true when it is terminated; false when it
   * waits (TERMINATING) for canceling task listeners, and ends when the last element is gone.
   */
  private terminateInstance(instance: ProcessInstance): boolean {
    if (instance.state !== 'ACTIVE') return instance.state !== 'TERMINATING';
    let waiting = false;
    for (const element of Object.values(instance.elements)) if (!this.terminateElement(instance, element)) waiting = true;
    if (!waiting) {
      this.finishInstance(instance, 'TERMINATED');
      return true;
    }
    instance.state = 'TERMINATING';
    instance.joins = {};
    delete instance.interruptedBy;
    this.closeProcessEventTriggers(instance);
    this.touch(instance);
    return false;
  }

  private model(instance: ProcessInstance): ProcessModel {
    const definition = this.definitions.get(instance.processDefinitionKey);
    if (!definition) throw new Error(`Process definition ${instance.processDefinitionKey} is missing`);
    return definition.model;
  }

  private node(instance: ProcessInstance, elementId: string): FlowNode {
    const node = this.model(instance).elements[elementId];
    if (!node) throw new Error(`Element ${elementId} is missing in ${instance.bpmnProcessId}`);
    return node;
  }

  /**
   * Scope chain of an element instance: its own scope, the multi-instance body it belongs to
   * (if any), then the process instance (root). Without an element: the root alone.
   */
  private chain(instance: ProcessInstance, element?: ElementInstance): string[] {
    if (!element) return [instance.key];
    return [element.key, ...this.flowChain(instance, element)];
  }

  /** The chain of the scope an element instance's results are merged into (its flow scope). */
  private flowChain(instance: ProcessInstance, element: ElementInstance): string[] {
    const keys: string[] = [];
    for (let parent = element.parentKey; parent !== undefined; parent = instance.elements[parent]?.parentKey) keys.push(parent);
    keys.push(instance.key);
    return keys;
  }

  /** Whether the element instance is one iteration of a multi-instance body. */
  private isIteration(element: ElementInstance): boolean {
    return element.loopIndex !== undefined;
  }

  private childrenOf(instance: ProcessInstance, scopeKey: string): ElementInstance[] {
    return Object.values(instance.elements).filter((e) => e.parentKey === scopeKey);
  }

  private finishInstance(instance: ProcessInstance, state: 'COMPLETED' | 'TERMINATED'): void {
    this.recordVariablesOf(instance);
    this.exportedVariables.delete(instance.key);
    this.touchedByCommand.delete(instance.key);
    instance.state = state;
    this.record(instance, 'PROCESS_INSTANCE', state === 'COMPLETED' ? 'ELEMENT_COMPLETED' : 'ELEMENT_TERMINATED', instance.key, { bpmnElementType: 'PROCESS', flowScopeKey: '-1' }, { key: instance.key, elementId: instance.bpmnProcessId });
    const variables = instance.variables[instance.key] ?? {};
    this.finishedInstances.set(instance.key, { ...this.instanceView(instance), endDate: new Date(this.now()).toISOString() });
    if (this.finishedInstances.size > FINISHED_INSTANCES_KEPT) {
      const oldest = this.finishedInstances.keys().next();
      if (!oldest.done) this.finishedInstances.delete(oldest.value);
    }
    for (const task of Object.values(instance.userTasks)) this.rememberFinishedTask(instance, task);
    this.instances.delete(instance.key);
    for (const group of [instance.elements, instance.jobs, instance.userTasks, instance.timers, instance.subscriptions, instance.incidents]) {
      for (const entityKey of Object.keys(group)) this.owners.delete(entityKey);
    }
    for (const job of Object.values(instance.jobs)) this.jobsByType.get(job.type)?.delete(job.key);
    for (const sub of Object.values(instance.subscriptions)) this.subscriptionIndex(sub.messageName, sub.correlationKey, sub.signal).delete(sub.key);
    this.changes.dirtyInstances.delete(instance.key);
    this.changes.deletedInstances.add(instance.key);
    this.changes.finished.push({ key: instance.key, state, variables });
    if (state === 'COMPLETED' && instance.parent) this.childCompleted(instance, variables);
    if (state === 'TERMINATED' && instance.parent) this.childTerminated(instance);
  }

  // ---------------------------------------------------------------- token flow

  private activate(instance: ProcessInstance, elementId: string, viaFlow?: SequenceFlow, parentKey?: string, localVariables?: JsonObject): void {
    if (instance.state !== 'ACTIVE') return;
    if (parentKey !== undefined && !this.isActive(instance, instance.elements[parentKey])) return; // the scope was terminated meanwhile
    const node = this.node(instance, elementId);
    const joinKey = `${parentKey ?? instance.key}:${node.id}`;
    if (node.kind === 'parallelGateway' && node.incoming.length > 1 && viaFlow) {
      const join = (instance.joins[joinKey] ??= {});
      join[viaFlow.id] = (join[viaFlow.id] ?? 0) + 1;
      if (!node.incoming.every((flowId) => (join[flowId] ?? 0) > 0)) {
        this.touch(instance);
        return;
      }
      for (const flowId of node.incoming) {
        const count = (join[flowId] ?? 0) - 1;
        if (count > 0) join[flowId] = count;
        else delete join[flowId];
      }
      if (Object.keys(join).length === 0) delete instance.joins[joinKey];
    }
    if (node.kind === 'inclusiveGateway' && node.incoming.length > 1 && viaFlow) {
      const join = (instance.joins[joinKey] ??= {});
      join[viaFlow.id] = (join[viaFlow.id] ?? 0) + 1;
      this.touch(instance);
      this.agenda.push(() => this.checkInclusiveJoins(instance, parentKey));
      return;
    }
    const element: ElementInstance = { key: this.keys.next(), elementId, timerKeys: [] };
    if (parentKey !== undefined) element.parentKey = parentKey;
    if (localVariables && Object.keys(localVariables).length > 0) instance.variables[element.key] = { ...localVariables };
    instance.elements[element.key] = element;
    this.owners.set(element.key, instance.key);
    this.touch(instance);
    this.recordElement(instance, element, 'ELEMENT_ACTIVATED');
    this.enter(instance, element, node);
  }

  private incident(instance: ProcessInstance, element: ElementInstance, type: string, message: string, retry: IncidentRetry, jobKey?: string): void {
    const incident: Incident = { key: this.keys.next(), type, message, elementInstanceKey: element.key, elementId: element.elementId, retry, creationTime: this.now() };
    if (jobKey) incident.jobKey = jobKey;
    instance.incidents[incident.key] = incident;
    element.incidentKey = incident.key;
    this.record(instance, 'INCIDENT', 'CREATED', incident.key, { errorType: type, errorMessage: message, ...(jobKey ? { jobKey } : {}) }, element);
    this.owners.set(incident.key, instance.key);
    this.touch(instance);
  }

  private evaluate(instance: ProcessInstance, element: ElementInstance | undefined, text: string): { ok: true; value: Json } | { ok: false; message: string } {
    return evaluateProperty(text, visibleVariables(instance.variables, this.chain(instance, element)));
  }

  /** Activation of an element: input mappings, boundary events, then its behaviour. */
  private enter(instance: ProcessInstance, element: ElementInstance, node: FlowNode): void {
    const isBody = node.multiInstance !== undefined && !this.isIteration(element);
    if (node.inputs.length > 0 && !isBody) {
      const mapped = applyMappings(node.inputs, visibleVariables(instance.variables, this.chain(instance, element)));
      if (!mapped.ok) return this.incident(instance, element, 'IO_MAPPING_ERROR', mapped.message, 'activate');
      instance.variables[element.key] = { ...(instance.variables[element.key] ?? {}), ...mapped.variables };
    }
    // Boundary events belong to the multi-instance body, not to its iterations.
    for (const boundaryId of this.isIteration(element) ? [] : node.boundaryEventIds) {
      const boundary = this.node(instance, boundaryId);
      if (boundary.message || boundary.signal) {
        const problem = this.openSubscription(instance, element, boundary);
        if (problem) return this.incident(instance, element, 'EXTRACT_VALUE_ERROR', problem, 'activate');
        continue;
      }
      if (!boundary.timer) continue;
      const due = this.timerDue(instance, element, boundary);
      if (typeof due === 'string') return this.incident(instance, element, 'EXTRACT_VALUE_ERROR', due, 'activate');
      this.addTimer(instance, element, boundaryId, due.at, due.cycle);
    }
    if (isBody) return this.enterBody(instance, element, node);
    if (node.terminate) {
      // Ends everything else in the same scope (the process, or the enclosing subprocess).
      const scope = element.parentKey ?? instance.key;
      for (const other of Object.values(instance.elements)) if (other.key !== element.key && other.parentKey === element.parentKey) this.terminateElement(instance, other);
      for (const joinKey of Object.keys(instance.joins)) if (joinKey.startsWith(`${scope}:`)) delete instance.joins[joinKey];
    }
    if (node.throwErrorCode !== undefined) return this.throwErrorEvent(instance, element, node.throwErrorCode, '', instance.variables[element.key] ?? {});
    if (node.throwEscalationCode !== undefined && this.throwEscalation(instance, element, node.throwEscalationCode)) return;
    if (node.signal && (node.kind === 'endEvent' || node.kind === 'intermediateThrowEvent')) {
      const name = this.evaluate(instance, element, node.signal.name);
      if (!name.ok || typeof name.value !== 'string') return this.incident(instance, element, 'EXTRACT_VALUE_ERROR', name.ok ? `Expected the signal name of '${node.id}' to be a string` : name.message, 'activate');
      const signalName = name.value;
      const variables = instance.variables[element.key] ?? {};
      this.agenda.push(() => this.broadcast(signalName, variables));
    }
    switch (node.kind) {
      case 'endEvent':
      case 'intermediateThrowEvent':
        if (node.job) return this.createJob(instance, element, node);
        return this.complete(instance, element);
      case 'startEvent':
      case 'task':
      case 'manualTask':
      case 'parallelGateway':
      case 'boundaryEvent':
        return this.complete(instance, element);
      case 'exclusiveGateway':
        return this.routeExclusive(instance, element, node);
      case 'inclusiveGateway':
        return this.routeInclusive(instance, element, node);
      case 'callActivity':
        return this.callProcess(instance, element, node);
      case 'eventBasedGateway':
        return this.openGatewayEvents(instance, element, node);
      case 'subProcess':
        if (node.startEventId === undefined) return this.complete(instance, element);
        {
          const problem = this.openEventSubProcesses(instance, element);
          if (problem) return this.incident(instance, element, 'EXTRACT_VALUE_ERROR', problem, 'activate');
          const startId = node.startEventId;
          this.agenda.push(() => this.activate(instance, startId, undefined, element.key));
        }
        return;
      case 'businessRuleTask':
        if (node.calledDecision) return this.evaluateCalledDecision(instance, element, node, node.calledDecision);
        return this.createJob(instance, element, node);
      case 'serviceTask':
      case 'sendTask':
      case 'scriptTask':
      case 'userTask':
        if (node.script) {
          const result = evaluateExpression(node.script.expression, visibleVariables(instance.variables, this.chain(instance, element)));
          if (!result.ok) return this.incident(instance, element, 'EXTRACT_VALUE_ERROR', result.message, 'activate');
          return this.complete(instance, element, { [node.script.resultVariable]: result.value });
        }
        if (node.userTask) return this.createUserTask(instance, element, node);
        return this.createJob(instance, element, node);
      case 'receiveTask':
      case 'intermediateCatchEvent':
        if (node.timer) {
          const due = this.timerDue(instance, element, node);
          if (typeof due === 'string') return this.incident(instance, element, 'EXTRACT_VALUE_ERROR', due, 'activate');
          return this.addTimer(instance, element, node.id, due.at);
        }
        if (!node.message && !node.signal) return this.complete(instance, element);
        {
          const problem = this.openSubscription(instance, element, node);
          if (problem) this.incident(instance, element, 'EXTRACT_VALUE_ERROR', problem, 'activate');
        }
        return;
    }
  }

  /**
   * Business rule task with `zeebe:calledDecision`: evaluates the decision its binding type picks
   * (https://docs.camunda.io/docs/components/best-practices/modeling/choosing-the-resource-binding-type/),
   * result in `resultVariable`.
   */
  private evaluateCalledDecision(instance: ProcessInstance, element: ElementInstance, node: FlowNode, called: CalledDecision): void {
    const decisionId = this.evaluate(instance, element, called.decisionId);
    if (!decisionId.ok) return this.incident(instance, element, 'EXTRACT_VALUE_ERROR', decisionId.message, 'activate');
    if (typeof decisionId.value !== 'string') return this.incident(instance, element, 'EXTRACT_VALUE_ERROR', `Expected the decision id of '${node.id}' to be a string, but was '${JSON.stringify(decisionId.value)}'`, 'activate');
    const id = decisionId.value;
    const callerDeployment = this.definitions.get(instance.processDefinitionKey)?.deploymentKey;
    const found = called.bindingType === 'deployment' ? this.findDecisionInDeployment(id, callerDeployment)
      : called.bindingType === 'versionTag' ? this.findDecisionByVersionTag(id, called.versionTag ?? '')
        : this.findDecision({ decisionId: id });
    if (!found) {
      // Zeebe's messages (DecisionBehavior).
      const reason = called.bindingType === 'deployment'
        ? `Expected to evaluate decision '${id}' with binding type 'deployment', but no such decision found in the deployment with key ${callerDeployment ?? '?'} which contained the current process. To resolve this incident, migrate the process instance to a process definition that is deployed together with the intended decision to evaluate.`
        : called.bindingType === 'versionTag'
          ? `Expected to evaluate decision with id '${id}' and version tag '${called.versionTag ?? ''}', but no such decision found. To resolve this incident, deploy a decision with the given id and version tag.`
          : `Expected to evaluate decision '${id}', but no decision found for id '${id}'`;
      return this.incident(instance, element, 'CALLED_DECISION_ERROR', reason, 'activate');
    }
    const outcome = evaluateDecision(found.drg.model, id, visibleVariables(instance.variables, this.chain(instance, element)));
    if (!outcome.ok) return this.incident(instance, element, 'DECISION_EVALUATION_ERROR', `Expected to evaluate decision '${id}', but ${outcome.message}`, 'activate');
    return this.complete(instance, element, { [called.resultVariable]: outcome.output });
  }

  private timerDue(instance: ProcessInstance, element: ElementInstance | undefined, node: FlowNode): { at: number; cycle?: { value: string; repetitionsLeft: number } } | string {
    const timer = node.timer;
    if (!timer) return 'no timer definition';
    const value = this.evaluate(instance, element, timer.value);
    if (!value.ok) return value.message;
    if (typeof value.value !== 'string') return `Expected the timer ${timer.kind} of '${node.id}' to be a string, but was '${JSON.stringify(value.value)}'`;
    const due = dueInstant(timer.kind, value.value, this.now());
    if (due === undefined) return `Invalid timer ${timer.kind} '${value.value}' on '${node.id}'`;
    if (timer.kind !== 'cycle') return { at: due };
    const repetitions = parseCycle(value.value)?.repetitions;
    return { at: due, cycle: { value: value.value, repetitionsLeft: repetitions === undefined ? -1 : repetitions - 1 } };
  }

  /** Arms a timer owned by `element`, or by the process instance itself (event subprocesses) when undefined. */
  private addTimer(instance: ProcessInstance, element: ElementInstance | undefined, elementId: string, dueDate: number, cycle?: { value: string; repetitionsLeft: number }): void {
    const key = this.keys.next();
    instance.timers[key] = { key, elementInstanceKey: element?.key ?? instance.key, elementId, dueDate };
    if (cycle) instance.timers[key].cycle = cycle;
    element?.timerKeys.push(key);
    this.owners.set(key, instance.key);
    this.changes.dueTimes.push(dueDate);
    this.touch(instance);
  }

  private routeExclusive(instance: ProcessInstance, element: ElementInstance, node: FlowNode): void {
    if (node.outgoing.length === 0) return this.complete(instance, element);
    if (node.outgoing.length === 1 && node.outgoing[0]?.condition === undefined) return this.complete(instance, element);
    const context = visibleVariables(instance.variables, this.chain(instance, element));
    for (const flow of node.outgoing) {
      if (flow.id === node.defaultFlowId || flow.condition === undefined) continue;
      const result = evaluateExpression(flow.condition, context);
      if (!result.ok) return this.incident(instance, element, 'CONDITION_ERROR', result.message, 'activate');
      if (typeof result.value !== 'boolean') {
        return this.incident(instance, element, 'CONDITION_ERROR', `Expected result of the expression '${flow.condition}' to be 'BOOLEAN', but was '${result.value === null ? 'NULL' : typeof result.value}'.`, 'activate');
      }
      if (result.value) return this.complete(instance, element, undefined, flow);
    }
    const fallback = node.outgoing.find((f) => f.id === node.defaultFlowId);
    if (fallback) return this.complete(instance, element, undefined, fallback);
    this.incident(instance, element, 'CONDITION_ERROR', `Expected at least one condition to evaluate to true, or to have a default flow`, 'activate');
  }

  /** Inclusive gateway (fork): every flow whose condition holds, else the default flow. */
  private routeInclusive(instance: ProcessInstance, element: ElementInstance, node: FlowNode): void {
    if (node.outgoing.length <= 1) return this.complete(instance, element);
    const context = visibleVariables(instance.variables, this.chain(instance, element));
    const taken: SequenceFlow[] = [];
    for (const flow of node.outgoing) {
      if (flow.id === node.defaultFlowId) continue;
      if (flow.condition === undefined) {
        taken.push(flow);
        continue;
      }
      const result = evaluateExpression(flow.condition, context);
      if (!result.ok) return this.incident(instance, element, 'CONDITION_ERROR', result.message, 'activate');
      if (typeof result.value !== 'boolean') {
        return this.incident(instance, element, 'CONDITION_ERROR', `Expected result of the expression '${flow.condition}' to be 'BOOLEAN', but was '${result.value === null ? 'NULL' : typeof result.value}'.`, 'activate');
      }
      if (result.value) taken.push(flow);
    }
    const fallback = node.outgoing.find((f) => f.id === node.defaultFlowId);
    if (taken.length === 0 && fallback) taken.push(fallback);
    if (taken.length === 0) return this.incident(instance, element, 'CONDITION_ERROR', `Expected at least one condition to evaluate to true, or to have a default flow`, 'activate');
    this.complete(instance, element, undefined, taken);
  }

  private hasInclusiveJoins(instance: ProcessInstance): boolean {
    const model = this.model(instance);
    return Object.keys(instance.joins).some((joinKey) => model.elements[joinKey.slice(joinKey.lastIndexOf(':') + 1)]?.kind === 'inclusiveGateway');
  }

  /**
   * Inclusive gateway (join): fires once no element still running in the same scope can reach
   * it, consuming one token from each incoming flow that has one.
   */
  private checkInclusiveJoins(instance: ProcessInstance, parentKey: string | undefined): void {
    if (instance.state !== 'ACTIVE') return;
    if (parentKey !== undefined && !instance.elements[parentKey]) return;
    const scope = parentKey ?? instance.key;
    const model = this.model(instance);
    for (const [joinKey, tokens] of Object.entries(instance.joins)) {
      if (!joinKey.startsWith(`${scope}:`)) continue;
      const gatewayId = joinKey.slice(scope.length + 1);
      const gateway = model.elements[gatewayId];
      if (!gateway || gateway.kind !== 'inclusiveGateway' || Object.keys(tokens).length === 0) continue;
      const sources = [
        ...Object.values(instance.elements).filter((e) => e.parentKey === parentKey).map((e) => e.elementId),
        ...Object.keys(instance.joins).filter((k) => k !== joinKey && k.startsWith(`${scope}:`)).map((k) => k.slice(scope.length + 1)),
      ];
      if (sources.some((source) => this.canReach(model, source, gatewayId))) continue;
      for (const flowId of Object.keys(tokens)) {
        const count = (tokens[flowId] ?? 0) - 1;
        if (count > 0) tokens[flowId] = count;
        else delete tokens[flowId];
      }
      if (Object.keys(tokens).length === 0) delete instance.joins[joinKey];
      const element: ElementInstance = { key: this.keys.next(), elementId: gatewayId, timerKeys: [] };
      if (parentKey !== undefined) element.parentKey = parentKey;
      instance.elements[element.key] = element;
      this.owners.set(element.key, instance.key);
      this.touch(instance);
      this.agenda.push(() => this.complete(instance, element));
      return;
    }
  }

  /** Whether a token at `fromId` can still arrive at `toId` (following flows and boundary events). */
  private canReach(model: ProcessModel, fromId: string, toId: string): boolean {
    const seen = new Set<string>();
    const queue = [fromId];
    while (queue.length > 0) {
      const id = queue.pop() ?? '';
      const node = model.elements[id];
      if (!node || seen.has(id)) continue;
      seen.add(id);
      for (const next of [...node.outgoing.map((f) => f.targetId), ...node.boundaryEventIds]) {
        if (next === toId) return true;
        queue.push(next);
      }
    }
    return false;
  }

  private createJob(instance: ProcessInstance, element: ElementInstance, node: FlowNode): void {
    const definition = node.job;
    if (!definition) return this.complete(instance, element);
    const type = this.evaluate(instance, element, definition.type);
    if (!type.ok) return this.incident(instance, element, 'EXTRACT_VALUE_ERROR', type.message, 'activate');
    if (typeof type.value !== 'string' || type.value === '') {
      return this.incident(instance, element, 'EXTRACT_VALUE_ERROR', `Expected result of the expression '${definition.type}' to be 'STRING', but was '${JSON.stringify(type.value)}'.`, 'activate');
    }
    const retries = this.evaluate(instance, element, definition.retries);
    const retriesValue = retries.ok ? Number(retries.value) : Number.NaN;
    if (!Number.isInteger(retriesValue)) {
      return this.incident(instance, element, 'EXTRACT_VALUE_ERROR', `Expected result of the expression '${definition.retries}' to be 'NUMBER', but was '${retries.ok ? JSON.stringify(retries.value) : retries.message}'.`, 'activate');
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(definition.headers)) {
      const evaluated = this.evaluate(instance, element, value);
      headers[name] = !evaluated.ok ? value : typeof evaluated.value === 'string' ? evaluated.value : JSON.stringify(evaluated.value);
      // Job-based user tasks carry candidate lists as JSON arrays, as Zeebe does.
      if (evaluated.ok && (name === 'io.camunda.zeebe:candidateGroups' || name === 'io.camunda.zeebe:candidateUsers')) {
        const list = typeof evaluated.value === 'string' ? evaluated.value.split(',').map((s) => s.trim()).filter((s) => s !== '') : evaluated.value;
        headers[name] = JSON.stringify(list);
      }
    }
    const job: Job = { key: this.keys.next(), type: type.value, state: 'ACTIVATABLE', retries: retriesValue, elementInstanceKey: element.key, elementId: element.elementId, customHeaders: headers };
    instance.jobs[job.key] = job;
    this.record(instance, 'JOB', 'CREATED', job.key, { type: job.type, retries: job.retries }, { key: job.elementInstanceKey, elementId: job.elementId });
    element.jobKey = job.key;
    this.owners.set(job.key, instance.key);
    this.jobIndex(job.type).add(job.key);
    this.changes.availableJobTypes.add(job.type);
    this.touch(instance);
  }

  private createUserTask(instance: ProcessInstance, element: ElementInstance, node: FlowNode): void {
    const definition = node.userTask ?? {};
    const text = (value: string | undefined, what: string): string | undefined | { error: string } => {
      if (value === undefined) return undefined;
      const result = this.evaluate(instance, element, value);
      if (!result.ok) return { error: result.message };
      if (result.value === null) return undefined;
      if (typeof result.value !== 'string') return { error: `Expected result of the expression '${value}' for ${what} to be 'STRING', but was '${JSON.stringify(result.value)}'.` };
      return result.value;
    };
    const listOf = (value: string | undefined, what: string): string[] | { error: string } => {
      if (value === undefined) return [];
      const result = this.evaluate(instance, element, value);
      if (!result.ok) return { error: result.message };
      if (typeof result.value === 'string') return result.value.split(',').map((s) => s.trim()).filter((s) => s !== '');
      if (Array.isArray(result.value) && result.value.every((v): v is string => typeof v === 'string')) return result.value;
      if (result.value === null) return [];
      return { error: `Expected result of the expression '${value}' for ${what} to be 'ARRAY' of strings, but was '${JSON.stringify(result.value)}'.` };
    };
    const assignee = text(definition.assignee, 'assignee');
    const candidateGroups = listOf(definition.candidateGroups, 'candidateGroups');
    const candidateUsers = listOf(definition.candidateUsers, 'candidateUsers');
    const dueDate = text(definition.dueDate, 'dueDate');
    const followUpDate = text(definition.followUpDate, 'followUpDate');
    const formKey = text(definition.formKey, 'formKey');
    const externalReference = text(definition.externalReference, 'externalReference');
    const priority = definition.priority === undefined ? { ok: true as const, value: 50 } : this.evaluate(instance, element, definition.priority);
    for (const value of [assignee, candidateGroups, candidateUsers, dueDate, followUpDate, formKey, externalReference]) {
      if (value !== undefined && !Array.isArray(value) && typeof value !== 'string') return this.incident(instance, element, 'EXTRACT_VALUE_ERROR', value.error, 'activate');
    }
    for (const [what, value] of [['dueDate', dueDate], ['followUpDate', followUpDate]] as const) {
      if (typeof value === 'string' && Number.isNaN(Date.parse(value.replace(/\[[^\]]+\]$/, '')))) {
        return this.incident(instance, element, 'EXTRACT_VALUE_ERROR', `Expected result of the expression for ${what} to be a valid date-time string, but was '${value}'.`, 'activate');
      }
    }
    const task: UserTask = {
      key: this.keys.next(), elementInstanceKey: element.key, elementId: element.elementId, state: 'CREATED',
      candidateGroups: Array.isArray(candidateGroups) ? candidateGroups : [],
      candidateUsers: Array.isArray(candidateUsers) ? candidateUsers : [],
      // A static priority ("70") is text in the model; Zeebe reads it as a number.
      priority: priority.ok && (typeof priority.value === 'number' || (typeof priority.value === 'string' && /^\d+$/.test(priority.value))) ? Number(priority.value) : 50,
      creationDate: new Date(this.now()).toISOString(),
    };
    if (node.name !== undefined) task.name = node.name;
    if (typeof assignee === 'string') task.assignee = assignee;
    if (typeof dueDate === 'string') task.dueDate = dueDate;
    if (typeof followUpDate === 'string') task.followUpDate = followUpDate;
    if (typeof formKey === 'string') task.formKey = formKey;
    if (typeof externalReference === 'string') task.externalFormReference = externalReference;
    instance.userTasks[task.key] = task;
    element.userTaskKey = task.key;
    this.owners.set(task.key, instance.key);
    this.touch(instance);
    this.beginTransition(instance, task, { event: 'creating', listenerIndex: 0 });
  }

  // ---------------------------------------------------------------- task listeners

  private listenersOf(instance: ProcessInstance, task: UserTask, event: PendingTransition['event']) {
    return (this.node(instance, task.elementId).userTask?.listeners ?? []).filter((l) => l.eventType === event);
  }

  /** Starts a user task transition: runs its listeners one after another, then applies it. */
  private beginTransition(instance: ProcessInstance, task: UserTask, pending: PendingTransition): void {
    if (this.listenersOf(instance, task, pending.event).length === 0) return this.finishTransition(instance, task, pending);
    task.pending = pending;
    task.state = ({ creating: 'CREATING', assigning: 'ASSIGNING', updating: 'UPDATING', completing: 'COMPLETING', canceling: 'CANCELING' } as const)[pending.event];
    this.createListenerJob(instance, task);
  }

  private createListenerJob(instance: ProcessInstance, task: UserTask): void {
    const pending = task.pending;
    const element = instance.elements[task.elementInstanceKey];
    const listener = pending ? this.listenersOf(instance, task, pending.event)[pending.listenerIndex] : undefined;
    if (!pending || !element || !listener) return;
    const type = this.evaluate(instance, element, listener.type);
    const retries = this.evaluate(instance, element, listener.retries);
    if (!type.ok || typeof type.value !== 'string' || !retries.ok || !Number.isInteger(Number(retries.value))) {
      return this.incident(instance, element, 'EXTRACT_VALUE_ERROR', `Failed to evaluate the task listener of '${task.elementId}': ${type.ok ? '' : type.message} ${retries.ok ? '' : retries.message}`.trim(), 'listener');
    }
    // The user task's properties under Zeebe's reserved header names, merged with its task headers
    // (https://docs.camunda.io/docs/components/concepts/user-task-listeners/#accessing-user-task-data).
    const headers: Record<string, string> = {
      ...(this.node(instance, task.elementId).userTask?.headers ?? {}),
      'io.camunda.zeebe:userTaskKey': task.key, 'io.camunda.zeebe:listenerEventType': pending.event,
    };
    if (task.assignee !== undefined) headers['io.camunda.zeebe:assignee'] = task.assignee;
    if (pending.event === 'assigning' && pending.assignee !== undefined) headers['io.camunda.zeebe:newAssignee'] = pending.assignee ?? '';
    if (task.candidateGroups.length > 0) headers['io.camunda.zeebe:candidateGroups'] = JSON.stringify(task.candidateGroups);
    if (task.candidateUsers.length > 0) headers['io.camunda.zeebe:candidateUsers'] = JSON.stringify(task.candidateUsers);
    if (task.dueDate !== undefined) headers['io.camunda.zeebe:dueDate'] = task.dueDate;
    if (task.followUpDate !== undefined) headers['io.camunda.zeebe:followUpDate'] = task.followUpDate;
    if (task.formKey !== undefined) headers['io.camunda.zeebe:formKey'] = task.formKey;
    if (task.priority > 0) headers['io.camunda.zeebe:priority'] = String(task.priority);
    const job: Job = {
      key: this.keys.next(), type: type.value, state: 'ACTIVATABLE', retries: Number(retries.value), elementInstanceKey: element.key,
      elementId: element.elementId, customHeaders: headers, listenerOf: task.key,
    };
    instance.jobs[job.key] = job;
    this.record(instance, 'JOB', 'CREATED', job.key, { type: job.type, retries: job.retries }, { key: job.elementInstanceKey, elementId: job.elementId });
    element.jobKey = job.key;
    this.owners.set(job.key, instance.key);
    this.jobIndex(job.type).add(job.key);
    this.changes.availableJobTypes.add(job.type);
    this.touch(instance);
  }

  /** A task listener job completed: run the next listener, or apply the transition. */
  private listenerCompleted(instance: ProcessInstance, task: UserTask): void {
    const pending = task.pending;
    if (!pending) return;
    pending.listenerIndex += 1;
    if (pending.listenerIndex < this.listenersOf(instance, task, pending.event).length) return this.createListenerJob(instance, task);
    delete task.pending;
    this.finishTransition(instance, task, pending);
  }

  private finishTransition(instance: ProcessInstance, task: UserTask, pending: PendingTransition): void {
    this.touch(instance);
    switch (pending.event) {
      case 'creating':
        task.state = 'CREATED';
        return;
      case 'assigning':
        task.state = 'CREATED';
        if (pending.assignee === null || pending.assignee === undefined) delete task.assignee;
        else task.assignee = pending.assignee;
        return;
      case 'updating':
        task.state = 'CREATED';
        if (pending.changeset) this.applyChangeset(task, pending.changeset);
        return;
      case 'canceling': {
        // The canceling listeners are done: the terminating user task ends now (it cannot be denied).
        task.state = 'CANCELED';
        const element = instance.elements[task.elementInstanceKey];
        if (element?.terminating) this.finishTermination(instance, element);
        return;
      }
      case 'completing': {
        const element = instance.elements[task.elementInstanceKey];
        task.state = 'COMPLETED';
        task.completionDate = new Date(this.now()).toISOString();
        this.rememberFinishedTask(instance, task);
        if (element) {
          delete element.userTaskKey;
          this.complete(instance, element, pending.variables ?? {});
        }
      }
    }
  }

  /**
   * Opens the message subscription of `node` (a catch event, receive task, or a message
   * boundary event attached to `element`); returns a problem when its name or key is invalid.
   */
  private openSubscription(instance: ProcessInstance, element: ElementInstance | undefined, node: FlowNode): string | undefined {
    if (node.signal) {
      const name = this.evaluate(instance, element, node.signal.name);
      if (!name.ok || typeof name.value !== 'string') return name.ok ? `Expected the signal name of '${node.id}' to be a string` : name.message;
      const key = this.keys.next();
      const subscription = { key, elementInstanceKey: element?.key ?? instance.key, elementId: node.id, messageName: name.value, correlationKey: '', signal: true };
      instance.subscriptions[key] = subscription;
      if (element && node.id === element.elementId) element.subscriptionKey = key;
      else if (element) (element.boundarySubscriptionKeys ??= []).push(key);
      this.owners.set(key, instance.key);
      this.subscriptionIndex(subscription.messageName, '', true).add(key);
      this.touch(instance);
      return undefined;
    }
    const message = node.message;
    if (!message) return undefined;
    const name = this.evaluate(instance, element, message.name);
    if (!name.ok || typeof name.value !== 'string') return name.ok ? `Expected the message name of '${node.id}' to be a string` : name.message;
    const correlation = this.evaluate(instance, element, message.correlationKey ?? '');
    if (!correlation.ok) return correlation.message;
    if (typeof correlation.value !== 'string' && typeof correlation.value !== 'number') {
      return `Failed to extract the correlation key for '${message.correlationKey ?? ''}': The value must be either a string or a number, but was '${correlation.value === null ? 'NULL' : Array.isArray(correlation.value) ? 'ARRAY' : typeof correlation.value}'.`;
    }
    const key = this.keys.next();
    const subscription = { key, elementInstanceKey: element?.key ?? instance.key, elementId: node.id, messageName: name.value, correlationKey: String(correlation.value) };
    instance.subscriptions[key] = subscription;
    if (element && node.id === element.elementId) element.subscriptionKey = key;
    else if (element) (element.boundarySubscriptionKeys ??= []).push(key);
    this.owners.set(key, instance.key);
    this.subscriptionIndex(subscription.messageName, subscription.correlationKey).add(key);
    this.touch(instance);
    // A buffered message correlates as soon as the subscription opens (oldest first), once the
    // element's own activation has finished.
    this.agenda.push(() => {
      if (!instance.subscriptions[key]) return;
      const now = this.now();
      for (const buffered of [...this.messages.values()].sort((a, b) => (BigInt(a.key) < BigInt(b.key) ? -1 : 1))) {
        if (buffered.name !== subscription.messageName || buffered.correlationKey !== subscription.correlationKey) continue;
        if (buffered.expiresAt <= now || buffered.correlatedProcessIds.includes(instance.bpmnProcessId)) continue;
        buffered.correlatedProcessIds.push(instance.bpmnProcessId);
        this.changes.dirtyMessages.add(buffered.key);
        this.correlate(instance, key, buffered.variables);
        return;
      }
    });
    return undefined;
  }

  private correlate(instance: ProcessInstance, subscriptionKey: string, variables: JsonObject): void {
    const subscription = instance.subscriptions[subscriptionKey];
    if (!subscription) return;
    const element = instance.elements[subscription.elementInstanceKey];
    const target = this.node(instance, subscription.elementId);
    if (target.kind === 'startEvent') {
      // The start event of an event subprocess of the element (or of the process itself).
      if (target.cancelActivity !== false) this.removeSubscription(instance, subscriptionKey);
      return this.triggerEventSubProcess(instance, element, target, variables);
    }
    if (!this.isActive(instance, element)) return;
    if (subscription.elementId === element.elementId) {
      this.removeSubscription(instance, subscriptionKey);
      return this.complete(instance, element, variables);
    }
    if (this.node(instance, element.elementId).kind === 'eventBasedGateway') return this.passGateway(instance, element, subscription.elementId, variables);
    // A message boundary event: interrupting ones end the activity, others spawn a token.
    if (this.node(instance, subscription.elementId).cancelActivity !== false) this.triggerBoundary(instance, element, subscription.elementId, variables);
    else this.spawnBoundary(instance, element, subscription.elementId, variables);
  }

  private removeSubscription(instance: ProcessInstance, key: string): void {
    const subscription = instance.subscriptions[key];
    if (!subscription) return;
    delete instance.subscriptions[key];
    this.owners.delete(key);
    this.subscriptionIndex(subscription.messageName, subscription.correlationKey, subscription.signal).delete(key);
    const element = instance.elements[subscription.elementInstanceKey];
    if (element?.subscriptionKey === key) delete element.subscriptionKey;
    if (element?.boundarySubscriptionKeys) element.boundarySubscriptionKeys = element.boundarySubscriptionKeys.filter((k) => k !== key);
    this.touch(instance);
  }

  /**
   * Completes an element: merges `variables` (output mappings, else propagation), leaves the
   * element and takes its outgoing flows (`only` restricts to one chosen flow).
   */
  private complete(instance: ProcessInstance, element: ElementInstance, variables?: JsonObject, only?: SequenceFlow | SequenceFlow[]): void {
    const node = this.node(instance, element.elementId);
    if (element.multiInstance) return this.completeBody(instance, element, node);
    if (node.outputs.length > 0) {
      if (variables) setLocal(instance.variables, element.key, variables);
      const mapped = applyMappings(node.outputs, visibleVariables(instance.variables, this.chain(instance, element)));
      if (!mapped.ok) return this.incident(instance, element, 'IO_MAPPING_ERROR', mapped.message, 'complete');
      propagate(instance.variables, this.flowChain(instance, element), mapped.variables);
    } else if (variables) {
      propagate(instance.variables, this.chain(instance, element), variables);
    }
    if (this.isIteration(element)) return this.completeIteration(instance, element, node);
    if (node.kind === 'startEvent' && element.parentKey === undefined && this.model(instance).eventSubProcessIds.length > 0) {
      // The process has started (its variables are set): its event subprocesses start listening.
      this.closeProcessEventTriggers(instance);
      const problem = this.openEventSubProcesses(instance, undefined);
      if (problem) return this.incident(instance, element, 'EXTRACT_VALUE_ERROR', problem, 'complete');
    }
    this.leave(instance, element);
    const flows = only === undefined ? node.outgoing : Array.isArray(only) ? only : [only];
    const parentKey = element.parentKey;
    for (const flow of flows) this.agenda.push(() => this.activate(instance, flow.targetId, flow, parentKey));
    if (flows.length === 0) this.agenda.push(() => this.maybeCompleteScope(instance, parentKey));
    // A token that left may have been the last one an inclusive join was waiting for.
    if (this.hasInclusiveJoins(instance)) this.agenda.push(() => this.checkInclusiveJoins(instance, parentKey));
  }

  // ---------------------------------------------------------------- multi-instance

  private enterBody(instance: ProcessInstance, body: ElementInstance, node: FlowNode): void {
    const definition = node.multiInstance;
    if (!definition) return;
    const collection = evaluateExpression(definition.inputCollection, visibleVariables(instance.variables, this.chain(instance, body)));
    if (!collection.ok) return this.incident(instance, body, 'EXTRACT_VALUE_ERROR', collection.message, 'activate');
    if (!Array.isArray(collection.value)) {
      return this.incident(instance, body, 'EXTRACT_VALUE_ERROR', `Expected result of the expression '${definition.inputCollection}' to be 'ARRAY', but was '${collection.value === null ? 'NULL' : typeof collection.value}'.`, 'activate');
    }
    body.multiInstance = { items: collection.value, next: 0, active: 0, completed: 0 };
    if (definition.outputCollection) setLocal(instance.variables, body.key, { [definition.outputCollection]: collection.value.map(() => null) });
    this.touch(instance);
    if (collection.value.length === 0) return this.completeBody(instance, body, node);
    const parallel = definition.sequential ? 1 : collection.value.length;
    for (let i = 0; i < parallel; i++) this.startIteration(instance, body, node);
  }

  private startIteration(instance: ProcessInstance, body: ElementInstance, node: FlowNode): void {
    const state = body.multiInstance;
    if (!state || state.next >= state.items.length) return;
    const index = state.next++;
    state.active++;
    const inner: ElementInstance = { key: this.keys.next(), elementId: node.id, timerKeys: [], parentKey: body.key, loopIndex: index };
    instance.elements[inner.key] = inner;
    this.owners.set(inner.key, instance.key);
    const locals: JsonObject = { loopCounter: index + 1 };
    if (node.multiInstance?.inputElement) locals[node.multiInstance.inputElement] = state.items[index] ?? null;
    instance.variables[inner.key] = locals;
    this.touch(instance);
    this.agenda.push(() => this.enter(instance, inner, node));
  }

  private completeIteration(instance: ProcessInstance, inner: ElementInstance, node: FlowNode): void {
    const body = inner.parentKey === undefined ? undefined : instance.elements[inner.parentKey];
    const definition = node.multiInstance;
    const state = body?.multiInstance;
    if (!body || !definition || !state) return this.leave(instance, inner);
    if (definition.outputCollection && definition.outputElement) {
      const value = evaluateExpression(definition.outputElement, visibleVariables(instance.variables, this.chain(instance, inner)));
      if (!value.ok) return this.incident(instance, inner, 'EXTRACT_VALUE_ERROR', value.message, 'complete');
      const output = instance.variables[body.key]?.[definition.outputCollection];
      const list = Array.isArray(output) ? [...output] : state.items.map(() => null);
      list[inner.loopIndex ?? 0] = value.value;
      setLocal(instance.variables, body.key, { [definition.outputCollection]: list });
    }
    this.leave(instance, inner);
    state.active--;
    state.completed++;
    let done = state.completed >= state.items.length;
    if (!done && definition.completionCondition) {
      const context = {
        ...visibleVariables(instance.variables, [body.key, instance.key]),
        numberOfInstances: state.items.length, numberOfActiveInstances: state.active,
        numberOfCompletedInstances: state.completed, numberOfTerminatedInstances: 0,
      };
      const condition = evaluateExpression(definition.completionCondition, context);
      if (!condition.ok || typeof condition.value !== 'boolean') {
        return this.incident(instance, body, 'EXTRACT_VALUE_ERROR', condition.ok ? `Expected result of the expression '${definition.completionCondition}' to be 'BOOLEAN', but was '${condition.value === null ? 'NULL' : typeof condition.value}'.` : condition.message, 'complete');
      }
      done = condition.value;
    }
    if (done) return this.completeBody(instance, body, node);
    if (definition.sequential) this.startIteration(instance, body, node);
  }

  /**
   * Completes a multi-instance body: ends remaining iterations (waiting for those that are
   * terminating), merges the output collection.
   */
  private completeBody(instance: ProcessInstance, body: ElementInstance, node: FlowNode): void {
    let waiting = false;
    for (const inner of this.childrenOf(instance, body.key)) if (!this.terminateElement(instance, inner)) waiting = true;
    if (waiting) {
      body.completeAfterTermination = true;
      this.touch(instance);
      return;
    }
    delete body.completeAfterTermination;
    const outputName = node.multiInstance?.outputCollection;
    if (outputName) propagate(instance.variables, this.flowChain(instance, body), { [outputName]: instance.variables[body.key]?.[outputName] ?? [] });
    this.leave(instance, body);
    const parentKey = body.parentKey;
    for (const flow of node.outgoing) this.agenda.push(() => this.activate(instance, flow.targetId, flow, parentKey));
    if (node.outgoing.length === 0) this.agenda.push(() => this.maybeCompleteScope(instance, parentKey));
  }

  /** Completes a subprocess (or the process) once nothing is left running inside it. */
  private maybeCompleteScope(instance: ProcessInstance, scopeKey: string | undefined): void {
    if (scopeKey === undefined) return this.maybeCompleteInstance(instance);
    const scope = instance.elements[scopeKey];
    if (!scope || scope.multiInstance || scope.incidentKey || scope.terminating || scope.interruptedBy) return;
    if (this.childrenOf(instance, scopeKey).length > 0) return;
    if (Object.keys(instance.joins).some((joinKey) => joinKey.startsWith(`${scopeKey}:`))) return;
    this.complete(instance, scope);
  }

  private maybeCompleteInstance(instance: ProcessInstance): void {
    if (instance.state !== 'ACTIVE' || instance.interruptedBy) return;
    if (Object.keys(instance.elements).length > 0 || Object.keys(instance.joins).length > 0) return;
    this.finishInstance(instance, 'COMPLETED');
  }

  /** Removes an element instance and everything it waited on (normal completion). */
  private leave(instance: ProcessInstance, element: ElementInstance, intent: 'ELEMENT_COMPLETED' | 'ELEMENT_TERMINATED' = 'ELEMENT_COMPLETED'): void {
    if (instance.elements[element.key]) this.recordElement(instance, element, intent);
    this.stopWaiting(instance, element);
    if (element.userTaskKey) {
      const task = instance.userTasks[element.userTaskKey];
      if (task && task.state === 'CREATED') {
        task.state = 'COMPLETED';
        task.completionDate = new Date(this.now()).toISOString();
      }
    }
    delete instance.variables[element.key];
    delete instance.elements[element.key];
    this.owners.delete(element.key);
    this.touch(instance);
  }

  /** Drops what an element instance waits on: its job, subscriptions (its own and its boundary events'), timers and incident. */
  private stopWaiting(instance: ProcessInstance, element: ElementInstance): void {
    if (element.jobKey) {
      const job = instance.jobs[element.jobKey];
      if (job) this.removeJob(instance, job);
      delete element.jobKey;
    }
    if (element.subscriptionKey) this.removeSubscription(instance, element.subscriptionKey);
    for (const key of element.boundarySubscriptionKeys ?? []) this.removeSubscription(instance, key);
    for (const timerKey of element.timerKeys) {
      delete instance.timers[timerKey];
      this.owners.delete(timerKey);
    }
    element.timerKeys = [];
    if (element.incidentKey) {
      delete instance.incidents[element.incidentKey];
      this.owners.delete(element.incidentKey);
      delete element.incidentKey;
    }
    this.touch(instance);
  }

  /** Whether an element instance exists and is not being terminated. */
  private isActive(instance: ProcessInstance, element: ElementInstance | undefined): element is ElementInstance {
    return element !== undefined && instance.elements[element.key] === element && !element.terminating;
  }

  /**
   * Terminates an element instance and everything inside it. Returns true when it is gone;
   * false when it waits (https://docs.camunda.io/docs/components/concepts/user-task-listeners/):
   * a user task with `canceling` listeners stays until their jobs have completed, and a scope
   * (subprocess, multi-instance body, call activity) until its waiting children are gone. The
   * element stops reacting at once (no job, timer, subscription or incident is left), and
   * `finishTermination` ends it later.
   */
  private terminateElement(instance: ProcessInstance, element: ElementInstance): boolean {
    if (!instance.elements[element.key]) return true;
    if (element.terminating) return false;
    let waiting = false;
    for (const child of this.childrenOf(instance, element.key)) if (!this.terminateElement(instance, child)) waiting = true;
    if (element.childInstanceKey) {
      const called = this.instances.get(element.childInstanceKey);
      if (called && !this.terminateInstance(called)) waiting = true;
      else delete element.childInstanceKey;
    }
    for (const joinKey of Object.keys(instance.joins)) if (joinKey.startsWith(`${element.key}:`)) delete instance.joins[joinKey];
    const task = element.userTaskKey ? instance.userTasks[element.userTaskKey] : undefined;
    const cancelingListeners = task && task.state !== 'COMPLETED' && task.state !== 'CANCELED' && this.listenersOf(instance, task, 'canceling').length > 0;
    if (!waiting && !cancelingListeners) {
      if (task && task.state !== 'COMPLETED') task.state = 'CANCELED';
      delete task?.pending;
      this.leave(instance, element, 'ELEMENT_TERMINATED');
      return true;
    }
    element.terminating = true;
    delete element.interruptedBy;
    delete element.completeAfterTermination;
    this.stopWaiting(instance, element);
    this.touch(instance);
    // A pending transition (creating, assigning, …) is dropped with its listener job; the canceling listeners run one after another.
    if (task && cancelingListeners) this.beginTransition(instance, task, { event: 'canceling', listenerIndex: 0 });
    return false;
  }

  /** A terminating element has nothing left to wait for: it ends, and its flow scope is told. */
  private finishTermination(instance: ProcessInstance, element: ElementInstance): void {
    if (!instance.elements[element.key]) return;
    const scopeKey = element.parentKey;
    const after = element.afterTermination;
    this.leave(instance, element, 'ELEMENT_TERMINATED');
    // An interrupting boundary event continues only if its flow scope goes on (Zeebe checks the same).
    const scope = scopeKey === undefined ? undefined : instance.elements[scopeKey];
    const scopeGoesOn = instance.state === 'ACTIVE' && (scopeKey === undefined ? !instance.interruptedBy : this.isActive(instance, scope) && !scope?.interruptedBy);
    if (after && scopeGoesOn) this.activateBoundary(instance, scopeKey, after.boundaryId, after.variables);
    this.childTerminatedIn(instance, scopeKey);
  }

  /** A child of the scope (an element instance, or the process when undefined) finished terminating late. */
  private childTerminatedIn(instance: ProcessInstance, scopeKey: string | undefined): void {
    if (this.instances.get(instance.key) !== instance) return;
    if (scopeKey === undefined) {
      if (Object.keys(instance.elements).length > 0) return;
      if (instance.state === 'TERMINATING') this.finishInstance(instance, 'TERMINATED'); else if (instance.interruptedBy) {
        const { startId, variables } = instance.interruptedBy;
        delete instance.interruptedBy;
        this.startEventSubProcess(instance, undefined, this.node(instance, startId), variables);
      } else this.agenda.push(() => this.maybeCompleteInstance(instance));
      return;
    }
    const scope = instance.elements[scopeKey];
    if (!scope || this.childrenOf(instance, scopeKey).length > 0) return;
    if (scope.terminating) {
      if (!scope.childInstanceKey) this.finishTermination(instance, scope);
    } else if (scope.interruptedBy) {
      const { startId, variables } = scope.interruptedBy;
      delete scope.interruptedBy;
      this.startEventSubProcess(instance, scope, this.node(instance, startId), variables);
    } else if (scope.completeAfterTermination) {
      this.completeBody(instance, scope, this.node(instance, scope.elementId));
    } else this.agenda.push(() => this.maybeCompleteScope(instance, scopeKey));
  }

  /** A called instance finished terminating late: its call activity, terminating too, may end now. */
  private childTerminated(child: ProcessInstance): void {
    const parent = child.parent ? this.instances.get(child.parent.instanceKey) : undefined;
    const element = parent && child.parent ? parent.elements[child.parent.elementInstanceKey] : undefined;
    if (!parent || !element || !element.terminating || element.childInstanceKey !== child.key) return;
    delete element.childInstanceKey;
    this.touch(parent);
    if (this.childrenOf(parent, element.key).length === 0) this.finishTermination(parent, element);
  }

  private removeJob(instance: ProcessInstance, job: Job): void {
    delete instance.jobs[job.key];
    this.owners.delete(job.key);
    this.jobsByType.get(job.type)?.delete(job.key);
    this.touch(instance);
  }

  /** Call activity: starts the latest version of the called process as a child instance. */
  private callProcess(instance: ProcessInstance, element: ElementInstance, node: FlowNode): void {
    const called = node.calledElement;
    if (!called) return this.complete(instance, element);
    const processId = this.evaluate(instance, element, called.processId);
    if (!processId.ok || typeof processId.value !== 'string') {
      return this.incident(instance, element, 'EXTRACT_VALUE_ERROR', processId.ok ? `Expected the called process id of '${node.id}' to be a string` : processId.message, 'activate');
    }
    const id = processId.value;
    const versions = this.versions.get(id) ?? [];
    const callerDeployment = this.definitions.get(instance.processDefinitionKey)?.deploymentKey;
    // Binding types: https://docs.camunda.io/docs/components/best-practices/modeling/choosing-the-resource-binding-type/
    const definition = called.bindingType === 'deployment'
      ? versions.find((d) => d.deploymentKey === callerDeployment)
      : called.bindingType === 'versionTag'
        ? [...versions].reverse().find((d) => d.model.versionTag === called.versionTag)
        : this.latest(id);
    if (!definition) {
      const reason = called.bindingType === 'deployment'
        ? `Expected to call process with BPMN process id '${id}' with binding type 'deployment', but no such process found in the deployment with key ${callerDeployment ?? '?'} which contained the current process.`
        : called.bindingType === 'versionTag'
          ? `Expected to call process with BPMN process id '${id}' and version tag '${called.versionTag ?? ''}', but no such process found.`
          : `Expected process with BPMN process id '${id}' to be deployed, but not found.`;
      return this.incident(instance, element, 'CALLED_ELEMENT_ERROR', reason, 'activate');
    }
    const startId = definition.model.noneStartEventId;
    if (!startId) return this.incident(instance, element, 'CALLED_ELEMENT_ERROR', `Expected process with BPMN process id '${processId.value}' to have a none start event, but not found.`, 'activate');
    const variables = called.propagateAllParentVariables
      ? visibleVariables(instance.variables, this.chain(instance, element))
      : { ...(instance.variables[element.key] ?? {}) };
    const child = this.newInstance(definition, variables);
    child.parent = { instanceKey: instance.key, elementInstanceKey: element.key };
    element.childInstanceKey = child.key;
    this.touch(instance);
    this.agenda.push(() => this.activate(child, startId));
  }

  /** A called child instance completed: its call activity completes with its variables. */
  private childCompleted(child: ProcessInstance, variables: JsonObject): void {
    const parent = child.parent ? this.instances.get(child.parent.instanceKey) : undefined;
    const element = parent && child.parent ? parent.elements[child.parent.elementInstanceKey] : undefined;
    if (!parent || !element || element.childInstanceKey !== child.key) return;
    delete element.childInstanceKey;
    const node = this.node(parent, element.elementId);
    const propagate = node.calledElement?.propagateAllChildVariables !== false || node.outputs.length > 0;
    this.agenda.push(() => this.complete(parent, element, propagate ? variables : {}));
  }

  /** Event-based gateway: waits for the first of the events after it. */
  private openGatewayEvents(instance: ProcessInstance, gateway: ElementInstance, node: FlowNode): void {
    for (const flow of node.outgoing) {
      const event = this.node(instance, flow.targetId);
      if (event.timer) {
        const due = this.timerDue(instance, gateway, event);
        if (typeof due === 'string') return this.incident(instance, gateway, 'EXTRACT_VALUE_ERROR', due, 'activate');
        this.addTimer(instance, gateway, event.id, due.at);
      } else {
        const problem = this.openSubscription(instance, gateway, event);
        if (problem) return this.incident(instance, gateway, 'EXTRACT_VALUE_ERROR', problem, 'activate');
      }
    }
  }

  /** The first event after an event-based gateway occurred: the others are dropped. */
  private passGateway(instance: ProcessInstance, gateway: ElementInstance, eventId: string, variables?: JsonObject): void {
    this.leave(instance, gateway);
    const event: ElementInstance = { key: this.keys.next(), elementId: eventId, timerKeys: [] };
    if (gateway.parentKey !== undefined) event.parentKey = gateway.parentKey;
    instance.elements[event.key] = event;
    this.owners.set(event.key, instance.key);
    this.touch(instance);
    this.agenda.push(() => this.complete(instance, event, variables));
  }

  /** A non-interrupting boundary event: a new token leaves the boundary event; the host goes on. */
  private spawnBoundary(instance: ProcessInstance, host: ElementInstance, boundaryId: string, variables?: JsonObject): void {
    const boundary: ElementInstance = { key: this.keys.next(), elementId: boundaryId, timerKeys: [] };
    if (host.parentKey !== undefined) boundary.parentKey = host.parentKey;
    instance.elements[boundary.key] = boundary;
    this.owners.set(boundary.key, instance.key);
    this.touch(instance);
    this.agenda.push(() => this.complete(instance, boundary, variables));
  }

  /**
   * Interrupts the host activity and continues at the boundary event, once the host is gone
   * (it may wait for canceling task listeners).
   */
  private triggerBoundary(instance: ProcessInstance, host: ElementInstance, boundaryId: string, variables?: JsonObject): void {
    if (!this.isActive(instance, host)) return;
    if (this.terminateElement(instance, host)) return this.activateBoundary(instance, host.parentKey, boundaryId, variables);
    host.afterTermination = { boundaryId, ...(variables === undefined ? {} : { variables }) };
    this.touch(instance);
  }

  private activateBoundary(instance: ProcessInstance, scopeKey: string | undefined, boundaryId: string, variables?: JsonObject): void {
    const boundary: ElementInstance = { key: this.keys.next(), elementId: boundaryId, timerKeys: [] };
    if (scopeKey !== undefined) boundary.parentKey = scopeKey;
    instance.elements[boundary.key] = boundary;
    this.owners.set(boundary.key, instance.key);
    this.touch(instance);
    this.agenda.push(() => this.complete(instance, boundary, variables));
  }

  // ---------------------------------------------------------------- jobs

  private ownerOf(key: string): ProcessInstance | undefined {
    const owner = this.owners.get(key);
    return owner === undefined ? undefined : this.instances.get(owner);
  }

  private findJob(key: string, intent: string, verb: string): { instance: ProcessInstance; job: Job } {
    const instance = this.ownerOf(key);
    const job = instance?.jobs[key];
    if (!instance || !job) throw new EngineRejectionError('NOT_FOUND', intent, `Expected to ${verb} job with key '${key}', but no such job was found`);
    return { instance, job };
  }

  private isActivatable(job: Job, now: number): boolean {
    if (job.state === 'ACTIVATABLE') return job.backoffUntil === undefined || job.backoffUntil <= now;
    return job.state === 'ACTIVATED' && job.deadline !== undefined && job.deadline <= now;
  }

  hasActivatableJobs(type: string): boolean {
    const now = this.now();
    for (const key of this.jobsByType.get(type) ?? []) {
      const job = this.ownerOf(key)?.jobs[key];
      if (job && this.isActivatable(job, now)) return true;
    }
    return false;
  }

  activateJobs(request: { type: string; worker: string; timeout: number; maxJobsToActivate: number; fetchVariables: string[] }): ActivatedJob[] {
    const now = this.now();
    const activated: ActivatedJob[] = [];
    for (const key of this.jobsByType.get(request.type) ?? []) {
      if (activated.length >= request.maxJobsToActivate) break;
      const instance = this.ownerOf(key);
      const job = instance?.jobs[key];
      if (!instance || !job || !this.isActivatable(job, now)) continue;
      job.state = 'ACTIVATED';
      job.worker = request.worker;
      job.deadline = now + request.timeout;
      delete job.backoffUntil;
      this.changes.dueTimes.push(job.deadline);
      this.touch(instance);
      const element = instance.elements[job.elementInstanceKey];
      activated.push({
        key: job.key, type: job.type, processInstanceKey: instance.key, bpmnProcessId: instance.bpmnProcessId,
        processDefinitionVersion: instance.version, processDefinitionKey: instance.processDefinitionKey,
        elementId: job.elementId, elementInstanceKey: job.elementInstanceKey, customHeaders: job.customHeaders,
        worker: request.worker, retries: job.retries, deadline: job.deadline, tenantId: instance.tenantId,
        variables: pick(visibleVariables(instance.variables, this.chain(instance, element)), request.fetchVariables),
      });
    }
    return activated;
  }

  completeJob(key: string, variables: JsonObject): void {
    const { instance, job } = this.findJob(key, 'COMPLETE', 'complete');
    if (job.state !== 'ACTIVATED' && job.state !== 'ACTIVATABLE') {
      throw new EngineRejectionError('INVALID_STATE', 'COMPLETE', `Expected to complete job with key '${key}', but it is in state '${job.state === 'FAILED' ? 'FAILED' : 'ERROR_THROWN'}'`);
    }
    const element = instance.elements[job.elementInstanceKey];
    if (job.listenerOf !== undefined && Object.keys(variables).length > 0) {
      throw new EngineRejectionError('INVALID_ARGUMENT', 'COMPLETE', `Expected to complete task listener job with key '${key}' without variables, but variables were given`);
    }
    this.removeJob(instance, job);
    this.record(instance, 'JOB', 'COMPLETED', job.key, { type: job.type, retries: job.retries }, { key: job.elementInstanceKey, elementId: job.elementId });
    if (element) {
      delete element.jobKey;
      const task = job.listenerOf === undefined ? undefined : instance.userTasks[job.listenerOf];
      if (task) this.listenerCompleted(instance, task);
      else this.complete(instance, element, variables);
    }
    this.run();
  }

  failJob(key: string, retries: number, errorMessage: string, retryBackOff: number, variables: JsonObject): void {
    const { instance, job } = this.findJob(key, 'FAIL', 'fail');
    if (job.state !== 'ACTIVATED' && job.state !== 'ACTIVATABLE') {
      throw new EngineRejectionError('INVALID_STATE', 'FAIL', `Expected to fail job with key '${key}', but it is in state '${job.state}'`);
    }
    const element = instance.elements[job.elementInstanceKey];
    if (element && Object.keys(variables).length > 0) setLocal(instance.variables, element.key, variables);
    job.retries = retries;
    job.errorMessage = errorMessage;
    delete job.deadline;
    delete job.worker;
    this.record(instance, 'JOB', 'FAILED', job.key, { type: job.type, retries, errorMessage }, { key: job.elementInstanceKey, elementId: job.elementId });
    if (retries > 0) {
      job.state = 'ACTIVATABLE';
      if (retryBackOff > 0) {
        job.backoffUntil = this.now() + retryBackOff;
        this.changes.dueTimes.push(job.backoffUntil);
      } else this.changes.availableJobTypes.add(job.type);
    } else {
      job.state = 'FAILED';
      if (element) this.incident(instance, element, 'JOB_NO_RETRIES', errorMessage || 'No more retries left.', 'job', job.key);
    }
    this.touch(instance);
  }

  throwError(key: string, errorCode: string, errorMessage: string, variables: JsonObject): void {
    const { instance, job } = this.findJob(key, 'THROW_ERROR', 'throw an error for');
    if (job.state !== 'ACTIVATED' && job.state !== 'ACTIVATABLE') {
      throw new EngineRejectionError('INVALID_STATE', 'THROW_ERROR', `Expected to throw an error for job with key '${key}', but it is in state '${job.state}'`);
    }
    if (job.listenerOf !== undefined) {
      throw new EngineRejectionError('INVALID_STATE', 'THROW_ERROR', `Cannot throw BPMN error from TASK_LISTENER job with key '${key}', type '${job.type}' and processInstanceKey '${instance.key}'`);
    }
    const element = instance.elements[job.elementInstanceKey];
    if (!element) return;
    this.record(instance, 'JOB', 'ERROR_THROWN', job.key, { type: job.type, errorCode, errorMessage }, { key: job.elementInstanceKey, elementId: job.elementId });
    if (this.catchError(instance, element, errorCode, variables, errorMessage)) {
      this.run();
      return;
    }
    job.state = 'ERROR_THROWN';
    job.errorMessage = errorMessage;
    delete job.deadline;
    this.incident(instance, element, 'UNHANDLED_ERROR_EVENT',
      `Expected to throw an error event with the code '${errorCode}' with message '${errorMessage}', but it was not caught. No error events are available in the scope.`, 'job', job.key);
  }

  /**
   * Looks for an error boundary event catching `errorCode`, from the element outwards through
   * its enclosing subprocesses; triggers it and returns true when found.
   */
  private catchError(instance: ProcessInstance, element: ElementInstance, errorCode: string, variables: JsonObject, errorMessage = ''): boolean {
    const withError = (catcher: FlowNode): JsonObject => ({
      ...variables,
      ...(catcher.errorCodeVariable === undefined ? {} : { [catcher.errorCodeVariable]: errorCode }),
      ...(catcher.errorMessageVariable === undefined ? {} : { [catcher.errorMessageVariable]: errorMessage }),
    });
    for (let host: ElementInstance | undefined = element; host;) {
      if (!this.isIteration(host)) { // boundary events of an iteration belong to the multi-instance body
        const boundaries = this.node(instance, host.elementId).boundaryEventIds.map((id) => this.node(instance, id)).filter((b) => !b.timer && !b.message && !b.signal && !b.escalationCatch);
        const catcher = boundaries.find((b) => b.errorCode === errorCode) ?? boundaries.find((b) => b.errorCode === undefined);
        if (catcher) {
          this.triggerBoundary(instance, host, catcher.id, withError(catcher));
          return true;
        }
      }
      // Then the error event subprocesses of the enclosing scope.
      const scope: ElementInstance | undefined = host.parentKey === undefined ? undefined : instance.elements[host.parentKey];
      const starts = this.eventSubProcessStarts(instance, scope).filter((start) => start.errorStart);
      const start = starts.find((s) => s.errorCode === errorCode) ?? starts.find((s) => s.errorCode === undefined);
      if (start) {
        this.triggerEventSubProcess(instance, scope, start, withError(start));
        return true;
      }
      host = scope;
    }
    // Uncaught in this instance: the call activity that called it is the next catcher.
    const caller = this.callerOf(instance);
    return caller ? this.catchError(caller.instance, caller.element, errorCode, variables, errorMessage) : false;
  }

  /** The parent instance and its call activity element that started `instance`, if any. */
  private callerOf(instance: ProcessInstance): { instance: ProcessInstance; element: ElementInstance } | undefined {
    const parent = instance.parent ? this.instances.get(instance.parent.instanceKey) : undefined;
    const element = parent && instance.parent ? parent.elements[instance.parent.elementInstanceKey] : undefined;
    return parent && element && element.childInstanceKey === instance.key ? { instance: parent, element } : undefined;
  }

  /**
   * An escalation: the nearest catcher in an enclosing scope (boundary event of the subprocess,
   * or an escalation event subprocess) is triggered. Returns true when an interrupting catcher
   * ended the thrower's scope; otherwise the thrower goes on (an uncaught escalation is ignored).
   */
  private throwEscalation(instance: ProcessInstance, element: ElementInstance, code: string, thrown?: JsonObject): boolean {
    const variables = thrown ?? instance.variables[element.key] ?? {};
    for (let scope: ElementInstance | undefined = element.parentKey === undefined ? undefined : instance.elements[element.parentKey]; ;) {
      const starts = this.eventSubProcessStarts(instance, scope).filter((s) => s.escalationCatch);
      const start = starts.find((s) => s.escalationCatch?.code === code) ?? starts.find((s) => s.escalationCatch?.code === undefined);
      if (start) {
        this.triggerEventSubProcess(instance, scope, start, variables);
        return start.cancelActivity !== false;
      }
      if (!scope) {
        // Uncaught in this instance: the calling call activity's boundary events, then its scopes.
        const caller = this.callerOf(instance);
        if (!caller) return false;
        const boundaries = this.node(caller.instance, caller.element.elementId).boundaryEventIds.map((id) => this.node(caller.instance, id)).filter((b) => b.escalationCatch);
        const catcher = boundaries.find((b) => b.escalationCatch?.code === code) ?? boundaries.find((b) => b.escalationCatch?.code === undefined);
        if (catcher && !this.isIteration(caller.element)) {
          if (catcher.cancelActivity !== false) {
            this.triggerBoundary(caller.instance, caller.element, catcher.id, variables);
            return true;
          }
          this.spawnBoundary(caller.instance, caller.element, catcher.id, variables);
          return false;
        }
        return this.throwEscalation(caller.instance, caller.element, code, variables);
      }
      if (!this.isIteration(scope)) {
        const boundaries = this.node(instance, scope.elementId).boundaryEventIds.map((id) => this.node(instance, id)).filter((b) => b.escalationCatch);
        const catcher = boundaries.find((b) => b.escalationCatch?.code === code) ?? boundaries.find((b) => b.escalationCatch?.code === undefined);
        if (catcher) {
          if (catcher.cancelActivity !== false) {
            this.triggerBoundary(instance, scope, catcher.id, variables);
            return true;
          }
          this.spawnBoundary(instance, scope, catcher.id, variables);
          return false;
        }
      }
      scope = scope.parentKey === undefined ? undefined : instance.elements[scope.parentKey];
    }
  }

  // ---------------------------------------------------------------- event subprocesses

  /** The start events of the event subprocesses of a scope (a subprocess, or the process when undefined). */
  private eventSubProcessStarts(instance: ProcessInstance, scope: ElementInstance | undefined): FlowNode[] {
    const ids = scope ? this.node(instance, scope.elementId).eventSubProcessIds ?? [] : this.model(instance).eventSubProcessIds;
    return ids.flatMap((id) => {
      const startId = this.node(instance, id).startEventId;
      return startId ? [this.node(instance, startId)] : [];
    });
  }

  /** Opens the timers and subscriptions of a scope's event subprocesses; returns a problem if one fails. */
  private openEventSubProcesses(instance: ProcessInstance, scope: ElementInstance | undefined): string | undefined {
    for (const start of this.eventSubProcessStarts(instance, scope)) {
      if (start.timer) {
        const due = this.timerDue(instance, scope, start);
        if (typeof due === 'string') return due;
        this.addTimer(instance, scope, start.id, due.at, due.cycle);
      } else if (start.message || start.signal) {
        const problem = this.openSubscription(instance, scope, start);
        if (problem) return problem;
      }
    }
    return undefined;
  }

  /** Removes the timers and subscriptions owned by the process instance itself. */
  private closeProcessEventTriggers(instance: ProcessInstance): void {
    for (const subscription of Object.values(instance.subscriptions)) if (subscription.elementInstanceKey === instance.key) this.removeSubscription(instance, subscription.key);
    for (const timer of Object.values(instance.timers)) {
      if (timer.elementInstanceKey !== instance.key) continue;
      delete instance.timers[timer.key];
      this.owners.delete(timer.key);
    }
  }

  /** Starts an event subprocess in `scope`; an interrupting one first ends everything else there. */
  private triggerEventSubProcess(instance: ProcessInstance, scope: ElementInstance | undefined, start: FlowNode, variables?: JsonObject): void {
    if (start.parentId === undefined || instance.state !== 'ACTIVE' || (scope && !this.isActive(instance, scope)) || (scope ?? instance).interruptedBy) return;
    if (start.cancelActivity !== false) {
      const ownerKey = scope?.key ?? instance.key;
      const startIds = new Set(this.eventSubProcessStarts(instance, scope).map((s) => s.id));
      let waiting = false;
      for (const child of Object.values(instance.elements)) if (child.parentKey === scope?.key && !this.terminateElement(instance, child)) waiting = true;
      for (const joinKey of Object.keys(instance.joins)) if (joinKey.startsWith(`${ownerKey}:`)) delete instance.joins[joinKey];
      for (const subscription of Object.values(instance.subscriptions)) {
        if (subscription.elementInstanceKey === ownerKey && startIds.has(subscription.elementId)) this.removeSubscription(instance, subscription.key);
      }
      for (const timer of Object.values(instance.timers)) {
        if (timer.elementInstanceKey === ownerKey && startIds.has(timer.elementId)) {
          delete instance.timers[timer.key];
          this.owners.delete(timer.key);
          if (scope) scope.timerKeys = scope.timerKeys.filter((k) => k !== timer.key);
        }
      }
      if (waiting) {
        // It starts once the terminated elements are gone (they wait for canceling task listeners).
        (scope ?? instance).interruptedBy = { startId: start.id, ...(variables === undefined ? {} : { variables }) };
        this.touch(instance);
        return;
      }
    }
    this.startEventSubProcess(instance, scope, start, variables);
  }

  private startEventSubProcess(instance: ProcessInstance, scope: ElementInstance | undefined, start: FlowNode, variables?: JsonObject): void {
    const eventSubId = start.parentId;
    if (eventSubId === undefined) return;
    const eventSub: ElementInstance = { key: this.keys.next(), elementId: eventSubId, timerKeys: [] };
    if (scope) eventSub.parentKey = scope.key;
    instance.elements[eventSub.key] = eventSub;
    this.owners.set(eventSub.key, instance.key);
    const startElement: ElementInstance = { key: this.keys.next(), elementId: start.id, timerKeys: [], parentKey: eventSub.key };
    instance.elements[startElement.key] = startElement;
    this.owners.set(startElement.key, instance.key);
    this.touch(instance);
    this.agenda.push(() => this.complete(instance, startElement, variables));
  }

  /** An error end event: caught by an enclosing subprocess's boundary event, else an incident. */
  private throwErrorEvent(instance: ProcessInstance, element: ElementInstance, errorCode: string, message: string, variables: JsonObject): void {
    if (this.catchError(instance, element, errorCode, variables, message)) return;
    this.incident(instance, element, 'UNHANDLED_ERROR_EVENT', `Expected to throw an error event with the code '${errorCode}'${message ? ` with message '${message}'` : ''}, but it was not caught. No error events are available in the scope.`, 'activate');
  }

  updateJobRetries(key: string, retries: number): void {
    const { instance, job } = this.findJob(key, 'UPDATE_RETRIES', 'update retries of');
    if (retries < 1) throw new EngineRejectionError('INVALID_ARGUMENT', 'UPDATE_RETRIES', `Expected job's retries to be greater than zero, but it was '${retries}'`);
    job.retries = retries;
    this.touch(instance);
  }

  updateJobTimeout(key: string, timeout: number): void {
    const { instance, job } = this.findJob(key, 'UPDATE_TIMEOUT', 'update the timeout of');
    if (job.state !== 'ACTIVATED') throw new EngineRejectionError('NOT_FOUND', 'UPDATE_TIMEOUT', `Expected to update the timeout of job with key '${key}', but it is not active`);
    job.deadline = this.now() + timeout;
    this.changes.dueTimes.push(job.deadline);
    this.touch(instance);
  }

  // ---------------------------------------------------------------- incidents and variables

  resolveIncident(key: string): void {
    const instance = this.ownerOf(key);
    const incident = instance?.incidents[key];
    if (!instance || !incident) throw new EngineRejectionError('NOT_FOUND', 'RESOLVE', `Expected to resolve incident with key '${key}', but no such incident was found`);
    const element = instance.elements[incident.elementInstanceKey];
    if (incident.retry === 'job') {
      const job = incident.jobKey ? instance.jobs[incident.jobKey] : undefined;
      if (job && job.retries <= 0) {
        throw new EngineRejectionError('INVALID_STATE', 'RESOLVE', `Expected to resolve incident with key '${key}', but job with key '${job.key}' has no retries left; update the job's retries first`);
      }
      if (job) {
        job.state = 'ACTIVATABLE';
        delete job.backoffUntil;
        this.changes.availableJobTypes.add(job.type);
      }
    }
    delete instance.incidents[key];
    this.owners.delete(key);
    if (element) delete element.incidentKey;
    this.record(instance, 'INCIDENT', 'RESOLVED', key, { errorType: incident.type, errorMessage: incident.message }, { key: incident.elementInstanceKey, elementId: incident.elementId });
    this.touch(instance);
    if (!element) return;
    if (incident.retry === 'activate') {
      for (const timerKey of element.timerKeys) delete instance.timers[timerKey];
      element.timerKeys = [];
      for (const subscriptionKey of element.boundarySubscriptionKeys ?? []) this.removeSubscription(instance, subscriptionKey);
      this.enter(instance, element, this.node(instance, element.elementId));
    } else if (incident.retry === 'listener') {
      // A listener expression failed: the whole transition runs again, from its first listener (as in Zeebe).
      const task = element.userTaskKey ? instance.userTasks[element.userTaskKey] : undefined;
      if (task?.pending) task.pending.listenerIndex = 0;
      if (task) this.createListenerJob(instance, task);
    } else if (incident.retry === 'complete') {
      this.complete(instance, element);
    }
    this.run();
  }

  setVariables(scopeKey: string, variables: JsonObject, local: boolean): string {
    const instance = this.instances.get(scopeKey) ?? this.ownerOf(scopeKey);
    const element = instance?.elements[scopeKey];
    if (!instance || (instance.key !== scopeKey && !element)) {
      throw new EngineRejectionError('NOT_FOUND', 'UPDATE', `Expected to update variables for element with key '${scopeKey}', but no such element was found`);
    }
    if (local) setLocal(instance.variables, scopeKey, variables);
    else propagate(instance.variables, this.chain(instance, element), variables);
    this.touch(instance);
    return this.keys.next();
  }

  // ---------------------------------------------------------------- messages and timers

  /** Publishes a message; returns its key and the instances it started or was correlated to. */
  publishMessage(request: { name: string; correlationKey: string; timeToLive: number; messageId: string; variables: JsonObject; tenantId: string }): { key: string; processInstanceKeys: string[] } {
    const now = this.now();
    if (request.messageId !== '') {
      for (const message of this.messages.values()) {
        if (message.messageId === request.messageId && message.name === request.name && message.correlationKey === request.correlationKey && message.expiresAt > now) {
          throw new EngineRejectionError('ALREADY_EXISTS', 'PUBLISH', `Expected to publish a new message with id '${request.messageId}', but a message with that id was already published`);
        }
      }
    }
    const key = this.keys.next();
    const correlated = new Set<string>();
    const processInstanceKeys: string[] = [];
    // Message start events of the latest versions.
    for (const [bpmnProcessId] of this.versions) {
      const definition = this.latest(bpmnProcessId);
      const start = definition?.model.messageStartEvents.find((s) => s.messageName === request.name);
      if (!definition || !start) continue;
      if (request.correlationKey !== '' && [...this.instances.values()].some((i) => i.bpmnProcessId === bpmnProcessId && i.startMessage?.correlationKey === request.correlationKey && i.startMessage.name === request.name)) continue;
      const instance = this.newInstance(definition, {});
      if (request.correlationKey !== '') instance.startMessage = { name: request.name, correlationKey: request.correlationKey };
      const element: ElementInstance = { key: this.keys.next(), elementId: start.elementId, timerKeys: [] };
      instance.elements[element.key] = element;
      this.owners.set(element.key, instance.key);
      this.agenda.push(() => this.complete(instance, element, request.variables));
      correlated.add(bpmnProcessId);
      processInstanceKeys.push(instance.key);
    }
    // Open subscriptions: at most one per process (BPMN process id), oldest first.
    const subscriptionKeys = [...this.subscriptionIndex(request.name, request.correlationKey)].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    for (const subscriptionKey of subscriptionKeys) {
      const instance = this.ownerOf(subscriptionKey);
      if (!instance || correlated.has(instance.bpmnProcessId)) continue;
      correlated.add(instance.bpmnProcessId);
      processInstanceKeys.push(instance.key);
      this.agenda.push(() => this.correlate(instance, subscriptionKey, request.variables));
    }
    if (request.timeToLive > 0) {
      const message: BufferedMessage = {
        key, name: request.name, correlationKey: request.correlationKey, expiresAt: now + request.timeToLive,
        variables: request.variables, tenantId: request.tenantId, correlatedProcessIds: [...correlated],
      };
      if (request.messageId !== '') message.messageId = request.messageId;
      this.messages.set(key, message);
      this.changes.dirtyMessages.add(key);
      this.changes.dueTimes.push(message.expiresAt);
    }
    this.run();
    return { key, processInstanceKeys };
  }

  /** BroadcastSignal: starts signal start events and triggers every open signal subscription. */
  broadcastSignal(name: string, variables: JsonObject): string {
    const key = this.keys.next();
    this.broadcast(name, variables);
    this.run();
    return key;
  }

  private broadcast(name: string, variables: JsonObject): void {
    for (const [bpmnProcessId] of this.versions) {
      const definition = this.latest(bpmnProcessId);
      for (const start of definition?.model.signalStartEvents ?? []) {
        if (!definition || start.signalName !== name) continue;
        const instance = this.newInstance(definition, {});
        const element: ElementInstance = { key: this.keys.next(), elementId: start.elementId, timerKeys: [] };
        instance.elements[element.key] = element;
        this.owners.set(element.key, instance.key);
        this.agenda.push(() => this.complete(instance, element, variables));
      }
    }
    const keys = [...this.subscriptionIndex(name, '', true)].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    for (const subscriptionKey of keys) {
      const instance = this.ownerOf(subscriptionKey);
      if (instance) this.agenda.push(() => this.correlate(instance, subscriptionKey, variables));
    }
  }

  /** Fires due timers, times out jobs, ends back-offs and drops expired messages. */
  processDue(): void {
    const now = this.now();
    this.fireStartTimers(now);
    for (const instance of [...this.instances.values()]) {
      for (const timer of Object.values(instance.timers)) {
        if (timer.dueDate > now || instance.state !== 'ACTIVE') continue;
        const element = instance.elements[timer.elementInstanceKey];
        delete instance.timers[timer.key];
        this.owners.delete(timer.key);
        this.touch(instance);
        if (element) element.timerKeys = element.timerKeys.filter((k) => k !== timer.key);
        const target = this.node(instance, timer.elementId);
        if (target.kind === 'startEvent') {
          // The timer start event of an event subprocess of the element (or of the process).
          this.agenda.push(() => {
            if (instance.state !== 'ACTIVE' || (element && !this.isActive(instance, element))) return;
            const cycle = timer.cycle ? parseCycle(timer.cycle.value) : undefined;
            if (timer.cycle && cycle && timer.cycle.repetitionsLeft !== 0) {
              const left = timer.cycle.repetitionsLeft < 0 ? -1 : timer.cycle.repetitionsLeft - 1;
              this.addTimer(instance, element, timer.elementId, dueInstant('cycle', timer.cycle.value, timer.dueDate) ?? timer.dueDate, { value: timer.cycle.value, repetitionsLeft: left });
            }
            this.triggerEventSubProcess(instance, element, target);
          });
          continue;
        }
        if (!element) continue;
        if (timer.elementId === element.elementId) {
          this.agenda.push(() => { if (this.isActive(instance, element)) this.complete(instance, element); });
        } else if (this.node(instance, element.elementId).kind === 'eventBasedGateway') {
          this.agenda.push(() => { if (this.isActive(instance, element)) this.passGateway(instance, element, timer.elementId); });
        } else if (this.node(instance, timer.elementId).cancelActivity !== false) {
          this.agenda.push(() => this.triggerBoundary(instance, element, timer.elementId));
        } else {
          this.agenda.push(() => {
            if (!this.isActive(instance, element)) return;
            this.spawnBoundary(instance, element, timer.elementId);
            const cycle = timer.cycle ? parseCycle(timer.cycle.value) : undefined;
            if (timer.cycle && cycle && timer.cycle.repetitionsLeft !== 0) {
              const left = timer.cycle.repetitionsLeft < 0 ? -1 : timer.cycle.repetitionsLeft - 1;
              this.addTimer(instance, element, timer.elementId, dueInstant('cycle', timer.cycle.value, timer.dueDate) ?? timer.dueDate, { value: timer.cycle.value, repetitionsLeft: left });
            }
          });
        }
      }
      for (const job of Object.values(instance.jobs)) {
        if (job.state === 'ACTIVATED' && job.deadline !== undefined && job.deadline <= now) {
          job.state = 'ACTIVATABLE';
          delete job.deadline;
          delete job.worker;
          this.changes.availableJobTypes.add(job.type);
          this.touch(instance);
        } else if (job.state === 'ACTIVATABLE' && job.backoffUntil !== undefined && job.backoffUntil <= now) {
          delete job.backoffUntil;
          this.changes.availableJobTypes.add(job.type);
          this.touch(instance);
        }
      }
    }
    for (const message of [...this.messages.values()]) {
      if (message.expiresAt <= now) {
        this.messages.delete(message.key);
        this.changes.dirtyMessages.delete(message.key);
        this.changes.deletedMessages.add(message.key);
      }
    }
    this.run();
  }

  // ---------------------------------------------------------------- queries

  private instanceView(instance: ProcessInstance): ProcessInstanceView {
    const view: ProcessInstanceView = {
      key: instance.key, bpmnProcessId: instance.bpmnProcessId, version: instance.version, processDefinitionKey: instance.processDefinitionKey,
      // A process instance waiting for canceling task listeners is still active (Camunda has no TERMINATING state in its API).
      state: instance.state === 'TERMINATING' ? 'ACTIVE' : instance.state, hasIncident: Object.keys(instance.incidents).length > 0, tenantId: instance.tenantId,
      startDate: new Date(instance.startDate).toISOString(), variables: { ...(instance.variables[instance.key] ?? {}) },
      scopes: instance.state === 'ACTIVE' || instance.state === 'TERMINATING' ? structuredClone(instance.variables) : {},
    };
    const name = this.definitions.get(instance.processDefinitionKey)?.model.name;
    if (name !== undefined) view.processName = name;
    if (instance.parent) view.parentProcessInstanceKey = instance.parent.instanceKey;
    return view;
  }

  getProcessInstance(key: string): ProcessInstanceView | undefined {
    const instance = this.instances.get(key);
    return instance ? this.instanceView(instance) : this.finishedInstances.get(key);
  }

  searchProcessInstances(): ProcessInstanceView[] {
    return [...this.finishedInstances.values(), ...[...this.instances.values()].map((i) => this.instanceView(i))];
  }

  /** Variables visible to a user task (its own scope and those around it), innermost first. */
  userTaskVariables(key: string): { scopeKey: string; name: string; value: Json; processInstanceKey: string; tenantId: string }[] | undefined {
    const instance = this.ownerOf(key);
    const task = instance?.userTasks[key];
    if (!instance || !task) return this.finishedUserTasks.has(key) ? [] : undefined;
    const element = instance.elements[task.elementInstanceKey];
    const seen = new Set<string>();
    const out: { scopeKey: string; name: string; value: Json; processInstanceKey: string; tenantId: string }[] = [];
    for (const scopeKey of this.chain(instance, element)) {
      for (const [name, value] of Object.entries(instance.variables[scopeKey] ?? {})) {
        if (seen.has(name)) continue;
        seen.add(name);
        out.push({ scopeKey, name, value, processInstanceKey: instance.key, tenantId: instance.tenantId });
      }
    }
    return out;
  }

  listDefinitions(): ProcessDefinition[] {
    return [...this.definitions.values()];
  }

  /** Active element instances of all running process instances (REST element-instance search). */
  activeElementInstances(): { key: string; elementId: string; type: string; processInstanceKey: string; processDefinitionKey: string; bpmnProcessId: string; tenantId: string; hasIncident: boolean; incidentKey?: string }[] {
    const items = [];
    for (const instance of this.instances.values()) {
      const model = this.model(instance);
      for (const element of Object.values(instance.elements)) {
        const node = model.elements[element.elementId];
        const body = node?.multiInstance !== undefined && element.loopIndex === undefined;
        items.push({
          key: element.key, elementId: element.elementId, type: body ? 'MULTI_INSTANCE_BODY' : elementType(node?.kind),
          processInstanceKey: instance.key, processDefinitionKey: instance.processDefinitionKey, bpmnProcessId: instance.bpmnProcessId,
          tenantId: instance.tenantId, hasIncident: element.incidentKey !== undefined, ...(element.incidentKey === undefined ? {} : { incidentKey: element.incidentKey }),
        });
      }
    }
    return items;
  }

  searchIncidents(): IncidentView[] {
    const out: IncidentView[] = [];
    for (const instance of this.instances.values()) {
      for (const incident of Object.values(instance.incidents)) {
        out.push({ ...incident, processInstanceKey: instance.key, processDefinitionKey: instance.processDefinitionKey, bpmnProcessId: instance.bpmnProcessId, tenantId: instance.tenantId });
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- user tasks

  private view(instance: ProcessInstance, task: UserTask): UserTaskView {
    const definition = this.definitions.get(instance.processDefinitionKey);
    const node = definition?.model.elements[task.elementId];
    const view: UserTaskView = {
      ...task, processInstanceKey: instance.key, processDefinitionKey: instance.processDefinitionKey,
      bpmnProcessId: instance.bpmnProcessId, processDefinitionVersion: instance.version, tenantId: instance.tenantId,
      customHeaders: { ...(node?.userTask?.headers ?? {}) },
    };
    if (definition?.model.name !== undefined) view.processName = definition.model.name;
    if (node?.userTask?.formId !== undefined) view.formId = node.userTask.formId;
    return view;
  }

  private rememberFinishedTask(instance: ProcessInstance, task: UserTask): void {
    this.finishedUserTasks.set(task.key, this.view(instance, task));
    const ofInstance = this.finishedUserTasksByInstance.get(instance.key) ?? new Set<string>();
    this.finishedUserTasksByInstance.set(instance.key, ofInstance.add(task.key));
    if (this.finishedUserTasks.size > FINISHED_USER_TASKS_KEPT) {
      const oldest = this.finishedUserTasks.entries().next();
      if (!oldest.done) {
        const [key, view] = oldest.value;
        this.finishedUserTasks.delete(key);
        const keys = this.finishedUserTasksByInstance.get(view.processInstanceKey);
        keys?.delete(key);
        if (keys?.size === 0) this.finishedUserTasksByInstance.delete(view.processInstanceKey);
      }
    }
  }

  private findUserTask(key: string, intent: string, verb: string): { instance: ProcessInstance; task: UserTask } {
    const instance = this.ownerOf(key);
    const task = instance?.userTasks[key];
    if (!instance || !task) throw new EngineRejectionError('NOT_FOUND', intent, `Expected to ${verb} user task with key '${key}', but no such user task was found`);
    if (task.state !== 'CREATED') throw new EngineRejectionError('INVALID_STATE', intent, `Expected to ${verb} user task with key '${key}', but it is in state '${task.state}'`);
    return { instance, task };
  }

  getUserTask(key: string): UserTaskView | undefined {
    const instance = this.ownerOf(key);
    const task = instance?.userTasks[key];
    if (instance && task) return this.view(instance, task);
    return this.finishedUserTasks.get(key);
  }

  searchUserTasks(filter: UserTaskFilter): UserTaskView[] {
    // A completed task of a running instance is both remembered and still in its instance: listed once.
    const byKey = new Map<string, UserTaskView>();
    if (filter.userTaskKey !== undefined) {
      const task = this.getUserTask(filter.userTaskKey);
      if (task) byKey.set(task.key, task);
    } else if (filter.processInstanceKey !== undefined) {
      // One instance's tasks (what a case asks for on every step): not a walk over every task.
      for (const key of this.finishedUserTasksByInstance.get(filter.processInstanceKey) ?? []) {
        const task = this.finishedUserTasks.get(key);
        if (task) byKey.set(key, task);
      }
      const instance = this.instances.get(filter.processInstanceKey);
      if (instance) for (const task of Object.values(instance.userTasks)) byKey.set(task.key, this.view(instance, task));
    } else {
      for (const task of this.finishedUserTasks.values()) byKey.set(task.key, task);
      for (const instance of this.instances.values()) for (const task of Object.values(instance.userTasks)) byKey.set(task.key, this.view(instance, task));
    }
    return [...byKey.values()].filter((t) =>
      (filter.state === undefined || t.state === filter.state) &&
      (filter.assignee === undefined || t.assignee === filter.assignee) &&
      (filter.candidateGroup === undefined || t.candidateGroups.includes(filter.candidateGroup)) &&
      (filter.candidateUser === undefined || t.candidateUsers.includes(filter.candidateUser)) &&
      (filter.processInstanceKey === undefined || t.processInstanceKey === filter.processInstanceKey) &&
      (filter.processDefinitionKey === undefined || t.processDefinitionKey === filter.processDefinitionKey) &&
      (filter.bpmnProcessId === undefined || t.bpmnProcessId === filter.bpmnProcessId) &&
      (filter.elementId === undefined || t.elementId === filter.elementId) &&
      (filter.userTaskKey === undefined || t.key === filter.userTaskKey))
      .sort((a, b) => (BigInt(a.key) < BigInt(b.key) ? -1 : 1));
  }

  assignUserTask(key: string, assignee: string, allowOverride: boolean): void {
    const { instance, task } = this.findUserTask(key, 'ASSIGN', 'assign');
    if (!allowOverride && task.assignee !== undefined && task.assignee !== assignee) {
      throw new EngineRejectionError('INVALID_STATE', 'ASSIGN', `Expected to assign user task with key '${key}', but it is already assigned to '${task.assignee}'`);
    }
    this.beginTransition(instance, task, { event: 'assigning', listenerIndex: 0, assignee });
  }

  unassignUserTask(key: string): void {
    const { instance, task } = this.findUserTask(key, 'ASSIGN', 'unassign');
    this.beginTransition(instance, task, { event: 'assigning', listenerIndex: 0, assignee: null });
  }

  updateUserTask(key: string, changeset: UserTaskChangeset): void {
    const { instance, task } = this.findUserTask(key, 'UPDATE', 'update');
    this.beginTransition(instance, task, { event: 'updating', listenerIndex: 0, changeset });
  }

  private applyChangeset(task: UserTask, changeset: UserTaskChangeset): void {
    if (changeset.dueDate !== undefined) {
      if (changeset.dueDate === null || changeset.dueDate === '') delete task.dueDate;
      else task.dueDate = changeset.dueDate;
    }
    if (changeset.followUpDate !== undefined) {
      if (changeset.followUpDate === null || changeset.followUpDate === '') delete task.followUpDate;
      else task.followUpDate = changeset.followUpDate;
    }
    if (changeset.candidateGroups !== undefined) task.candidateGroups = changeset.candidateGroups ?? [];
    if (changeset.candidateUsers !== undefined) task.candidateUsers = changeset.candidateUsers ?? [];
    if (changeset.priority !== undefined && changeset.priority !== null) task.priority = changeset.priority;
  }

  completeUserTask(key: string, variables: JsonObject): void {
    const { instance, task } = this.findUserTask(key, 'COMPLETE', 'complete');
    this.beginTransition(instance, task, { event: 'completing', listenerIndex: 0, variables });
    this.run();
  }
}
