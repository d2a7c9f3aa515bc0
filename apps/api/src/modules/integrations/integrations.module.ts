import { Module } from '@nestjs/common';
import { loadIntegrationsConfig, INTEGRATIONS_CONFIG } from './integrations.config.js';
import { IntegrationsController } from './integrations.controller.js';
import { IntegrationsRepository } from './integrations.repository.js';
import { IntegrationsService } from './integrations.service.js';

/** Department systems: connections, signed callbacks correlated to processes, data-exchange log (issue 8). */
@Module({
  controllers: [IntegrationsController],
  providers: [{ provide: INTEGRATIONS_CONFIG, useFactory: () => loadIntegrationsConfig() }, IntegrationsRepository, IntegrationsService],
})
export class IntegrationsModule {}
