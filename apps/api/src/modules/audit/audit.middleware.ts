// Writes an audit entry for every state-changing request once its response is known,
// including requests refused by authentication or authorisation.
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { principalOf } from '../../common/auth/access.decorators.js';
import { assignRequestId } from '../../common/request-id.js';
import type { AuditOutcome } from './audit-entry.js';
import { AuditRepository } from './audit.repository.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function outcomeOf(status: number): AuditOutcome {
  if (status < 400) return 'success';
  if (status === 401 || status === 403) return 'denied';
  if (status < 500) return 'rejected';
  return 'failed';
}

/** The route pattern (e.g. /api/items/:code) names the action; the concrete path is kept too. */
function actionOf(request: Request): string {
  const route: unknown = request.route;
  const pattern = typeof route === 'object' && route !== null && 'path' in route && typeof route.path === 'string'
    ? `${request.baseUrl}${route.path}` : request.path;
  return `${request.method} ${pattern}`;
}

function targetOf(request: Request): string | null {
  const params = Object.entries(request.params ?? {});
  return params.length > 0 ? params.map(([k, v]) => `${k}=${String(v)}`).join('&') : null;
}

@Injectable()
export class AuditMiddleware implements NestMiddleware, BeforeApplicationShutdown {
  private readonly logger = new Logger('Audit');
  /** Entries being written; shutdown waits for them so that no audit entry is lost. */
  private readonly pending = new Set<Promise<unknown>>();

  constructor(@Inject(AuditRepository) private readonly audit: AuditRepository) {}

  use(request: Request, response: Response, next: NextFunction): void {
    if (!STATE_CHANGING.has(request.method)) {
      next();
      return;
    }
    const requestId = assignRequestId(request, response);
    const occurredAt = new Date();
    response.once('finish', () => {
      const principal = principalOf(request);
      const write = this.audit.append({
        occurredAt,
        requestId,
        actorId: principal?.subject ?? null,
        actorName: principal?.username ?? null,
        actorRoles: principal?.roles ?? [],
        action: actionOf(request),
        target: targetOf(request),
        method: request.method,
        path: request.originalUrl.split('?')[0] ?? request.originalUrl,
        status: response.statusCode,
        outcome: outcomeOf(response.statusCode),
        clientIp: request.ip ?? null,
      }).catch((error: unknown) => this.logger.error({ err: error, requestId }, 'audit entry could not be written'));
      this.pending.add(write);
      void write.finally(() => this.pending.delete(write));
    });
    next();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}
