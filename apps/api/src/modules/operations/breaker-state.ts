// A department's breaker state from the transitions several workers reported. Each worker has its
// own breaker; an open one whose cool-down is over lets the next call through as a trial, so it
// counts as half-open even though no transition was written at that moment.
import type { BreakerState, BreakerTransitionView, BreakerView } from './operations.views.js';

export interface BreakerTransition {
  at: Date;
  worker: string;
  state: BreakerState;
  retryAt: Date | null;
}

const SEVERITY: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

export function effectiveState(transition: BreakerTransition, now: Date): BreakerState {
  if (transition.state === 'open' && transition.retryAt !== null && transition.retryAt.getTime() <= now.getTime()) return 'half-open';
  return transition.state;
}

const view = (t: BreakerTransition, now: Date): BreakerTransitionView => ({
  at: t.at.toISOString(), worker: t.worker, state: effectiveState(t, now), retryAt: t.retryAt?.toISOString() ?? null,
});

/**
 * @param latestPerWorker each worker's latest transition
 * @param recent the department's latest transitions, newest first
 */
export function breakerView(latestPerWorker: readonly BreakerTransition[], recent: readonly BreakerTransition[], now: Date): BreakerView {
  let state: BreakerState = 'closed';
  for (const t of latestPerWorker) {
    const s = effectiveState(t, now);
    if (SEVERITY[s] > SEVERITY[state]) state = s;
  }
  const inState = latestPerWorker.filter((t) => effectiveState(t, now) === state);
  const since = inState.length === 0 ? null : new Date(Math.max(...inState.map((t) => t.at.getTime())));
  const retryTimes = state === 'open' ? inState.flatMap((t) => (t.retryAt ? [t.retryAt.getTime()] : [])) : [];
  return {
    state,
    since: since?.toISOString() ?? null,
    retryAt: retryTimes.length === 0 ? null : new Date(Math.min(...retryTimes)).toISOString(),
    workers: latestPerWorker.map((t) => view(t, now)),
    transitions: recent.slice(0, 10).map((t) => ({ at: t.at.toISOString(), worker: t.worker, state: t.state, retryAt: t.retryAt?.toISOString() ?? null })),
  };
}
