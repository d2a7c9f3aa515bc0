// The one place where errors become HTTP responses: RFC 9457 application/problem+json.
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Problem } from '@gov/contracts';
import type { Request, Response } from 'express';
import { AppError, type ErrorKind } from './app-error.js';
import { requestIdOf } from './request-id.js';

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unprocessable: 422,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  gone: 410,
  'too-large': 413,
  'unsupported-type': 415,
  unavailable: 503,
  internal: 500,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** pg-pool's error when no connection became free within `connectionTimeoutMillis`. */
const POOL_EXHAUSTED = /^timeout exceeded when trying to connect$/;

export function problemFor(error: unknown, instance: string, requestId: string | undefined): Problem {
  if (error instanceof AppError) {
    const status = STATUS[error.kind];
    return {
      type: `urn:gov:problem:${error.code.toLowerCase().replaceAll('_', '-')}`,
      title: TITLES[status] ?? 'Error',
      status,
      detail: error.message,
      code: error.code,
      instance,
      requestId,
      ...(error.fieldProblems ? { errors: error.fieldProblems } : {}),
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = HttpStatus[status] ?? 'HTTP_ERROR';
    return {
      type: 'about:blank',
      title: TITLES[status] ?? code,
      status,
      detail: error.message,
      code,
      instance,
      requestId,
    };
  }
  // Body-parser errors (malformed JSON, too large) carry a status of their own.
  if (error instanceof Error && 'status' in error && typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
    const status = error.status;
    const malformed = 'type' in error && error.type === 'entity.parse.failed';
    return {
      type: 'about:blank',
      title: TITLES[status] ?? 'Bad Request',
      status,
      detail: malformed ? 'The request body is not valid JSON.' : error.message,
      code: malformed ? 'MALFORMED_JSON' : (HttpStatus[status] ?? 'BAD_REQUEST'),
      instance,
      requestId,
    };
  }
  // Every database connection is taken (a burst): the request did nothing; trying again shortly works.
  if (error instanceof Error && POOL_EXHAUSTED.test(error.message)) {
    return {
      type: 'urn:gov:problem:database-busy',
      title: TITLES[503] ?? 'Service Unavailable',
      status: 503,
      detail: 'The platform is very busy right now and could not take this request; nothing was changed. Try again in a few seconds.',
      code: 'DATABASE_BUSY',
      instance,
      requestId,
    };
  }
  return {
    type: 'about:blank',
    title: TITLES[500] ?? 'Internal Server Error',
    status: 500,
    detail: 'An unexpected error occurred. Quote the request id when reporting it.',
    code: 'INTERNAL_ERROR',
    instance,
    requestId,
  };
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = problemFor(error, request.originalUrl, requestIdOf(request));
    if (problem.status >= 500) this.logger.error({ err: error, requestId: problem.requestId }, 'request failed');
    if (response.headersSent) return;
    if (problem.code === 'DATABASE_BUSY') response.setHeader('Retry-After', '5');
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }
}
