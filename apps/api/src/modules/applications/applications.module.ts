import path from 'node:path';
import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { CatalogueModule } from '../catalogue/catalogue.module.js';
import { EngineModule } from '../engine/engine.module.js';
import { ApplicationViews } from './application-views.js';
import { ApplicationsController, CounterController, FilesController, NotificationsController, RectificationsController } from './applications.controller.js';
import { ApplicationsRepository } from './applications.repository.js';
import { ApplicationsService } from './applications.service.js';
import { CaseDecisionsService } from './case-decisions.service.js';
import { CaseEngine } from './case-engine.js';
import { CaseNotifier, LogNotificationAdapter, OUTBOUND_NOTIFICATIONS } from './case-notifier.js';
import { CaseResultWorker } from './case-result.worker.js';
import { MaterialsService } from './materials.service.js';
import { acceptAllScanner, FILE_STORAGE, LocalFileStorage, MATERIAL_SCANNER } from './storage.port.js';

@Module({
  imports: [
    CatalogueModule,
    CalendarModule,
    EngineModule,
    // Uploads are held in memory up to the configured limit (multer answers 413 beyond it).
    MulterModule.registerAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => ({ limits: { fileSize: config.applications.maxUploadBytes, files: 1, fields: 5 } }) }),
  ],
  controllers: [ApplicationsController, CounterController, FilesController, NotificationsController, RectificationsController],
  providers: [
    ApplicationsRepository, ApplicationViews, ApplicationsService, CaseDecisionsService, MaterialsService, CaseEngine, CaseNotifier, CaseResultWorker,
    { provide: FILE_STORAGE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new LocalFileStorage(path.resolve(config.applications.storageDir)) },
    { provide: MATERIAL_SCANNER, useValue: acceptAllScanner },
    { provide: OUTBOUND_NOTIFICATIONS, useClass: LogNotificationAdapter },
  ],
  exports: [ApplicationsRepository, ApplicationViews, CaseDecisionsService, CaseEngine, FILE_STORAGE],
})
export class ApplicationsModule {}
