import type { ExportedRecord } from './exporter.js';
import type { BufferedMessage, DecisionRequirementsDefinition, ProcessDefinition, ProcessInstance, StartTimer } from '../runtime/state.js';

/** The changes of one batch of commands, committed atomically. */
export interface StateChanges {
  keyCounter: bigint;
  definitions: ProcessDefinition[];
  decisionRequirements: DecisionRequirementsDefinition[];
  /** Keys of deleted process definitions and decision requirements (DeleteResource). */
  deleteDefinitions: string[];
  deleteDecisionRequirements: string[];
  /** The batch's export stream, kept with the state it describes. */
  records: ExportedRecord[];
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
  /** An instance's exported records in the order written (stores that keep them). */
  history?(processInstanceKey: string): Promise<ExportedRecord[]>;
  close(): Promise<void>;
}
