import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../departments/circuit-breaker.js';

describe('CircuitBreaker', () => {
  const clock = () => {
    let now = 1_000;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  };

  it('opens after the threshold of consecutive failures and refuses calls while open', () => {
    const time = clock();
    const breaker = new CircuitBreaker(3, 1000, time.now);
    breaker.failure();
    breaker.failure();
    expect(breaker.state).toBe('closed');
    breaker.failure();
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    expect(breaker.waitMs()).toBe(1000);
  });

  it('lets one trial call through after the cool-down; success closes, failure reopens', () => {
    const time = clock();
    const breaker = new CircuitBreaker(1, 1000, time.now);
    breaker.failure();
    time.advance(1000);
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.failure();
    expect(breaker.state).toBe('open');
    time.advance(1000);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.success();
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('does not count a success between failures towards the threshold', () => {
    const breaker = new CircuitBreaker(2, 1000, clock().now);
    breaker.failure();
    breaker.success();
    breaker.failure();
    expect(breaker.state).toBe('closed');
  });
});
