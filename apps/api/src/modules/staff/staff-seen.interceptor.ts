// Every request of a staff member keeps the staff directory current (after the guard has verified the token).
import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { principalOf } from '../../common/auth/access.decorators.js';
import { StaffDirectory } from './staff-directory.js';

@Injectable()
export class StaffSeenInterceptor implements NestInterceptor {
  constructor(@Inject(StaffDirectory) private readonly directory: StaffDirectory) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const principal = principalOf(context.switchToHttp().getRequest<Request>());
      // Not awaited: the request does not wait for the directory (which logs its own failures).
      if (principal) void this.directory.seen(principal, new Date());
    }
    return next.handle();
  }
}
