// Every route declares who may call it. The guard refuses a route that declares nothing,
// and a test walks every route to prove each one has a declaration.
import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@gov/contracts';
import type { Request } from 'express';
import { UnauthenticatedError } from '../app-error.js';
import type { Principal } from './principal.js';

export const ACCESS = 'gov:access';

export type AccessRule =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'roles'; roles: readonly Role[] }
  | { kind: 'service' };

/** Anyone, logged in or not. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata<string, AccessRule>(ACCESS, { kind: 'public' });

/** Any logged-in user, whatever the roles. */
export const Authenticated = (): MethodDecorator & ClassDecorator => SetMetadata<string, AccessRule>(ACCESS, { kind: 'authenticated' });

/** A logged-in user with at least one of these realm roles. */
export const Roles = (...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator =>
  SetMetadata<string, AccessRule>(ACCESS, { kind: 'roles', roles });

/** A service account with the API's client role `service` (department systems), never a person. */
export const ServiceAccount = (): MethodDecorator & ClassDecorator => SetMetadata<string, AccessRule>(ACCESS, { kind: 'service' });

const principals = new WeakMap<Request, Principal>();

export function setPrincipal(request: Request, principal: Principal): void {
  principals.set(request, principal);
}

export function principalOf(request: Request): Principal | undefined {
  return principals.get(request);
}

/** The verified caller; only on routes that require login. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = principalOf(context.switchToHttp().getRequest<Request>());
  if (!principal) throw new UnauthenticatedError();
  return principal;
});
