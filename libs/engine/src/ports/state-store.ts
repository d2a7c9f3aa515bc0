import type { BufferedMessage, DecisionRequirementsDefinition, ProcessDefinition, ProcessInstance, StartTimer } from '../runtime/state.js';

/** The changes of one batch of commands, committed atomically. */
export interface StateChanges {
  keyCounter: bigint;
  definitions: ProcessDefinition[];
  decisionRequirements: DecisionRequirementsDefinition[];
  /** Keys of deleted process definitions and decision requirements (DeleteResource). */
  deleteDefinitions: string[];
  deleteDecisionRequirements: string[];
  upsertInstances: ProcessInstance[];
  deleteInstances: string[];
  upsertMessages: BufferedMessage[];
  deleteMessages: string[];
  upsertStartTimers: StartTimer[];
  deleteStartTimers: string[];
}

export interface LoadedState {
  keyCounter: bigint;
  definitions: ProcessDefinition[];
  /** Deployed DMN resources (absent in stores written before DMN support). */
  decisionRequirements?: DecisionRequirementsDefinition[];
  instances: ProcessInstance[];
  messages: BufferedMessage[];
  startTimers: StartTimer[];
}

/** Durable state behind a port (STYLE.md): the Postgres adapter is one implementation. */
export interface StateStore {
  migrate(): Promise<void>;
  load(): Promise<LoadedState>;
  commit(changes: StateChanges): Promise<void>;
  close(): Promise<void>;
}
