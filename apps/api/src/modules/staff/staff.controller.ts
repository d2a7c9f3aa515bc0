import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { StaffMember } from '@gov/contracts';
import { z } from 'zod';
import { CurrentUser, Roles } from '../../common/auth/access.decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import { StaffDirectory } from './staff-directory.js';

const colleaguesQuery = z.object({
  department: z.string().max(200).optional(),
  q: z.string().trim().max(50).optional(),
}).strict();

/** Colleagues to pick from (assign, delegate, reassign): staff who have signed in. */
@ApiTags('staff')
@ApiBearerAuth()
@Controller('staff')
@Roles('clerk', 'approver', 'dept-admin', 'supervisor', 'admin')
export class StaffController {
  constructor(@Inject(StaffDirectory) private readonly directory: StaffDirectory) {}

  @Get('colleagues')
  @ApiOperation({ summary: 'Staff of the caller\'s departments (supervisors and admins: any) who have signed in, optionally of one department or matching q' })
  colleagues(@CurrentUser() user: Principal, @Query(new ZodPipe(colleaguesQuery, 'query')) query: z.infer<typeof colleaguesQuery>): Promise<StaffMember[]> {
    const seesAll = user.roles.includes('supervisor') || user.roles.includes('admin');
    const own = user.departments.map((d) => d.path);
    const departments = query.department ? (seesAll || own.includes(query.department) ? [query.department] : []) : seesAll ? null : own;
    if (departments !== null && departments.length === 0) return Promise.resolve([]);
    return this.directory.members(departments, query.q);
  }
}
