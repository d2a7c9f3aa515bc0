import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CalendarYear, calendarDayInputSchema, type DueDate, dueDateQuerySchema, isoDateSchema } from '@gov/contracts';
import { z } from 'zod';
import { CurrentUser, Public, Roles } from '../../common/auth/access.decorators.js';
import { NotFoundError } from '../../common/app-error.js';
import type { Principal } from '../../common/auth/principal.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import { CalendarRepository } from './calendar.repository.js';

const dateParam = new ZodPipe(isoDateSchema, 'date');

/** The working-day calendar behind every statutory time limit: holidays and adjusted working days. */
@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(@Inject(CalendarRepository) private readonly calendar: CalendarRepository) {}

  @Get('public/calendar/due-date')
  @Public()
  @ApiOperation({ summary: 'The last day of a limit of `days` working days counted from the day after `start`' })
  async dueDate(@Query(new ZodPipe(dueDateQuerySchema, 'due-date query')) query: z.infer<typeof dueDateQuerySchema>): Promise<DueDate> {
    const calendar = await this.calendar.workingCalendar();
    return { start: query.start, days: query.days, dueDate: calendar.addWorkingDays(query.start, query.days) };
  }

  @Get('public/calendar/:year')
  @Public()
  @ApiOperation({ summary: 'Holidays and adjusted working days of a year' })
  async year(@Param('year', new ZodPipe(z.coerce.number().int().min(2000).max(2100), 'year')) year: number): Promise<CalendarYear> {
    const days = await this.calendar.year(year);
    return { year, days: days.map((d) => ({ date: d.date, kind: d.kind, name: d.name, updatedBy: d.updatedBy })) };
  }

  @Put('calendar/days/:date')
  @Roles('admin')
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({ summary: 'Declare a holiday or an adjusted working day (platform admins)' })
  async put(
    @CurrentUser() user: Principal,
    @Param('date', dateParam) date: string,
    @Body(new ZodPipe(calendarDayInputSchema, 'calendar day')) body: z.infer<typeof calendarDayInputSchema>,
  ): Promise<void> {
    await this.calendar.upsert({ date, kind: body.kind, name: body.name, updatedBy: user.username }, new Date());
  }

  @Delete('calendar/days/:date')
  @Roles('admin')
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a declaration: the day is a working day again unless it is a weekend' })
  async remove(@Param('date', dateParam) date: string): Promise<void> {
    if (!(await this.calendar.remove(date))) throw new NotFoundError(`${date} is neither a declared holiday nor an adjusted working day.`, 'CALENDAR_DAY_NOT_FOUND');
  }
}
