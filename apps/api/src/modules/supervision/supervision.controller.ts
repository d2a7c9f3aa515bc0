import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { supervisionAnswerSchema, type SupervisionNotice, type SupervisionNoticeInput, supervisionNoticeInputSchema, type SupervisionOverview } from '@gov/contracts';
import { z } from 'zod';
import { CurrentUser, Roles } from '../../common/auth/access.decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import { SupervisionService } from './supervision.service.js';

/** Supervision (重点督办, R27): overdue and escalated work across departments, notices and answers. */
@ApiTags('supervision')
@ApiBearerAuth()
@Controller('supervision')
export class SupervisionController {
  constructor(@Inject(SupervisionService) private readonly supervision: SupervisionService) {}

  @Get('overview')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Open, due-soon, overdue and escalated steps and open notices per department' })
  overview(): Promise<SupervisionOverview> {
    return this.supervision.overview(new Date());
  }

  @Get('notices')
  @Roles('supervisor', 'admin', 'approver', 'dept-admin')
  @ApiOperation({ summary: "Supervision notices: all for supervisors, the caller's departments' for staff" })
  list(@Query(new ZodPipe(z.object({ status: z.enum(['open', 'answered']).optional() }).strict(), 'query')) query: { status?: 'open' | 'answered' | undefined }, @CurrentUser() user: Principal): Promise<SupervisionNotice[]> {
    return this.supervision.list(user, query.status);
  }

  @Post('notices')
  @Roles('supervisor')
  @ApiOperation({ summary: "Send a supervision notice on an open step; the step's department must answer within the working days given" })
  issue(@Body(new ZodPipe(supervisionNoticeInputSchema, 'supervision notice')) body: SupervisionNoticeInput, @CurrentUser() user: Principal): Promise<SupervisionNotice> {
    return this.supervision.issue(user, body, new Date());
  }

  @Post('notices/:id/answer')
  @HttpCode(200)
  @Roles('approver', 'dept-admin')
  @ApiOperation({ summary: 'The department answers a supervision notice: what it did' })
  answer(@Param('id', new ParseUUIDPipe({ version: '4', errorHttpStatusCode: 404 })) id: string, @Body(new ZodPipe(supervisionAnswerSchema, 'answer')) body: { response: string }, @CurrentUser() user: Principal): Promise<SupervisionNotice> {
    return this.supervision.answer(user, id, body.response, new Date());
  }
}
