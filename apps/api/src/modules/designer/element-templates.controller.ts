import { Body, Controller, Delete, Get, Inject, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { elementTemplateIdSchema, elementTemplateSaveSchema, type ElementTemplateView } from '@gov/contracts';
import { CurrentUser, Roles } from '../../common/auth/access.decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import { ElementTemplatesService } from './element-templates.service.js';

const idParam = new ZodPipe(elementTemplateIdSchema, 'template id');

/** Element templates for the designer's chooser: everyone who models reads them, platform admins add or replace them. */
@ApiTags('designer')
@ApiBearerAuth()
@Controller('designer/element-templates')
export class ElementTemplatesController {
  constructor(@Inject(ElementTemplatesService) private readonly templates: ElementTemplatesService) {}

  @Get()
  @Roles('designer', 'dept-admin', 'admin')
  @ApiOperation({ summary: 'The element templates: the repository\'s files merged with those admins added (an admin template replaces a repository one of the same id)' })
  list(): Promise<ElementTemplateView[]> {
    return this.templates.list();
  }

  @Put(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Add or replace an element template (admins; 422 when it is not a valid Camunda 8 element template)' })
  save(@CurrentUser() user: Principal, @Param('id', idParam) id: string, @Body(new ZodPipe(elementTemplateSaveSchema, 'template')) body: Record<string, unknown>): Promise<ElementTemplateView[]> {
    return this.templates.save(id, body, { id: user.subject, name: user.username }, new Date());
  }

  @Delete(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Remove an admin template (a replaced repository template comes back)' })
  remove(@Param('id', idParam) id: string): Promise<ElementTemplateView[]> {
    return this.templates.delete(id);
  }
}
