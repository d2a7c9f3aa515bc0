import { describe, expect, it } from 'vitest';
import { ApiError } from './ApiError';
import { toApiError } from './problem';

describe('toApiError', () => {
  it('keeps title, detail, status and code of a problem+json body', () => {
    // given a 403 problem document from the API
    const body = {
      type: 'https://gov.example/problems/forbidden',
      title: 'Forbidden',
      status: 403,
      detail: 'The approver role is required.',
      code: 'forbidden',
      requestId: 'req-42',
    };
    // when
    const error = toApiError({ status: 403, statusText: 'Forbidden', contentType: 'application/problem+json; charset=utf-8', body });
    // then
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, code: 'forbidden', title: 'Forbidden', detail: 'The approver role is required.', requestId: 'req-42' });
    expect(error.message).toBe('Forbidden: The approver role is required.');
  });

  it('carries field errors of a validation problem', () => {
    const body = { type: 'about:blank', title: 'Validation failed', status: 400, code: 'validation', errors: [{ path: 'name', message: 'Required' }] };
    const error = toApiError({ status: 400, statusText: 'Bad Request', contentType: 'application/problem+json', body });
    expect(error.fieldErrors).toEqual([{ path: 'name', message: 'Required' }]);
    expect(error.message).toBe('Validation failed');
  });

  it('names the HTTP status when a proxy answers with an HTML page', () => {
    const error = toApiError({ status: 502, statusText: 'Bad Gateway', contentType: 'text/html', body: '<html><body>Bad gateway</body></html>' });
    expect(error).toMatchObject({ status: 502, code: 'http-502', title: 'HTTP 502 Bad Gateway', detail: undefined });
  });

  it('keeps a short plain-text body as the detail', () => {
    const error = toApiError({ status: 500, statusText: '', contentType: 'text/plain', body: 'database is down' });
    expect(error).toMatchObject({ title: 'HTTP 500', detail: 'database is down', code: 'http-500' });
  });

  it('does not trust a problem+json body that lacks the required fields', () => {
    const error = toApiError({ status: 404, statusText: 'Not Found', contentType: 'application/problem+json', body: { title: 'Not here' } });
    expect(error).toMatchObject({ status: 404, code: 'http-404', title: 'HTTP 404 Not Found' });
  });
});
