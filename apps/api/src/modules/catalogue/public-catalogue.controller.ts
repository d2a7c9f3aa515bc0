import { Controller, Get, Inject, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CatalogueQuery, type ItemPage, publicCatalogueQuerySchema, type PublicFacets, type PublicItem } from '@gov/contracts';
import { z } from 'zod';
import { Public } from '../../common/auth/access.decorators.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import { CatalogueService } from './catalogue.service.js';

/** The public catalogue (R3, R4): published items only, no login. */
@ApiTags('public catalogue')
@Controller('public/catalogue')
@Public()
export class PublicCatalogueController {
  constructor(@Inject(CatalogueService) private readonly catalogue: CatalogueService) {}

  @Get('items')
  @ApiOperation({ summary: 'Search published items by keyword, level, department, theme, audience, online' })
  search(@Query(new ZodPipe(publicCatalogueQuerySchema, 'catalogue query')) query: CatalogueQuery): Promise<ItemPage> {
    return this.catalogue.searchPublished(query);
  }

  @Get('items/:code')
  @ApiOperation({ summary: 'The published service guide of an item' })
  guide(@Param('code', new ZodPipe(z.string().min(1).max(40), 'item code')) code: string): Promise<PublicItem> {
    return this.catalogue.published(code);
  }

  @Get('items/:code/form')
  @ApiOperation({ summary: 'The application form (form-js schema) of a published item' })
  form(@Param('code', new ZodPipe(z.string().min(1).max(40), 'item code')) code: string): Promise<Record<string, unknown>> {
    return this.catalogue.form(code);
  }

  @Get('items/:code/files/:file')
  @ApiOperation({ summary: 'A template or example file of a material of a published item' })
  async file(
    @Param('code', new ZodPipe(z.string().min(1).max(40), 'item code')) code: string,
    @Param('file', new ZodPipe(z.string().regex(/^[\w-]+(\.[\w-]+)*$/, 'must be a plain file name'), 'file name')) file: string,
  ): Promise<StreamableFile> {
    const { content, type } = await this.catalogue.materialFile(code, file);
    return new StreamableFile(content, { type, disposition: `attachment; filename="${file}"` });
  }

  @Get('facets')
  @ApiOperation({ summary: 'Departments with published items, for browsing' })
  facets(): Promise<PublicFacets> {
    return this.catalogue.facets();
  }
}
