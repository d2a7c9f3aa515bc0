import { describe, expect, it } from 'vitest';
import { type BreakerTransition, breakerView } from '../breaker-state.js';

const at = (iso: string) => new Date(`2026-03-02T${iso}Z`);
const transition = (worker: string, state: BreakerTransition['state'], time: string, retry?: string): BreakerTransition => ({
  worker, state, at: at(time), retryAt: retry ? at(retry) : null,
});

describe('breakerView', () => {
  it('is closed when no worker ever opened the breaker', () => {
    expect(breakerView([], [], at('10:00:00'))).toMatchObject({ state: 'closed', since: null, retryAt: null, workers: [] });
  });

  it('is open while any worker keeps it open, with the earliest time a worker tries again', () => {
    // given one worker open until 10:00:30 and another open until 10:00:40, a third closed
    const latest = [transition('a', 'open', '10:00:00', '10:00:30'), transition('b', 'open', '10:00:10', '10:00:40'), transition('c', 'closed', '09:59:00')];
    // when asked at 10:00:20
    const view = breakerView(latest, latest, at('10:00:20'));
    // then the department's system counts as open
    expect(view).toMatchObject({ state: 'open', since: at('10:00:10').toISOString(), retryAt: at('10:00:30').toISOString() });
  });

  it('counts an open breaker whose cool-down is over as half-open: the next call is a trial', () => {
    const latest = [transition('a', 'open', '10:00:00', '10:00:30')];
    const view = breakerView(latest, latest, at('10:01:00'));
    expect(view.state).toBe('half-open');
    expect(view.workers[0]?.state).toBe('half-open');
    // the recorded transition stays what the worker wrote
    expect(view.transitions[0]?.state).toBe('open');
  });

  it('is closed again once every worker closed its breaker', () => {
    const recent = [transition('a', 'closed', '10:01:01'), transition('a', 'half-open', '10:01:00'), transition('a', 'open', '10:00:00', '10:00:30')];
    expect(breakerView([recent[0]!], recent, at('10:02:00'))).toMatchObject({ state: 'closed', since: at('10:01:01').toISOString(), transitions: [{ state: 'closed' }, { state: 'half-open' }, { state: 'open' }] });
  });
});
