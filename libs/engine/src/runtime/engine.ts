// The asynchronous shell around EngineCore: commands run one batch at a time (like a Zeebe
// partition's stream processor), the batch's effects are committed in one transaction, and
// only then are callers answered and follow-up effects (job notifications, wake-ups) run.
import type { Clock, TimerHandle } from '../ports/clock.js';
import type { Exporter, ExportedRecord } from '../ports/exporter.js';
import type { StateStore } from '../ports/state-store.js';
import { EngineCore, type BatchChanges, type FinishedInstance } from './engine-core.js';
import { parseBpmn } from '../model/parse-bpmn.js';
import type { ProcessModel } from '../model/process-model.js';
import type { DeployedDecision, DeployedDecisionRequirements, DeployedProcess } from './engine-core.js';
import type { DecisionRequirementsModel } from '../dmn/decision-model.js';
import { isDmnResource, parseDmn } from '../dmn/parse-dmn.js';
import { EngineRejectionError } from './errors.js';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

interface Pending {
  /**
   * Runs the command and returns how to answer its caller once the batch is committed;
   * `unexpected` is set when it failed with something other than a rejection (a bug).
   */
  exec: (core: EngineCore) => { answer: () => void; unexpected?: Error };
  fail: (error: unknown) => void;
}

const MAX_BATCH = 256;

/** A small binary min-heap of instants. */
class InstantHeap {
  private items: number[] = [];
  push(value: number): void {
    const items = this.items;
    items.push(value);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent] ?? 0;
      if (p <= value) break;
      items[i] = p;
      i = parent;
    }
    items[i] = value;
  }
  peek(): number | undefined {
    return this.items[0];
  }
  pop(): number | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        let value = last;
        const lv = items[l];
        const rv = items[r];
        if (lv !== undefined && lv < value) { smallest = l; value = lv; }
        if (rv !== undefined && rv < value) { smallest = r; value = rv; }
        if (smallest === i) break;
        items[i] = value;
        i = smallest;
      }
      items[i] = last;
    }
    return top;
  }
}

export class Engine {
  private core: EngineCore;
  private queue: Pending[] = [];
  private draining: Promise<void> | undefined;
  private readonly jobListeners = new Map<string, Set<() => void>>();
  private readonly resultWaiters = new Map<string, (finished: FinishedInstance) => void>();
  private readonly due = new InstantHeap();
  private wake: { at: number; handle: TimerHandle } | undefined;
  private committedCounter: bigint;
  private stopped = false;

  private constructor(private readonly store: StateStore, private readonly clock: Clock, private readonly logger: Logger, core: EngineCore, private readonly exporters: readonly Exporter[]) {
    this.core = core;
    this.committedCounter = core.keys.current;
  }

  static async start(store: StateStore, clock: Clock, logger: Logger, exporters: readonly Exporter[] = []): Promise<Engine> {
    await store.migrate();
    const engine = new Engine(store, clock, logger, await Engine.loadCore(store, clock), exporters);
    engine.afterCommit(engine.core.takeChanges());
    return engine;
  }

  private static async loadCore(store: StateStore, clock: Clock): Promise<EngineCore> {
    const state = await store.load();
    const core = new EngineCore(() => clock.now(), state.keyCounter);
    core.load(state.definitions, state.instances, state.messages, state.startTimers, state.decisionRequirements);
    return core;
  }

  now(): number {
    return this.clock.now();
  }

