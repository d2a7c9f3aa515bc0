export type SaveState =
  | { status: 'idle' }
  | { status: 'pending' }
  | { status: 'saving' }
  | { status: 'saved'; at: Date }
  | { status: 'failed'; error: unknown };

type Outcome = { ok: true } | { ok: false; error: unknown };

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const browserTimers: Timers = {
  set: (fn, ms) => window.setTimeout(fn, ms),
  clear: (handle) => {
    if (typeof handle === 'number') window.clearTimeout(handle);
  },
};

/**
 * Autosave of a draft's form data: saves `delayMs` after the last change, one request at a time
 * (a change during a save is saved right after it), and `flush()` saves what is pending now, for
 * submitting. A failed save keeps the data pending, so the next change or flush tries again.
 */
export class DraftSaver<T> {
  private pending: { data: T } | undefined;
  private timer: unknown;
  private inFlight: Promise<Outcome> | undefined;
  private disposed = false;

  constructor(
    private readonly save: (data: T) => Promise<void>,
    private readonly onState: (state: SaveState) => void,
    private readonly delayMs = 1_000,
    private readonly timers: Timers = browserTimers,
    private readonly now: () => Date = () => new Date(),
  ) {}

  change(data: T): void {
    if (this.disposed) return;
    this.pending = { data };
    this.onState({ status: 'pending' });
    this.schedule();
  }

  /** Saves pending data now and resolves when everything typed so far is saved; rejects if a save fails. */
  async flush(): Promise<void> {
    this.cancelTimer();
    while (this.inFlight || this.pending) {
      const outcome = await (this.inFlight ?? this.run());
      if (!outcome.ok) throw outcome.error;
    }
  }

  /** Drops pending data and timers (the page is leaving or reloading the draft). */
  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
    this.pending = undefined;
  }

  private schedule(): void {
    this.cancelTimer();
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      if (this.inFlight) return; // saved when the running request ends
      void this.run();
    }, this.delayMs);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
  }

  private run(): Promise<Outcome> {
    const next = this.pending;
    if (!next || this.disposed) return Promise.resolve({ ok: true });
    this.pending = undefined;
    this.onState({ status: 'saving' });
    this.inFlight = this.save(next.data).then(
      () => {
        this.inFlight = undefined;
        if (this.disposed) return { ok: true };
        if (this.pending) {
          this.onState({ status: 'pending' });
          if (this.timer === undefined) this.schedule();
        } else {
          this.onState({ status: 'saved', at: this.now() });
        }
        return { ok: true };
      },
      (error: unknown) => {
        this.inFlight = undefined;
        if (this.disposed) return { ok: false, error };
        this.pending ??= next; // keep what failed unless something newer came
        this.onState({ status: 'failed', error });
        return { ok: false, error };
      },
    );
    return this.inFlight;
  }
}
