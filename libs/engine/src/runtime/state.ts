// The durable state of the engine. A process instance and everything that belongs to it
// (element instances, variables, jobs, timers, subscriptions, incidents, user tasks) is one
// document, so a command's effects on an instance are committed atomically.
import type { DecisionRequirementsModel } from '../dmn/decision-model.js';
import type { ProcessModel } from '../model/process-model.js';
import type { Json, JsonObject } from './json.js';

export interface ProcessDefinition {
  key: string;
  bpmnProcessId: string;
  version: number;
  resourceName: string;
  checksum: string;
  deploymentKey: string;
  tenantId: string;
  xml: string;
  model: ProcessModel;
}

/** A deployed DMN resource (decision requirements graph) and the keys/versions of its decisions. */
export interface DecisionRequirementsDefinition {
  key: string;
  id: string;
  name?: string;
  version: number;
  resourceName: string;
  checksum: string;
  deploymentKey: string;
  tenantId: string;
  xml: string;
  model: DecisionRequirementsModel;
  decisions: Record<string, { key: string; version: number }>;
}

export type IncidentRetry = 'activate' | 'complete' | 'job' | 'listener';

export interface ElementInstance {
  key: string;
  elementId: string;
  /** Set while the element waits for a job, user task, message or timer. */
  jobKey?: string;
  userTaskKey?: string;
  subscriptionKey?: string;
  /** Subscriptions of message boundary events attached to this element. */
  boundarySubscriptionKeys?: string[];
  timerKeys: string[];
  incidentKey?: string;
  /** The flow scope: the embedded subprocess or multi-instance body containing this element instance (undefined: the process). */
  parentKey?: string;
  /** Set on a multi-instance body. */
  multiInstance?: { items: Json[]; next: number; active: number; completed: number };
  /** Call activities: the child process instance they wait for. */
  childInstanceKey?: string;
  /** Iteration index (0-based) of a multi-instance inner instance. */
  loopIndex?: number;
  /**
   * Set while the element is being terminated but waits: for the canceling listeners of its
   * user task, for children that wait, or for its called instance to finish terminating.
   */
  terminating?: true;
  /** An interrupting boundary event that continues once this (terminating) element is gone. */
  afterTermination?: { boundaryId: string; variables?: JsonObject };
  /** An interrupting event subprocess of this scope that starts once its terminating children are gone. */
  interruptedBy?: { startId: string; variables?: JsonObject };
  /** A multi-instance body whose completion condition held: it completes once its terminating iterations are gone. */
  completeAfterTermination?: true;
}

export type JobState = 'ACTIVATABLE' | 'ACTIVATED' | 'FAILED' | 'ERROR_THROWN';

export interface Job {
  key: string;
  type: string;
  state: JobState;
  retries: number;
  elementInstanceKey: string;
  elementId: string;
  customHeaders: Record<string, string>;
  worker?: string;
  deadline?: number;
  /** A failed job with retries left waits until this instant before it can be activated again. */
  backoffUntil?: number;
  errorMessage?: string;
  /** Set for task listener jobs: the user task whose transition waits for this job. */
  listenerOf?: string;
}

export type UserTaskState = 'CREATING' | 'CREATED' | 'ASSIGNING' | 'UPDATING' | 'COMPLETING' | 'COMPLETED' | 'CANCELING' | 'CANCELED';

/** A lifecycle transition of a user task waiting for its task listeners (jobs), in order. */
export interface PendingTransition {
  event: 'creating' | 'assigning' | 'updating' | 'completing' | 'canceling';
  listenerIndex: number;
  assignee?: string | null;
  changeset?: { dueDate?: string | null; followUpDate?: string | null; candidateGroups?: string[] | null; candidateUsers?: string[] | null; priority?: number | null };
  variables?: JsonObject;
}

export interface UserTask {
  key: string;
  elementInstanceKey: string;
  elementId: string;
  name?: string;
  state: UserTaskState;
  assignee?: string;
  candidateGroups: string[];
  candidateUsers: string[];
  dueDate?: string;
  followUpDate?: string;
  formKey?: string;
  externalFormReference?: string;
  priority: number;
  creationDate: string;
  completionDate?: string;
  pending?: PendingTransition;
}

export interface Timer {
  key: string;
  elementInstanceKey: string;
  /** The timer catch event or boundary event. */
  elementId: string;
  dueDate: number;
  /** Timer cycles: the evaluated cycle and how many more times it fires (-1: unbounded). */
  cycle?: { value: string; repetitionsLeft: number };
}

export interface Subscription {
  key: string;
  elementInstanceKey: string;
  elementId: string;
  messageName: string;
  correlationKey: string;
  /** A signal subscription: `messageName` holds the signal name; there is no correlation key. */
  signal?: boolean;
}

export interface Incident {
  key: string;
  type: string;
  message: string;
  elementInstanceKey: string;
  elementId: string;
  jobKey?: string;
  retry: IncidentRetry;
  creationTime: number;
}

export interface ProcessInstance {
  key: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
  tenantId: string;
  /** TERMINATING: canceled, waiting for canceling task listeners before it is TERMINATED. */
  state: 'ACTIVE' | 'TERMINATING' | 'COMPLETED' | 'TERMINATED';
  startDate: number;
  /** Variable scopes by scope key: the instance key is the root scope. */
  variables: Record<string, JsonObject>;
  elements: Record<string, ElementInstance>;
  /** Tokens waiting at parallel joins: gateway id -> sequence flow id -> count. */
  joins: Record<string, Record<string, number>>;
  jobs: Record<string, Job>;
  userTasks: Record<string, UserTask>;
  timers: Record<string, Timer>;
  subscriptions: Record<string, Subscription>;
  incidents: Record<string, Incident>;
  /** Set on instances started by a call activity. */
  parent?: { instanceKey: string; elementInstanceKey: string };
  /** An interrupting event subprocess of the process that starts once the terminating elements are gone. */
  interruptedBy?: { startId: string; variables?: JsonObject };
  /** Correlation key of the message that started this instance, if any. */
  startMessage?: { name: string; correlationKey: string };
}

export interface BufferedMessage {
  key: string;
  name: string;
  correlationKey: string;
  expiresAt: number;
  messageId?: string;
  variables: JsonObject;
  tenantId: string;
  /** BPMN process ids the message was already correlated to: at most once per process. */
  correlatedProcessIds: string[];
}

/** The next firing of a timer start event of a deployed process (latest version only). */
export interface StartTimer {
  key: string;
  processDefinitionKey: string;
  elementId: string;
  dueDate: number;
  /** Timer cycles: the cycle and how many more times it fires (-1: unbounded). */
  cycle?: { value: string; repetitionsLeft: number };
}

export type { Json, JsonObject };
