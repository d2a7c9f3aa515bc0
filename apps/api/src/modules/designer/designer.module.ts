import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module.js';
import { DesignerEngine } from './designer-engine.js';
import { DesignerController } from './designer.controller.js';
import { DesignerRepository } from './designer.repository.js';
import { DesignerService } from './designer.service.js';

@Module({
  imports: [CatalogueModule],
  controllers: [DesignerController],
  providers: [DesignerRepository, DesignerService, DesignerEngine],
})
export class DesignerModule {}
