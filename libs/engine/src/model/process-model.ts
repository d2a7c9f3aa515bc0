// The executable form of a BPMN process: only what the runtime needs, already validated.

export interface Mapping {
  /** FEEL expression (without the leading `=`). */
  source: string;
  /** Variable name or dotted path. */
  target: string;
}

export interface JobDefinition {
  type: string;
  retries: string;
  headers: Record<string, string>;
}

export type TaskListenerEvent = 'creating' | 'assigning' | 'updating' | 'completing' | 'canceling';

export interface TaskListener {
  eventType: TaskListenerEvent;
  type: string;
  retries: string;
}

export interface UserTaskDefinition {
  listeners?: TaskListener[];
  assignee?: string;
  candidateGroups?: string;
  candidateUsers?: string;
  dueDate?: string;
  followUpDate?: string;
  formKey?: string;
  formId?: string;
  externalReference?: string;
  priority?: string;
  /** zeebe:taskHeaders, reported as the task's customHeaders. */
  headers?: Record<string, string>;
}

export interface CalledDecision {
  decisionId: string;
  resultVariable: string;
  bindingType: 'latest' | 'deployment' | 'versionTag';
  versionTag?: string;
}

export interface MessageDefinition {
  name: string;
  correlationKey?: string;
}

export interface TimerDefinition {
  kind: 'duration' | 'date' | 'cycle';
  value: string;
}

export type ElementKind =
  | 'startEvent'
  | 'endEvent'
  | 'intermediateThrowEvent'
  | 'intermediateCatchEvent'
  | 'boundaryEvent'
  | 'task'
  | 'manualTask'
  | 'serviceTask'
  | 'sendTask'
  | 'scriptTask'
  | 'businessRuleTask'
  | 'userTask'
  | 'receiveTask'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'eventBasedGateway'
  | 'inclusiveGateway'
  | 'subProcess'
  | 'callActivity';

export interface SequenceFlow {
  id: string;
  sourceId: string;
  targetId: string;
  /** FEEL expression (without the leading `=`), when the flow is conditional. */
  condition?: string;
}

export interface FlowNode {
  id: string;
  /** The embedded subprocess containing this element; undefined at the process level. */
  parentId?: string;
  /** Embedded subprocesses: their none start event; event subprocesses: their start event. */
  startEventId?: string;
  /** Event subprocesses (`triggeredByEvent`). */
  triggeredByEvent?: boolean;
  /** Subprocesses: the event subprocesses they contain. */
  eventSubProcessIds?: string[];
  /** Escalation catch events (boundary or event-subprocess start): the code caught, undefined = any. */
  escalationCatch?: { code?: string };
  /** Escalation throw events (intermediate throw or end). */
  throwEscalationCode?: string;
  /** Error start events of event subprocesses (with `errorCode`, or catch-all when it is undefined). */
  errorStart?: boolean;
  /** Error end events: the error code thrown. */
  throwErrorCode?: string;
  name?: string;
  kind: ElementKind;
  incoming: string[];
  outgoing: SequenceFlow[];
  defaultFlowId?: string;
  inputs: Mapping[];
  outputs: Mapping[];
  job?: JobDefinition;
  script?: { expression: string; resultVariable: string };
  /**
   * Business rule tasks: the decision (id static or FEEL), the variable for its result, and which
   * version is evaluated: the latest, the one deployed with the process, or the latest with `versionTag`.
   */
  calledDecision?: CalledDecision;
  userTask?: UserTaskDefinition;
  message?: MessageDefinition;
  /** Multi-instance activities (tasks only). Expressions are FEEL without the leading `=`. */
  multiInstance?: {
    sequential: boolean;
    inputCollection: string;
    inputElement?: string;
    outputCollection?: string;
    outputElement?: string;
    completionCondition?: string;
  };
  /** Call activities: the called process (id static or FEEL) and variable propagation. */
  calledElement?: {
    processId: string;
    propagateAllChildVariables: boolean;
    propagateAllParentVariables: boolean;
    /** Which version is called: the latest, the one deployed with the caller, or the latest with `versionTag`. */
    bindingType: 'latest' | 'deployment' | 'versionTag';
    versionTag?: string;
  };
  /** Link throw and catch events: the link name (a throw event gets a flow to its catch event). */
  link?: string;
  /** Terminate end events end the whole process instance. */
  terminate?: boolean;
  /** Signal catch or throw events: the signal name (static or FEEL). */
  signal?: { name: string };
  timer?: TimerDefinition;
  /** Error catch events: variables that receive the caught error's code and message. */
  errorCodeVariable?: string;
  errorMessageVariable?: string;
  /** Boundary error events: the error code caught, or undefined for catch-all. */
  errorCode?: string;
  attachedToId?: string;
  cancelActivity?: boolean;
  boundaryEventIds: string[];
}

export interface ProcessModel {
  bpmnProcessId: string;
  /** `zeebe:versionTag` of the process, for call activities bound by version tag. */
  versionTag?: string;
  name?: string;
  elements: Record<string, FlowNode>;
  noneStartEventId?: string;
  messageStartEvents: { elementId: string; messageName: string }[];
  signalStartEvents: { elementId: string; signalName: string }[];
  timerStartEvents: { elementId: string; timer: TimerDefinition }[];
  /** Event subprocesses at the process level. */
  eventSubProcessIds: string[];
}
