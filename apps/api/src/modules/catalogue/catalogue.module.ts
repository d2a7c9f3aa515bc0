import { Module } from '@nestjs/common';
import { CatalogueController } from './catalogue.controller.js';
import { CatalogueRepository } from './catalogue.repository.js';
import { CatalogueSeeder } from './catalogue-seed.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { PROCESSES_DIR, processesDir } from './processes-dir.js';
import { CatalogueService } from './catalogue.service.js';
import { ItemFiles } from './item-files.js';
import { PublicCatalogueController } from './public-catalogue.controller.js';

@Module({
  controllers: [CatalogueController, PublicCatalogueController],
  providers: [CatalogueRepository, CatalogueService, CatalogueSeeder, ItemFiles, { provide: PROCESSES_DIR, inject: [APP_CONFIG], useFactory: (config: AppConfig) => processesDir(config.processesDir) }],
  exports: [CatalogueService, ItemFiles],
})
export class CatalogueModule {}
