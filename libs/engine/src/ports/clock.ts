// The engine's only source of time. The core never reads the wall clock or arms real timers
// itself: it asks the clock for `now()` and for a wake-up at an instant (STYLE.md, determinism).

export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Calls `callback` once, as soon as `now() >= at`. */
  wakeAt(at: number, callback: () => void): TimerHandle;
}

/** The real clock, for production. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  wakeAt(at: number, callback: () => void): TimerHandle {
    // Node caps timeouts at 2^31-1 ms; re-arm for instants further away.
    const maxDelay = 2_147_483_647;
    let handle: NodeJS.Timeout | undefined;
    const arm = (): void => {
      const delay = at - Date.now();
      handle = setTimeout(() => (delay <= maxDelay ? callback() : arm()), Math.max(0, Math.min(delay, maxDelay)));
      handle.unref();
    };
    arm();
    return { cancel: () => clearTimeout(handle) };
  }
}

interface FakeTimer {
  at: number;
  seq: number;
  callback: () => void;
  cancelled: boolean;
}

/** A clock that only moves when told to: tests skip time instead of sleeping. */
export class FakeClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: FakeTimer[] = [];

  constructor(start: number | string = '2026-01-01T00:00:00.000Z') {
    this.current = typeof start === 'number' ? start : Date.parse(start);
  }

  now(): number {
    return this.current;
  }

  wakeAt(at: number, callback: () => void): TimerHandle {
    const timer: FakeTimer = { at, seq: this.seq++, callback, cancelled: false };
    this.timers.push(timer);
    if (at <= this.current) queueMicrotask(() => this.fireDue());
    return { cancel: () => { timer.cancelled = true; } };
  }

  /** Moves time forward by `ms` and fires every wake-up that became due, in order. */
  advance(ms: number): void {
    this.set(this.current + ms);
  }

  set(instant: number): void {
    if (instant < this.current) throw new Error('The fake clock cannot move backwards');
    this.current = instant;
    this.fireDue();
  }

  private fireDue(): void {
    for (;;) {
      this.timers = this.timers.filter((t) => !t.cancelled);
      const due = this.timers.filter((t) => t.at <= this.current).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) return;
      due.cancelled = true;
      due.callback();
    }
  }
}
