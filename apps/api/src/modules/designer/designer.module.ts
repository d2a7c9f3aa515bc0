import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module.js';
import { DesignerEngine } from './designer-engine.js';
import { DesignerController } from './designer.controller.js';
import { DesignerRepository } from './designer.repository.js';
import { DesignerService } from './designer.service.js';
import { ElementTemplatesController } from './element-templates.controller.js';
import { ElementTemplatesRepository } from './element-templates.repository.js';
import { ElementTemplatesService } from './element-templates.service.js';

@Module({
  imports: [CatalogueModule],
  controllers: [DesignerController, ElementTemplatesController],
  providers: [DesignerRepository, DesignerService, DesignerEngine, ElementTemplatesRepository, ElementTemplatesService],
})
export class DesignerModule {}
