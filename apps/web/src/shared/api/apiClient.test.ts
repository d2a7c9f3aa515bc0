import { meSchema } from '@gov/contracts';
import { describe, expect, it } from 'vitest';
import { createApiClient } from './apiClient';
import { ApiError } from './ApiError';

const me = {
  id: 'u-1',
  username: 'clerk1',
  name: '王窗口',
  email: null,
  roles: ['clerk'],
  departments: [{ path: '/沈阳市/和平区/太原街街道', name: '太原街街道' }],
  idNumberMasked: null,
  company: null,
  areas: ['counter'],
};

function fakeFetch(response: () => Response) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetchImpl: typeof fetch = (input, init) => {
    calls.push({ url: input instanceof Request ? input.url : input.toString(), init });
    return Promise.resolve(response());
  };
  return { calls, fetchImpl };
}

const json = (body: unknown, status = 200, type = 'application/json') => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

describe('createApiClient', () => {
  it('sends the bearer token and returns the validated body', async () => {
    // given a logged-in user's token and an API answering /api/me
    const { calls, fetchImpl } = fakeFetch(() => json(me));
    const api = createApiClient(() => Promise.resolve('token-abc'), fetchImpl);
    // when
    const result = await api.get('/api/me', meSchema);
    // then
    expect(result.name).toBe('王窗口');
    expect(calls).toHaveLength(1);
    expect(new Headers(calls[0]?.init?.headers).get('Authorization')).toBe('Bearer token-abc');
  });

  it('sends no Authorization header for anonymous calls', async () => {
    const { calls, fetchImpl } = fakeFetch(() => json(me));
    await createApiClient(() => Promise.resolve(undefined), fetchImpl).get('/api/me', meSchema);
    expect(new Headers(calls[0]?.init?.headers).has('Authorization')).toBe(false);
  });

  it('turns a problem+json answer into an ApiError with its title and detail', async () => {
    const problem = { type: 'about:blank', title: 'Forbidden', status: 403, code: 'forbidden', detail: 'Approvers only.' };
    const { fetchImpl } = fakeFetch(() => json(problem, 403, 'application/problem+json'));
    const call = createApiClient(() => Promise.resolve('t'), fetchImpl).get('/api/inbox', meSchema);
    await expect(call).rejects.toBeInstanceOf(ApiError);
    await expect(call).rejects.toMatchObject({ status: 403, code: 'forbidden', title: 'Forbidden', detail: 'Approvers only.' });
  });

  it('rejects a body that breaks the contract instead of passing it on', async () => {
    const { fetchImpl } = fakeFetch(() => json({ ...me, roles: ['wizard'] }));
    const call = createApiClient(() => Promise.resolve('t'), fetchImpl).get('/api/me', meSchema);
    await expect(call).rejects.toMatchObject({ code: 'invalid-response', detail: expect.stringContaining('roles.0') });
  });

  it('says so when an HTML page comes back where JSON was expected', async () => {
    const { fetchImpl } = fakeFetch(() => new Response('<!doctype html><html></html>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    const call = createApiClient(() => Promise.resolve(undefined), fetchImpl).get('/api/config', meSchema);
    await expect(call).rejects.toMatchObject({ code: 'invalid-response', detail: 'GET /api/config: expected JSON but got text/html' });
  });

  it('reports an unreachable server as a network error', async () => {
    const fetchImpl: typeof fetch = () => Promise.reject(new TypeError('fetch failed'));
    const call = createApiClient(() => Promise.resolve(undefined), fetchImpl).get('/api/me', meSchema);
    await expect(call).rejects.toMatchObject({ code: 'network-error', status: 0 });
  });

  it('passes extra headers such as Idempotency-Key with a JSON body', async () => {
    const { calls, fetchImpl } = fakeFetch(() => json(me));
    await createApiClient(() => Promise.resolve('t'), fetchImpl).send('POST', '/api/x', { a: 1 }, meSchema, { headers: { 'Idempotency-Key': 'k-1' } });
    const headers = new Headers(calls[0]?.init?.headers);
    expect(headers.get('Idempotency-Key')).toBe('k-1');
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(calls[0]?.init?.body).toBe('{"a":1}');
  });

  it('uploads multipart form data without setting a Content-Type (the browser adds the boundary)', async () => {
    const { calls, fetchImpl } = fakeFetch(() => json(me, 201));
    const body = new FormData();
    body.append('file', new Blob(['%PDF-1.4'], { type: 'application/pdf' }), 'a.pdf');
    await createApiClient(() => Promise.resolve('t'), fetchImpl).upload('/api/files', body, meSchema);
    expect(calls[0]?.init?.method).toBe('POST');
    expect(calls[0]?.init?.body).toBe(body);
    expect(new Headers(calls[0]?.init?.headers).has('Content-Type')).toBe(false);
  });

  it('keeps the detail of a refused upload (413, 415) so the applicant learns why', async () => {
    const problem = { type: 'about:blank', title: 'Unsupported Media Type', status: 415, code: 'FILE_TYPE', detail: '只接受 PDF、JPEG、PNG、OFD 文件' };
    const { fetchImpl } = fakeFetch(() => json(problem, 415, 'application/problem+json'));
    const call = createApiClient(() => Promise.resolve('t'), fetchImpl).upload('/api/files', new FormData(), meSchema);
    await expect(call).rejects.toMatchObject({ status: 415, detail: '只接受 PDF、JPEG、PNG、OFD 文件' });
  });

  it('downloads a protected file as a blob with the bearer token', async () => {
    const { calls, fetchImpl } = fakeFetch(() => new Response('%PDF-1.4', { status: 200, headers: { 'Content-Type': 'application/pdf' } }));
    const blob = await createApiClient(() => Promise.resolve('tok'), fetchImpl).blob('/api/applications/1/receipt.pdf');
    expect(await blob.text()).toBe('%PDF-1.4');
    expect(new Headers(calls[0]?.init?.headers).get('Authorization')).toBe('Bearer tok');
  });
});
