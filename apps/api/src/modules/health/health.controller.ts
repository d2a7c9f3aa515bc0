import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/auth/access.decorators.js';
import { type HealthReport, HealthService } from './health.service.js';

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(@Inject(HealthService) private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: 'State of the API and its dependencies (database, Keycloak, engine); 503 when down' })
  async report(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.report();
    if (report.status === 'down') response.status(503);
    return report;
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the database answers and migrations have run; 503 otherwise' })
  async ready(@Res({ passthrough: true }) response: Response): Promise<{ status: 'up' | 'down' }> {
    const database = await this.health.database();
    if (database.status !== 'up') response.status(503);
    return { status: database.status };
  }
}
