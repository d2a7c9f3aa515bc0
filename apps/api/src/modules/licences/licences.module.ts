import path from 'node:path';
import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { ApplicationsModule } from '../applications/applications.module.js';
import { CatalogueModule } from '../catalogue/catalogue.module.js';
import { LicenceIssueWorker } from './licence-issue.worker.js';
import { LicenceKeys } from './licence-keys.js';
import { LICENCE_CONTROLLERS } from './licences.controller.js';
import { LicencesRepository } from './licences.repository.js';
import { LICENCE_KEYS, LicencesService } from './licences.service.js';

/** The e-licence library (R9, R19, R22, R23). */
@Module({
  imports: [
    ApplicationsModule,
    CatalogueModule,
    MulterModule.registerAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => ({ limits: { fileSize: config.applications.maxUploadBytes, files: 1, fields: 2 } }) }),
  ],
  controllers: LICENCE_CONTROLLERS,
  providers: [
    LicencesRepository, LicencesService, LicenceIssueWorker,
    { provide: LICENCE_KEYS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new LicenceKeys(path.resolve(config.licences.keyDir), config.licences.algorithm) },
  ],
})
export class LicencesModule {}
