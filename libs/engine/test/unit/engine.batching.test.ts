// The engine shell: commands are answered only after their batch is committed, and a command
// that fails half-way leaves no trace.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/ports/clock.js';
import { Engine, silentLogger } from '../../src/runtime/engine.js';
import { MemoryStateStore } from '../support/memory-store.js';

const xml = readFileSync(path.join(__dirname, '..', 'features', 'one-task.bpmn'), 'utf8');

describe('engine batching and commits', () => {
  let store: MemoryStateStore;
  let engine: Engine;

  beforeEach(async () => {
    store = new MemoryStateStore();
    engine = await Engine.start(store, new FakeClock(), silentLogger);
    await engine.deploy([{ name: 'one-task.bpmn', content: xml }], '<default>');
  });

  it('answers a command only after its effects are committed', async () => {
    let release = (): void => undefined;
    store.gate = new Promise((resolve) => { release = resolve; });
    let answered = false;
    const created = engine.execute((core) => core.createInstance({ bpmnProcessId: 'one-task', variables: {} })).then((instance) => {
      answered = true;
      return instance;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    expect(store.instances.size).toBe(0);
    release();
    const instance = await created;
    expect(store.instances.has(instance.key)).toBe(true);
  });

  it('discards a command that fails half-way and still runs the others of its batch', async () => {
    const failing = engine.execute((core) => {
      core.createInstance({ bpmnProcessId: 'one-task', variables: { doomed: true } });
      throw new Error('bug in the middle of a command');
    });
    const fine = engine.execute((core) => core.createInstance({ bpmnProcessId: 'one-task', variables: { fine: true } }));
    await expect(failing).rejects.toThrow('bug in the middle of a command');
    const instance = await fine;
    const stored = [...store.instances.values()].map((doc) => JSON.parse(doc) as { key: string; variables: Record<string, Record<string, unknown>> });
    expect(stored.map((i) => i.key)).toEqual([instance.key]);
    expect(stored[0]?.variables[instance.key]).toEqual({ fine: true });
  });

  it('rejects a command with a rejection without touching the state', async () => {
    await expect(engine.execute((core) => core.createInstance({ bpmnProcessId: 'missing', variables: {} }))).rejects.toThrow(/NOT_FOUND/);
    expect(store.instances.size).toBe(0);
  });
});