  /** Runs a command against the core; resolves only after its effects are committed. */
  execute<T>(command: (core: EngineCore) => T): Promise<T> {
    if (this.stopped) return Promise.reject(new Error('The engine is stopping'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        exec: (core) => {
          try {
            const value = command(core);
            core.recordVariableChanges();
            return { answer: () => resolve(value) };
          } catch (error) {
            const failure = error instanceof Error ? error : new Error(String(error));
            return { answer: () => reject(failure), ...(error instanceof EngineRejectionError ? {} : { unexpected: failure }) };
          }
        },
        fail: reject,
      });
      this.draining ??= this.drain().finally(() => { this.draining = undefined; });
    });
  }

  /** Deploys BPMN resources and DMN resources (by the `.dmn` suffix of their name). */
  async deploy(resources: { name: string; content: string }[], tenantId: string): Promise<{ key: string; processes: DeployedProcess[]; decisions: DeployedDecision[]; decisionRequirements: DeployedDecisionRequirements[] }> {
    const parsed: { name: string; xml: string; models: ProcessModel[] }[] = [];
    const dmn: { name: string; xml: string; model: DecisionRequirementsModel }[] = [];
    for (const resource of resources) {
      if (isDmnResource(resource.name)) dmn.push({ name: resource.name, xml: resource.content, model: await parseDmn(resource.content) });
      else parsed.push({ name: resource.name, xml: resource.content, models: await parseBpmn(resource.content) });
    }
    return this.execute((core) => core.deploy(parsed, tenantId, dmn));
  }

  /** Registers a waiter for the end of an instance; call inside the command that creates it. */
  awaitEnd(instanceKey: string): Promise<FinishedInstance> {
    return new Promise((resolve) => this.resultWaiters.set(instanceKey, resolve));
  }

  forgetEnd(instanceKey: string): void {
    this.resultWaiters.delete(instanceKey);
  }

  onJobsAvailable(type: string, listener: () => void): () => void {
    let listeners = this.jobListeners.get(type);
    if (!listeners) this.jobListeners.set(type, (listeners = new Set()));
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.jobListeners.delete(type);
    };
  }

  hasActivatableJobs(type: string): boolean {
    return this.core.hasActivatableJobs(type);
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      const results = batch.map((pending) => pending.exec(this.core));
      const broken = results.findIndex((result) => result.unexpected !== undefined);
      if (broken >= 0) {
        // A command failed half-way: its partial effects must not be committed. Drop the whole
        // batch's in-memory changes, answer the culprit, and run the others again on fresh state.
        this.logger.error(`Command failed unexpectedly, reloading state: ${results[broken]?.unexpected?.stack ?? ''}`);
        this.core.takeChanges();
        results[broken]?.answer();
        this.queue.unshift(...batch.filter((_, i) => i !== broken));
        this.core = await Engine.loadCore(this.store, this.clock);
        this.afterCommit(this.core.takeChanges());
        continue;
      }
      const changes = this.core.takeChanges();
      try {
        await this.persist(changes);
      } catch (error) {
        this.logger.error(`Commit failed, reloading state from the store: ${error instanceof Error ? error.message : String(error)}`);
        for (const pending of batch) pending.fail(error);
        this.resultWaiters.clear();
        this.core = await Engine.loadCore(this.store, this.clock);
        this.afterCommit(this.core.takeChanges());
        continue;
      }
      for (const result of results) result.answer();
      this.afterCommit(changes);
    }
  }

  private async persist(changes: BatchChanges): Promise<void> {
    const upsertInstances = [...changes.dirtyInstances].flatMap((key) => this.core.instance(key) ?? []);
    const upsertMessages = [...changes.dirtyMessages].flatMap((key) => this.core.message(key) ?? []);
    const upsertStartTimers = [...changes.dirtyStartTimers].flatMap((key) => this.core.startTimer(key) ?? []);
    const counter = this.core.keys.current;
    const nothing = changes.definitions.length === 0 && changes.decisionRequirements.length === 0 && changes.deletedDefinitions.size === 0
      && changes.deletedDecisionRequirements.size === 0 && changes.records.length === 0 && upsertInstances.length === 0 && changes.deletedInstances.size === 0
      && upsertMessages.length === 0 && changes.deletedMessages.size === 0 && counter === this.committedCounter
      && upsertStartTimers.length === 0 && changes.deletedStartTimers.size === 0;
    if (nothing) return;
    await this.store.commit({
      keyCounter: counter, definitions: changes.definitions, decisionRequirements: changes.decisionRequirements,
      deleteDefinitions: [...changes.deletedDefinitions], deleteDecisionRequirements: [...changes.deletedDecisionRequirements], records: changes.records, upsertInstances, deleteInstances: [...changes.deletedInstances],
      upsertMessages, deleteMessages: [...changes.deletedMessages],
      upsertStartTimers, deleteStartTimers: [...changes.deletedStartTimers],
    });
    this.committedCounter = counter;
  }

  /** An instance's history: the exported records the store keeps (empty if it keeps none). */
  async history(processInstanceKey: string): Promise<ExportedRecord[]> {
    return this.store.history ? this.store.history(processInstanceKey) : [];
  }

  private afterCommit(changes: BatchChanges): void {
    if (changes.records.length > 0) {
      for (const exporter of this.exporters) {
        // An exporter that fails must not stop the engine; the store keeps the records anyway.
        Promise.resolve()
          .then(() => exporter.export(changes.records))
          .catch((error: unknown) => this.logger.warn(`exporter failed: ${error instanceof Error ? error.message : String(error)}`));
      }
    }
    for (const finished of changes.finished) {
      const waiter = this.resultWaiters.get(finished.key);
      if (waiter) {
        this.resultWaiters.delete(finished.key);
        waiter(finished);
      }
    }
    for (const type of changes.availableJobTypes) {
      for (const listener of [...(this.jobListeners.get(type) ?? [])]) listener();
    }
    for (const at of changes.dueTimes) this.due.push(at);
    this.armWake();
  }

  private armWake(): void {
    if (this.stopped) return;
    const next = this.due.peek();
    if (next === undefined) return;
    if (this.wake && this.wake.at <= next) return;
    this.wake?.handle.cancel();
    this.wake = {
      at: next,
      handle: this.clock.wakeAt(next, () => {
        this.wake = undefined;
        const now = this.clock.now();
        while ((this.due.peek() ?? Infinity) <= now) this.due.pop();
        this.execute((core) => core.processDue()).catch((error: unknown) => {
          this.logger.error(`Processing due timers failed: ${error instanceof Error ? error.message : String(error)}`);
        });
        this.armWake();
      }),
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.handle.cancel();
    await this.draining;
    await this.store.close();
  }
}
