import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type CaseCancellation, caseCancellationSchema, type DepartmentHealthView, type IncidentRetry, incidentRetrySchema, type IncidentView,
} from '@gov/contracts';
import { z } from 'zod';
import { Roles } from '../../common/auth/access.decorators.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import { OperationsService } from './operations.service.js';

const keySchema = z.string().regex(/^\d{1,20}$/, 'must be an engine key');
const incidentQuerySchema = z.object({ processInstanceKey: keySchema.optional() }).strict();

@ApiTags('operations')
@Controller('operations')
@Roles('admin', 'supervisor')
export class OperationsController {
  constructor(@Inject(OperationsService) private readonly operations: OperationsService) {}

  @Get('incidents')
  @ApiOperation({ summary: 'Open incidents with the failing element, the error and the case variables' })
  incidents(@Query(new ZodPipe(incidentQuerySchema, 'incident query')) query: z.infer<typeof incidentQuerySchema>): Promise<IncidentView[]> {
    return this.operations.incidents(query.processInstanceKey);
  }

  @Post('incidents/:incidentKey/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Correct variables (optional), give the job retries back and resolve the incident' })
  retry(
    @Param('incidentKey', new ZodPipe(keySchema, 'incident key')) incidentKey: string,
    @Body(new ZodPipe(incidentRetrySchema, 'retry')) body: IncidentRetry,
  ): Promise<{ resolved: true }> {
    return this.operations.retry(incidentKey, body);
  }

  @Post('cases/:processInstanceKey/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a running case with a reason (the reason is kept in the audit log request)' })
  cancel(
    @Param('processInstanceKey', new ZodPipe(keySchema, 'process instance key')) processInstanceKey: string,
    @Body(new ZodPipe(caseCancellationSchema, 'cancellation')) body: CaseCancellation,
  ): Promise<{ cancelled: true; reason: string }> {
    return this.operations.cancelCase(processInstanceKey, body);
  }

  @Get('departments/health')
  @ApiOperation({ summary: 'Per department, outbound calls of the last 24 hours: count, success rate, average latency, last failure' })
  health(): Promise<DepartmentHealthView[]> {
    return this.operations.departmentHealth();
  }
}
