import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const REQUEST_ID = /^[\w.-]{1,128}$/;
const ids = new WeakMap<IncomingMessage, string>();

/** Takes a caller's X-Request-Id when it is well-formed, otherwise makes one; echoes it back. */
export function assignRequestId(request: IncomingMessage, response: ServerResponse): string {
  const existing = ids.get(request);
  if (existing) return existing;
  const header = request.headers['x-request-id'];
  const id = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
  ids.set(request, id);
  response.setHeader('X-Request-Id', id);
  return id;
}

export function requestIdOf(request: IncomingMessage): string | undefined {
  return ids.get(request);
}
