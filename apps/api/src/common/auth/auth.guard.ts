import { type CanActivate, type ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../app-error.js';
import { ACCESS, type AccessRule, setPrincipal } from './access.decorators.js';
import { TokenVerifier } from './token-verifier.js';

function bearerToken(request: Request): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>".', 'TOKEN_MALFORMED');
  return match[1];
}

@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS, [context.getHandler(), context.getClass()]);
    if (!rule) {
      // Fail closed: an undeclared route is a programming error, never an open door.
      this.logger.error(`Route ${context.getClass().name}.${context.getHandler().name} declares no access rule`);
      throw new ForbiddenError('This route declares no access rule and is closed.', 'ROUTE_ACCESS_UNDECLARED');
    }
    const request = context.switchToHttp().getRequest<Request>();
    const token = bearerToken(request);
    if (rule.kind === 'public') {
      // A public route still knows who is calling when a valid token comes along.
      if (token) setPrincipal(request, await this.verifier.verify(token));
      return true;
    }
    if (!token) throw new UnauthenticatedError();
    const principal = await this.verifier.verify(token);
    setPrincipal(request, principal);
    if (rule.kind === 'roles' && !rule.roles.some((role) => principal.roles.includes(role))) {
      throw new ForbiddenError(`This action requires one of the roles: ${rule.roles.join(', ')}.`, 'ROLE_REQUIRED');
    }
    if (rule.kind === 'service' && principal.serviceAccount !== true) {
      throw new ForbiddenError('This action is for department systems calling with a service account (client role "service").', 'SERVICE_ACCOUNT_REQUIRED');
    }
    return true;
  }
}
