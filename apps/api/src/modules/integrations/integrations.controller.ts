import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type DeptConnectionInput, type DeptConnectionView, deptConnectionInputSchema, type ExchangeQuery, exchangeQuerySchema,
  SIGNATURE_HEADER, TIMESTAMP_HEADER,
} from '@gov/contracts';
import type { Request } from 'express';
import { CurrentUser, Public, Roles } from '../../common/auth/access.decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import { IntegrationsRepository } from './integrations.repository.js';
import { type CallbackOutcome, IntegrationsService, scopeOf } from './integrations.service.js';

const header = (request: Request, name: string): string | null => {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value : null;
};

@ApiTags('integrations')
@Controller('integrations')
export class IntegrationsController {
  constructor(
    @Inject(IntegrationsService) private readonly integrations: IntegrationsService,
    @Inject(IntegrationsRepository) private readonly repository: IntegrationsRepository,
  ) {}

  // Departments are not Keycloak users: the HMAC signature over timestamp and body authenticates them.
  @Post(':department/events')
  @Public()
  @HttpCode(202)
  @ApiOperation({ summary: 'A department system reports progress or a decision (signed: X-Gov-Timestamp, X-Gov-Signature)' })
  async event(@Param('department') department: string, @Req() request: Request, @Body() body: unknown): Promise<CallbackOutcome> {
    const outcome = await this.integrations.receiveEvent(department, {
      timestamp: header(request, TIMESTAMP_HEADER), signature: header(request, SIGNATURE_HEADER), body, path: request.originalUrl,
    });
    // A redelivered event is acknowledged the same way; the body says it was a duplicate.
    return outcome;
  }

  @Get('connections')
  @Roles('admin', 'dept-admin')
  @ApiOperation({ summary: 'Connections of department systems (admins: all; dept-admins: their own). Secrets are never returned.' })
  connections(@CurrentUser() principal: Principal): Promise<DeptConnectionView[]> {
    return this.integrations.listConnections(principal);
  }

  @Put('connections/:department')
  @Roles('admin', 'dept-admin')
  @ApiOperation({ summary: 'Create or replace a department system connection (base URL, auth, callback secret, job types, timeout, rate limit)' })
  saveConnection(
    @CurrentUser() principal: Principal,
    @Param('department') department: string,
    @Body(new ZodPipe(deptConnectionInputSchema, 'connection')) input: DeptConnectionInput,
  ): Promise<DeptConnectionView> {
    return this.integrations.saveConnection(principal, department, input);
  }

  @Get('exchanges')
  @Roles('admin', 'supervisor', 'dept-admin')
  @ApiOperation({ summary: 'Data-exchange log, newest first (admins and supervisors: all; dept-admins: their departments)' })
  async exchanges(@CurrentUser() principal: Principal, @Query(new ZodPipe(exchangeQuerySchema, 'exchange query')) query: ExchangeQuery) {
    const scope = principal.roles.includes('admin') || principal.roles.includes('supervisor') ? 'all' : scopeOf(principal);
    const rows = await this.repository.exchanges(query, scope);
    return {
      items: rows.map((r) => ({
        id: r.id, occurredAt: r.occurred_at.toISOString(), department: r.department, direction: r.direction, caseNumber: r.case_number,
        eventId: r.event_id, method: r.method, path: r.path, status: r.status, outcome: r.outcome, durationMs: r.duration_ms,
        payloadHash: r.payload_hash, payload: r.payload, error: r.error,
      })),
    };
  }
}
