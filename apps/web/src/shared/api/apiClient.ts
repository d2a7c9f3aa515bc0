import type { z } from 'zod';
import { ApiError, CLIENT_ERROR_CODES } from './ApiError';
import { toApiError } from './problem';

/** Supplies a fresh access token (refreshed shortly before expiry), or undefined when anonymous. */
export type TokenSource = () => Promise<string | undefined>;

export interface RequestOptions {
  signal?: AbortSignal;
  /** Extra request headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>;
}

export interface ApiClient {
  get<T>(path: string, schema: z.ZodType<T>, init?: RequestOptions): Promise<T>;
  send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body: unknown, schema: z.ZodType<T>, init?: RequestOptions): Promise<T>;
  /** POSTs a multipart/form-data body (file uploads); the browser sets the boundary. */
  upload<T>(path: string, body: FormData, schema: z.ZodType<T>, init?: RequestOptions): Promise<T>;
  /** GETs a binary resource that needs the bearer token (a PDF, an uploaded file). */
  blob(path: string, init?: RequestOptions): Promise<Blob>;
}

/**
 * fetch wrapper for the platform API: adds the bearer token, turns problem+json errors into
 * ApiError and validates every successful body with its contract schema (parse at the edge).
 */
export function createApiClient(getToken: TokenSource, fetchImpl: typeof fetch = (input, init) => fetch(input, init)): ApiClient {
  /** Sends one request with the token; a failed answer becomes an ApiError, a good one is returned unread. */
  async function exchange(method: string, path: string, body: BodyInit | null, accept: string, init: RequestOptions | undefined, contentType?: string): Promise<Response> {
    const headers = new Headers({ Accept: accept, ...init?.headers });
    const token = await getToken();
    if (token) headers.set('Authorization', `Bearer ${token}`);
    if (contentType) headers.set('Content-Type', contentType);
    const signal = init?.signal;

    let response: Response;
    try {
      response = await fetchImpl(path, { method, headers, body, signal: signal ?? null });
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw new ApiError({ status: 0, code: CLIENT_ERROR_CODES.network, title: 'Network error', detail: cause instanceof Error ? cause.message : undefined }, { cause });
    }
    if (!response.ok) {
      const payload = await readBody(response);
      throw toApiError({ status: response.status, statusText: response.statusText, contentType: response.headers.get('Content-Type'), body: payload });
    }
    return response;
  }

  async function request<T>(method: string, path: string, body: BodyInit | null, schema: z.ZodType<T>, init: RequestOptions | undefined, contentType?: string): Promise<T> {
    const response = await exchange(method, path, body, 'application/json, application/problem+json', init, contentType);
    const payload = await readBody(response);
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const problem =
        typeof payload === 'string' || payload === undefined
          ? `expected JSON but got ${response.headers.get('Content-Type') ?? 'no content type'}`
          : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');
      throw new ApiError({ status: response.status, code: CLIENT_ERROR_CODES.invalidResponse, title: 'Invalid response', detail: `${method} ${path}: ${problem}` }, { cause: parsed.error });
    }
    return parsed.data;
  }

  return {
    get: (path, schema, init) => request('GET', path, null, schema, init),
    send: (method, path, body, schema, init) =>
      body === undefined ? request(method, path, null, schema, init) : request(method, path, JSON.stringify(body), schema, init, 'application/json'),
    upload: (path, body, schema, init) => request('POST', path, body, schema, init),
    blob: async (path, init) => (await exchange('GET', path, null, '*/*', init)).blob(),
  };
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  const type = response.headers.get('Content-Type') ?? '';
  if (/json/i.test(type)) {
    try {
      const json: unknown = JSON.parse(text);
      return json;
    } catch {
      return text;
    }
  }
  return text;
}
