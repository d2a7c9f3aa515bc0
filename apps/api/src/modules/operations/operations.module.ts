import { Module } from '@nestjs/common';
import { OperationsController } from './operations.controller.js';
import { OperationsService } from './operations.service.js';

/** Operations console for admins and supervisors: incidents, retries, cancellations, department health (issue 8). */
@Module({ controllers: [OperationsController], providers: [OperationsService] })
export class OperationsModule {}
