import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { INTEGRATIONS_CONFIG } from './integrations.config.js';
import { IntegrationsController } from './integrations.controller.js';
import { IntegrationsRepository } from './integrations.repository.js';
import { IntegrationsService } from './integrations.service.js';

/** Department systems: connections, signed callbacks correlated to processes, data-exchange log (issue 8). */
@Module({
  imports: [ApplicationsModule],
  controllers: [IntegrationsController],
  providers: [{ provide: INTEGRATIONS_CONFIG, inject: [APP_CONFIG], useFactory: (config: AppConfig) => config.integrations }, IntegrationsRepository, IntegrationsService],
})
export class IntegrationsModule {}
