import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type PublicInfo, type PublicInfoInput, publicInfoInputSchema, type PublicInfoList, type PublicInfoQuery, publicInfoQuerySchema } from '@gov/contracts';
import { CurrentUser, Public, Roles } from '../../common/auth/access.decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import { PublicInfoService } from './public-info.service.js';

const uuid = new ParseUUIDPipe({ version: '4', errorHttpStatusCode: 404 });

/** Laws and policies, notices, complaint channels and intermediary services, as the portal shows them. */
@ApiTags('public information')
@Controller('public/info')
@Public()
export class PublicInfoController {
  constructor(@Inject(PublicInfoService) private readonly info: PublicInfoService) {}

  @Get()
  @ApiOperation({ summary: 'Published public information, newest first; filter by kind and keyword' })
  async list(@Query(new ZodPipe(publicInfoQuerySchema, 'query')) query: PublicInfoQuery): Promise<PublicInfoList> {
    return { items: await this.info.list(query, true) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One published entry' })
  get(@Param('id', uuid) id: string): Promise<PublicInfo> {
    return this.info.get(id, true);
  }
}

/** Platform admins keep the public information. */
@ApiTags('public information')
@ApiBearerAuth()
@Controller('info')
@Roles('admin')
export class PublicInfoAdminController {
  constructor(@Inject(PublicInfoService) private readonly info: PublicInfoService) {}

  @Get()
  @ApiOperation({ summary: 'All entries, published or not' })
  async list(@Query(new ZodPipe(publicInfoQuerySchema, 'query')) query: PublicInfoQuery): Promise<PublicInfoList> {
    return { items: await this.info.list(query, false) };
  }

  @Post()
  @ApiOperation({ summary: 'Add an entry' })
  create(@Body(new ZodPipe(publicInfoInputSchema, 'entry')) input: PublicInfoInput, @CurrentUser() user: Principal): Promise<PublicInfo> {
    return this.info.create(input, user.username);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace an entry (set published: false to withdraw it)' })
  update(@Param('id', uuid) id: string, @Body(new ZodPipe(publicInfoInputSchema, 'entry')) input: PublicInfoInput, @CurrentUser() user: Principal): Promise<PublicInfo> {
    return this.info.update(id, input, user.username);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an entry' })
  async remove(@Param('id', uuid) id: string): Promise<void> {
    await this.info.remove(id);
  }
}
