import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/ApiError';
import { newUuid, SubmitAttempt } from './submitAttempt';

const counter = () => {
  let n = 0;
  return () => `key-${++n}`;
};

describe('SubmitAttempt', () => {
  it('reuses the key when the outcome is unknown (network error, 5xx) so a retry cannot file twice', () => {
    const attempt = new SubmitAttempt(counter());
    expect(attempt.key()).toBe('key-1');
    attempt.settle(new ApiError({ status: 0, code: 'network-error', title: 'Network error' }));
    expect(attempt.key()).toBe('key-1');
    attempt.settle(new ApiError({ status: 503, code: 'http-503', title: 'HTTP 503' }));
    expect(attempt.key()).toBe('key-1');
  });

  it('starts a new attempt after a definitive answer (success or 422)', () => {
    const attempt = new SubmitAttempt(counter());
    attempt.key();
    attempt.settle(new ApiError({ status: 422, code: 'validation', title: 'Invalid' }));
    expect(attempt.key()).toBe('key-2');
    attempt.settle();
    expect(attempt.key()).toBe('key-3');
  });
});

describe('newUuid', () => {
  it('makes version-4 UUIDs', () => {
    expect(newUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
