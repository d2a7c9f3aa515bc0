// One breaker per department: after `threshold` consecutive failures calls are refused for
// `cooldownMs`; then one trial call decides whether to close again.

export type BreakerState = 'closed' | 'open' | 'half-open';

/** A transition, reported so that several workers' breakers can be shown together (operations console). */
export interface BreakerChange {
  state: BreakerState;
  at: Date;
  /** While open: when a trial call will be allowed. */
  retryAt: Date | null;
  /** Consecutive failures when the change happened. */
  failures: number;
}

export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;

  constructor(
    private readonly threshold: number,
    private readonly cooldownMs: number,
    private readonly now: () => number = Date.now,
    private readonly onChange: (change: BreakerChange) => void = () => undefined,
  ) {}

  get state(): BreakerState {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt >= this.cooldownMs ? 'half-open' : 'open';
  }

  /** Milliseconds until a call may be tried, 0 when one may be tried now. */
  waitMs(): number {
    const state = this.state;
    if (state === 'closed') return 0;
    if (state === 'half-open') return this.trialInFlight ? Math.max(1, Math.round(this.cooldownMs / 4)) : 0;
    return Math.max(1, (this.openedAt ?? 0) + this.cooldownMs - this.now());
  }

  /** Claims the right to call; false while open (or while the half-open trial is running). */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    this.report('half-open');
    return true;
  }

  success(): void {
    const wasOpen = this.openedAt !== null;
    this.failures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
    if (wasOpen) this.report('closed');
  }

  failure(): void {
    const before = this.state;
    this.trialInFlight = false;
    this.failures += 1;
    if (this.openedAt !== null || this.failures >= this.threshold) this.openedAt = this.now();
    // Failures of calls already in flight while open only extend the cool-down.
    if (this.openedAt !== null && before !== 'open') this.report('open');
  }

  /** An answer that says nothing about the system's health (e.g. a 4xx): frees a trial slot. */
  neutral(): void {
    if (this.trialInFlight) this.success();
  }

  private report(state: BreakerState): void {
    const now = this.now();
    this.onChange({ state, at: new Date(now), retryAt: state === 'open' && this.openedAt !== null ? new Date(this.openedAt + this.cooldownMs) : null, failures: this.failures });
  }
}
