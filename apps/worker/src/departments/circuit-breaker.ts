// One breaker per department: after `threshold` consecutive failures calls are refused for
// `cooldownMs`; then one trial call decides whether to close again.

export type BreakerState = 'closed' | 'open' | 'half-open';

export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;

  constructor(private readonly threshold: number, private readonly cooldownMs: number, private readonly now: () => number = Date.now) {}

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
    return true;
  }

  success(): void {
    this.failures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  failure(): void {
    this.trialInFlight = false;
    this.failures += 1;
    if (this.openedAt !== null || this.failures >= this.threshold) this.openedAt = this.now();
  }

  /** An answer that says nothing about the system's health (e.g. a 4xx): frees a trial slot. */
  neutral(): void {
    if (this.trialInFlight) this.success();
  }
}
