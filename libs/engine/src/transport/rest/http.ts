// Small HTTP helpers shared by the REST handlers: bodies, JSON answers, problem details.
import type http from 'node:http';
import type { EngineRejectionError } from '../../runtime/errors.js';

const MAX_BODY = 4 * 1024 * 1024;

export class HttpProblem extends Error {
  constructor(readonly status: number, readonly title: string, detail: string) {
    super(detail);
  }
}

export function statusOf(error: EngineRejectionError): number {
  switch (error.code) {
    case 'NOT_FOUND': return 404;
    case 'INVALID_ARGUMENT': return 400;
    case 'INVALID_STATE': return 409;
    case 'ALREADY_EXISTS': return 409;
    case 'RESOURCE_EXHAUSTED': return 429;
  }
}

export function send(res: http.ServerResponse, status: number, body?: unknown, contentType = 'application/json'): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) }).end(payload);
}

export function problem(res: http.ServerResponse, instance: string, status: number, title: string, detail: string): void {
  send(res, status, { type: 'about:blank', title, status, detail, instance }, 'application/problem+json');
}

export async function readRaw(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY) throw new HttpProblem(413, 'PAYLOAD_TOO_LARGE', `Request body exceeds the maximum size of ${MAX_BODY} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const text = (await readRaw(req)).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpProblem(400, 'INVALID_ARGUMENT', 'Request body is not valid JSON');
  }
}

