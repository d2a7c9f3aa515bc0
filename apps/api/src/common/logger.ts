// Structured JSON logs (pino); Nest's own messages go through the same logger.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import { type HttpLogger, pinoHttp } from 'pino-http';
import type { AppConfig } from '../config/config.js';
import { assignRequestId } from './request-id.js';

export function createLogger(level: AppConfig['logLevel']): Logger {
  return pino({ level, base: { service: 'gov-api' }, redact: ['req.headers.authorization', 'req.headers.cookie'] });
}

export function httpLogger(logger: Logger): HttpLogger<IncomingMessage, ServerResponse> {
  return pinoHttp({
    logger,
    genReqId: (request: IncomingMessage, response: ServerResponse) => assignRequestId(request, response),
    customLogLevel: (_request: IncomingMessage, response: ServerResponse, error: Error | undefined) => (error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info'),
    autoLogging: { ignore: (request: IncomingMessage) => request.url?.startsWith('/api/health') === true },
  });
}

function split(message: unknown, context: unknown[]): [Record<string, unknown>, string] {
  const ctx = typeof context.at(-1) === 'string' ? { context: context.at(-1) } : {};
  if (typeof message === 'object' && message !== null) return [{ ...ctx, ...message }, typeof context[0] === 'string' && context.length > 1 ? context[0] : ''];
  return [ctx, String(message)];
}

export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, ...context: unknown[]): void { this.logger.info(...split(message, context)); }
  error(message: unknown, ...context: unknown[]): void { this.logger.error(...split(message, context)); }
  warn(message: unknown, ...context: unknown[]): void { this.logger.warn(...split(message, context)); }
  debug(message: unknown, ...context: unknown[]): void { this.logger.debug(...split(message, context)); }
  verbose(message: unknown, ...context: unknown[]): void { this.logger.trace(...split(message, context)); }
  fatal(message: unknown, ...context: unknown[]): void { this.logger.fatal(...split(message, context)); }
}
