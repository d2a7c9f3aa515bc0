import { describe, expect, it } from 'vitest';
import { ApiError } from '../shared/api/ApiError';
import { shouldRetry } from './queryClient';

describe('shouldRetry', () => {
  it('does not retry a forbidden request', () => {
    expect(shouldRetry(0, new ApiError({ status: 403, code: 'forbidden', title: 'Forbidden' }))).toBe(false);
  });

  it('retries a server or network failure twice, then gives up', () => {
    const error = new ApiError({ status: 503, code: 'unavailable', title: 'Service Unavailable' });
    expect(shouldRetry(0, error)).toBe(true);
    expect(shouldRetry(1, error)).toBe(true);
    expect(shouldRetry(2, error)).toBe(false);
  });
});
