import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type CatalogueExport, type CatalogueQuery, catalogueImportSchema, catalogueQuerySchema, type ImportResult, type ItemHistory, type ItemPage,
  type ItemRevision, itemUpdateSchema, type ManagedItem, type ServiceItem, serviceItemSchema,
} from '@gov/contracts';
import { z } from 'zod';
import { CurrentUser, Roles } from '../../common/auth/access.decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import { actorOf, CatalogueService } from './catalogue.service.js';

const codeParam = new ZodPipe(z.string().min(1).max(40), 'item code');
const revisionParam = new ZodPipe(z.coerce.number().int().min(1), 'revision');

/** Catalogue management: platform admins (all items) and department admins (their departments' items). */
@ApiTags('catalogue')
@ApiBearerAuth()
@Controller('catalogue')
@Roles('admin', 'dept-admin')
export class CatalogueController {
  constructor(@Inject(CatalogueService) private readonly catalogue: CatalogueService) {}

  @Get('items')
  @ApiOperation({ summary: 'Items the caller manages, any status; filters as the public search plus status' })
  list(@CurrentUser() user: Principal, @Query(new ZodPipe(catalogueQuerySchema, 'catalogue query')) query: CatalogueQuery): Promise<ItemPage> {
    return this.catalogue.search(actorOf(user), query);
  }

  @Post('items')
  @ApiOperation({ summary: 'Create an item as a draft (409 when its code is taken)' })
  create(@CurrentUser() user: Principal, @Body(new ZodPipe(serviceItemSchema, 'service item')) item: ServiceItem): Promise<ManagedItem> {
    return this.catalogue.create(actorOf(user), item, new Date());
  }

  @Get('items/:code')
  @ApiOperation({ summary: 'Current content, status and revision of an item' })
  get(@CurrentUser() user: Principal, @Param('code', codeParam) code: string): Promise<ManagedItem> {
    return this.catalogue.get(actorOf(user), code);
  }

  @Put('items/:code')
  @ApiOperation({ summary: 'Edit an item: a new revision with the changed fields recorded; the public keeps seeing the published revision until it is published' })
  update(
    @CurrentUser() user: Principal,
    @Param('code', codeParam) code: string,
    @Body(new ZodPipe(itemUpdateSchema, 'item update')) body: z.infer<typeof itemUpdateSchema>,
  ): Promise<ManagedItem> {
    return this.catalogue.update(actorOf(user), code, body.item, body.baseRevision, new Date());
  }

  @Post('items/:code/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish the current revision: the public guide shows it' })
  publish(@CurrentUser() user: Principal, @Param('code', codeParam) code: string): Promise<ManagedItem> {
    return this.catalogue.publish(actorOf(user), code, new Date());
  }

  @Post('items/:code/retire')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retire a published item: it leaves the public catalogue' })
  retire(@CurrentUser() user: Principal, @Param('code', codeParam) code: string): Promise<ManagedItem> {
    return this.catalogue.retire(actorOf(user), code, new Date());
  }

  @Get('items/:code/versions')
  @ApiOperation({ summary: 'Change history, newest first: who, when, what changed' })
  history(@CurrentUser() user: Principal, @Param('code', codeParam) code: string): Promise<ItemHistory> {
    return this.catalogue.history(actorOf(user), code);
  }

  @Get('items/:code/versions/:revision')
  @ApiOperation({ summary: 'The content of one revision' })
  revision(@CurrentUser() user: Principal, @Param('code', codeParam) code: string, @Param('revision', revisionParam) revision: number): Promise<ItemRevision> {
    return this.catalogue.revision(actorOf(user), code, revision);
  }

  @Get('export')
  @ApiOperation({ summary: 'Export the items the caller manages as JSON (format gov-catalogue/1)' })
  export(@CurrentUser() user: Principal): Promise<CatalogueExport> {
    return this.catalogue.export(actorOf(user), new Date());
  }

  @Post('import')
  @ApiOperation({ summary: 'Import items (gov-catalogue/1): all validated first; new codes become drafts, known codes a new revision' })
  import(@CurrentUser() user: Principal, @Body(new ZodPipe(catalogueImportSchema, 'catalogue import')) body: z.infer<typeof catalogueImportSchema>): Promise<ImportResult> {
    return this.catalogue.import(actorOf(user), body.items, new Date());
  }
}
