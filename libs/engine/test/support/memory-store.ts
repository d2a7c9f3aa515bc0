// An in-memory StateStore for unit tests of the engine shell: commits are JSON snapshots, and
// `gate` lets a test hold a commit open to observe what happens before it completes.
import type { LoadedState, StateChanges, StateStore } from '../../src/ports/state-store.js';
import type { BufferedMessage, DecisionRequirementsDefinition, ProcessDefinition, ProcessInstance, StartTimer } from '../../src/runtime/state.js';

export class MemoryStateStore implements StateStore {
  keyCounter = 0n;
  definitions: ProcessDefinition[] = [];
  decisionRequirements: DecisionRequirementsDefinition[] = [];
  instances = new Map<string, string>();
  messages = new Map<string, string>();
  startTimers = new Map<string, string>();
  commits = 0;
  gate: Promise<void> | undefined;

  migrate(): Promise<void> {
    return Promise.resolve();
  }

  load(): Promise<LoadedState> {
    return Promise.resolve({
      keyCounter: this.keyCounter,
      definitions: [...this.definitions],
      decisionRequirements: [...this.decisionRequirements],
      instances: [...this.instances.values()].map((doc) => JSON.parse(doc) as ProcessInstance),
      messages: [...this.messages.values()].map((doc) => JSON.parse(doc) as BufferedMessage),
      startTimers: [...this.startTimers.values()].map((doc) => JSON.parse(doc) as StartTimer),
    });
  }

  async commit(changes: StateChanges): Promise<void> {
    await this.gate;
    this.keyCounter = changes.keyCounter;
    this.definitions.push(...changes.definitions);
    this.decisionRequirements.push(...changes.decisionRequirements);
    this.definitions = this.definitions.filter((d) => !changes.deleteDefinitions.includes(d.key));
    this.decisionRequirements = this.decisionRequirements.filter((d) => !changes.deleteDecisionRequirements.includes(d.key));
    for (const instance of changes.upsertInstances) this.instances.set(instance.key, JSON.stringify(instance));
    for (const key of changes.deleteInstances) this.instances.delete(key);
    for (const message of changes.upsertMessages) this.messages.set(message.key, JSON.stringify(message));
    for (const key of changes.deleteMessages) this.messages.delete(key);
    for (const timer of changes.upsertStartTimers) this.startTimers.set(timer.key, JSON.stringify(timer));
    for (const key of changes.deleteStartTimers) this.startTimers.delete(key);
    this.commits++;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
