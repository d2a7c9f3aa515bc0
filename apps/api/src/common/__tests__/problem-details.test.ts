import { describe, expect, it } from 'vitest';
import { problemFor } from '../problem-details.filter.js';

describe('problemFor', () => {
  it('answers an exhausted database pool with 503 and a retry hint, not an internal error', () => {
    expect(problemFor(new Error('timeout exceeded when trying to connect'), '/api/applications/x/submit', 'r1')).toMatchObject({
      status: 503, code: 'DATABASE_BUSY', detail: expect.stringContaining('nothing was changed'), requestId: 'r1',
    });
  });

  it('keeps other unexpected errors internal, without their message', () => {
    const problem = problemFor(new Error('relation "x" does not exist'), '/api/x', 'r2');
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    expect(problem.detail).not.toContain('relation');
  });
});
