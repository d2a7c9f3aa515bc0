import type { z } from 'zod';
import { ApiError, CLIENT_ERROR_CODES } from './ApiError';
import { toApiError } from './problem';

/** Supplies a fresh access token (refreshed shortly before expiry), or undefined when anonymous. */
export type TokenSource = () => Promise<string | undefined>;

export interface ApiClient {
  get<T>(path: string, schema: z.ZodType<T>, init?: { signal?: AbortSignal }): Promise<T>;
  send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body: unknown, schema: z.ZodType<T>, init?: { signal?: AbortSignal }): Promise<T>;
}

/**
 * fetch wrapper for the platform API: adds the bearer token, turns problem+json errors into
 * ApiError and validates every successful body with its contract schema (parse at the edge).
 */
export function createApiClient(getToken: TokenSource, fetchImpl: typeof fetch = (input, init) => fetch(input, init)): ApiClient {
  async function request<T>(method: string, path: string, body: unknown, schema: z.ZodType<T>, signal: AbortSignal | undefined): Promise<T> {
    const headers = new Headers({ Accept: 'application/json, application/problem+json' });
    const token = await getToken();
    if (token) headers.set('Authorization', `Bearer ${token}`);
    if (body !== undefined) headers.set('Content-Type', 'application/json');

    let response: Response;
    try {
      response = await fetchImpl(path, { method, headers, body: body === undefined ? null : JSON.stringify(body), signal: signal ?? null });
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw new ApiError({ status: 0, code: CLIENT_ERROR_CODES.network, title: 'Network error', detail: cause instanceof Error ? cause.message : undefined }, { cause });
    }

    const payload = await readBody(response);
    if (!response.ok) {
      throw toApiError({ status: response.status, statusText: response.statusText, contentType: response.headers.get('Content-Type'), body: payload });
    }
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
    get: (path, schema, init) => request('GET', path, undefined, schema, init?.signal),
    send: (method, path, body, schema, init) => request(method, path, body, schema, init?.signal),
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
