import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CaseCancellation, caseCancellationSchema, type IncidentRetry, incidentRetrySchema } from '@gov/contracts';
import { z } from 'zod';
import { CurrentUser, Roles } from '../../common/auth/access.decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import { operationsScope } from './operations.scope.js';
import { OperationsService } from './operations.service.js';
import type { OperationsHealthView, OperationsIncidentView } from './operations.views.js';

const keySchema = z.string().regex(/^\d{1,20}$/, 'must be an engine key');
const incidentQuerySchema = z.object({ processInstanceKey: keySchema.optional() }).strict();

@ApiTags('operations')
@Controller('operations')
// Department admins: only their departments' cases and systems; other incidents and cases are 404 to them.
@Roles('admin', 'supervisor', 'dept-admin')
export class OperationsController {
  constructor(@Inject(OperationsService) private readonly operations: OperationsService) {}

  @Get('incidents')
  @ApiOperation({ summary: 'Open incidents with the failing element, the error, the case variables and the case (dept-admins: their departments\' cases)' })
  incidents(
    @CurrentUser() principal: Principal,
    @Query(new ZodPipe(incidentQuerySchema, 'incident query')) query: z.infer<typeof incidentQuerySchema>,
  ): Promise<OperationsIncidentView[]> {
    return this.operations.incidents(operationsScope(principal), query.processInstanceKey);
  }

  @Post('incidents/:incidentKey/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Correct variables (optional), give the job retries back and resolve the incident' })
  retry(
    @CurrentUser() principal: Principal,
    @Param('incidentKey', new ZodPipe(keySchema, 'incident key')) incidentKey: string,
    @Body(new ZodPipe(incidentRetrySchema, 'retry')) body: IncidentRetry,
  ): Promise<{ resolved: true }> {
    return this.operations.retry(operationsScope(principal), incidentKey, body);
  }

  @Post('cases/:processInstanceKey/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a running case with a reason (the reason is kept in the audit log request)' })
  cancel(
    @CurrentUser() principal: Principal,
    @Param('processInstanceKey', new ZodPipe(keySchema, 'process instance key')) processInstanceKey: string,
    @Body(new ZodPipe(caseCancellationSchema, 'cancellation')) body: CaseCancellation,
  ): Promise<{ cancelled: true; reason: string }> {
    return this.operations.cancelCase(operationsScope(principal), processInstanceKey, body, principal.name);
  }

  @Get('departments/health')
  @ApiOperation({ summary: 'Per department, outbound calls of the last 24 hours (count, success rate, average latency, last failure) and the circuit-breaker state over all workers' })
  health(@CurrentUser() principal: Principal): Promise<OperationsHealthView[]> {
    return this.operations.departmentHealth(operationsScope(principal), new Date());
  }
}
