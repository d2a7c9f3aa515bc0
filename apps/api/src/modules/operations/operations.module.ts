import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module.js';
import { OperationsController } from './operations.controller.js';
import { OperationsRepository } from './operations.repository.js';
import { OperationsService } from './operations.service.js';

/**
 * Operations console for admins and supervisors (everything) and department admins (their
 * departments' cases and systems): incidents, retries, cancellations, department health (issue 8).
 */
@Module({ imports: [ApplicationsModule], controllers: [OperationsController], providers: [OperationsRepository, OperationsService] })
export class OperationsModule {}
