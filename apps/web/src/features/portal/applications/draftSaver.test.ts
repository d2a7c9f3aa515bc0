import { describe, expect, it } from 'vitest';
import { DraftSaver, type SaveState, type Timers } from './draftSaver';

/** Timers moved by hand: no sleeping in tests. */
function manualTimers() {
  let queue: { fn: () => void; at: number; id: number }[] = [];
  let now = 0;
  let ids = 0;
  const timers: Timers = {
    set: (fn, ms) => {
      const id = ++ids;
      queue.push({ fn, at: now + ms, id });
      return id;
    },
    clear: (handle) => {
      queue = queue.filter((t) => t.id !== handle);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    const due = queue.filter((t) => t.at <= now);
    queue = queue.filter((t) => t.at > now);
    due.forEach((t) => t.fn());
  };
  return { timers, advance };
}

function deferredSaves() {
  const calls: { data: string; resolve: () => void; reject: (e: unknown) => void }[] = [];
  const save = (data: string) => new Promise<void>((resolve, reject) => calls.push({ data, resolve, reject }));
  return { calls, save };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('DraftSaver', () => {
  it('saves once, a second after the last change', async () => {
    // given
    const { timers, advance } = manualTimers();
    const { calls, save } = deferredSaves();
    const states: SaveState['status'][] = [];
    const saver = new DraftSaver(save, (s) => states.push(s.status), 1_000, timers);
    // when typing three times within a second
    saver.change('a');
    advance(500);
    saver.change('ab');
    advance(500);
    saver.change('abc');
    advance(999);
    expect(calls).toHaveLength(0);
    advance(1);
    // then only the last text is saved
    expect(calls.map((c) => c.data)).toEqual(['abc']);
    calls[0]?.resolve();
    await tick();
    expect(states.at(-1)).toBe('saved');
  });

  it('never sends two saves at once: a change during a save is saved after it', async () => {
    const { timers, advance } = manualTimers();
    const { calls, save } = deferredSaves();
    const saver = new DraftSaver(save, () => undefined, 1_000, timers);
    saver.change('v1');
    advance(1_000);
    saver.change('v2');
    advance(1_000); // the first save is still running
    expect(calls.map((c) => c.data)).toEqual(['v1']);
    calls[0]?.resolve();
    await tick();
    advance(1_000);
    expect(calls.map((c) => c.data)).toEqual(['v1', 'v2']);
  });

  it('flush saves pending data at once and waits for it', async () => {
    const { timers } = manualTimers();
    const { calls, save } = deferredSaves();
    const saver = new DraftSaver(save, () => undefined, 1_000, timers);
    saver.change('typed');
    let flushed = false;
    const flushing = saver.flush().then(() => (flushed = true));
    await tick();
    expect(calls.map((c) => c.data)).toEqual(['typed']);
    expect(flushed).toBe(false);
    calls[0]?.resolve();
    await flushing;
    expect(flushed).toBe(true);
  });

  it('keeps the data of a failed save, reports the failure, and saves it on the next flush', async () => {
    const { timers, advance } = manualTimers();
    const { calls, save } = deferredSaves();
    const states: SaveState[] = [];
    const saver = new DraftSaver(save, (s) => states.push(s), 1_000, timers);
    saver.change('x');
    advance(1_000);
    calls[0]?.reject(new Error('offline'));
    await tick();
    expect(states.at(-1)).toMatchObject({ status: 'failed' });
    const flushing = saver.flush();
    await tick();
    expect(calls.map((c) => c.data)).toEqual(['x', 'x']);
    calls[1]?.resolve();
    await flushing;
    expect(states.at(-1)?.status).toBe('saved');
  });

  it('flush rejects when the save fails, so submitting does not go ahead with unsaved data', async () => {
    const { timers } = manualTimers();
    const saver = new DraftSaver((_: string) => Promise.reject(new Error('409')), () => undefined, 1_000, timers);
    saver.change('x');
    await expect(saver.flush()).rejects.toThrow('409');
  });
});
