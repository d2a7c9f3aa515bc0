import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Sse } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type ApplicationView, assignTaskSchema, type HandBackInput, handBackInputSchema, type InboxPage, type ProcessDiagram, type ReturnTarget, type ReturnTaskInput, returnTaskSchema, type InboxQuery, inboxQuerySchema, type InboxTask, type TaskDecisionInput, taskDecisionInputSchema,
  type TaskForm,
} from '@gov/contracts';
import { z } from 'zod';
import { CurrentUser, Roles } from '../../common/auth/access.decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import { InboxEvents, type InboxChange } from './inbox-events.js';
import { InboxService } from './inbox.service.js';

const taskKey = new ZodPipe(z.string().regex(/^\d{1,20}$/, 'must be a task key'), 'task key');

/** The shared inbox of approval steps (R10, R15). */
@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox/tasks')
@Roles('approver', 'dept-admin', 'clerk', 'supervisor', 'admin')
export class InboxController {
  constructor(
    @Inject(InboxService) private readonly inbox: InboxService,
    @Inject(InboxEvents) private readonly events: InboxEvents,
  ) {}

  @Sse('events')
  @ApiOperation({ summary: "Server-sent events: every change (created, claimed, decided, canceled) of my departments' tasks" })
  stream(@CurrentUser() user: Principal): Observable<{ data: InboxChange | { heartbeat: true }; type: string }> {
    return this.events.stream(user);
  }

  @Get()
  @ApiOperation({ summary: "Views of the departments' approval steps: mine, department (unclaimed), participated, overdue, due-soon; filters and sorting" })
  list(@Query(new ZodPipe(inboxQuerySchema, 'inbox query')) query: InboxQuery, @CurrentUser() user: Principal): Promise<InboxPage> {
    return this.inbox.list(user, query, new Date());
  }

  @Get(':taskKey')
  @ApiOperation({ summary: 'One task of my departments' })
  get(@Param('taskKey', taskKey) key: string, @CurrentUser() user: Principal): Promise<InboxTask> {
    return this.inbox.get(user, key);
  }

  @Post(':taskKey/claim')
  @HttpCode(200)
  @Roles('approver', 'dept-admin', 'clerk')
  @ApiOperation({ summary: 'Claim a task (409 when a colleague has it)' })
  claim(@Param('taskKey', taskKey) key: string, @CurrentUser() user: Principal): Promise<InboxTask> {
    return this.inbox.claim(user, key, new Date());
  }

  @Post(':taskKey/unclaim')
  @HttpCode(200)
  @Roles('approver', 'dept-admin', 'clerk')
  @ApiOperation({ summary: 'Give a claimed task back to the department' })
  unclaim(@Param('taskKey', taskKey) key: string, @CurrentUser() user: Principal): Promise<InboxTask> {
    return this.inbox.unclaim(user, key, new Date());
  }

  @Post(':taskKey/assign')
  @HttpCode(200)
  @Roles('dept-admin', 'admin')
  @ApiOperation({ summary: 'Assign or reassign a task to a colleague (department admins)' })
  assign(@Param('taskKey', taskKey) key: string, @Body(new ZodPipe(assignTaskSchema, 'assignment')) body: { assignee: string }, @CurrentUser() user: Principal): Promise<InboxTask> {
    return this.inbox.assign(user, key, body.assignee, new Date());
  }

  @Post(':taskKey/delegate')
  @HttpCode(200)
  @Roles('approver', 'dept-admin', 'clerk')
  @ApiOperation({ summary: 'Delegate a step I hold to a colleague of my department (委托)' })
  delegate(@Param('taskKey', taskKey) key: string, @Body(new ZodPipe(assignTaskSchema, 'delegation')) body: { assignee: string }, @CurrentUser() user: Principal): Promise<InboxTask> {
    return this.inbox.delegate(user, key, body.assignee, new Date());
  }

  @Post(':taskKey/decision')
  @HttpCode(200)
  @Roles('approver', 'dept-admin', 'clerk')
  @ApiOperation({ summary: 'Decide the step: approve, reject, or ask for correction with one notice listing every problem' })
  decide(@Param('taskKey', taskKey) key: string, @Body(new ZodPipe(taskDecisionInputSchema, 'decision')) body: TaskDecisionInput, @CurrentUser() user: Principal): Promise<ApplicationView> {
    return this.inbox.decide(user, key, body, new Date());
  }

  @Post(':taskKey/hand-back')
  @HttpCode(200)
  @Roles('clerk', 'approver', 'dept-admin')
  @ApiOperation({ summary: 'Record the hand-back of the result at the counter (who collected it, ID checked); completes the hand-back step' })
  handBack(@Param('taskKey', taskKey) key: string, @Body(new ZodPipe(handBackInputSchema, 'hand-back')) body: HandBackInput, @CurrentUser() user: Principal): Promise<ApplicationView> {
    return this.inbox.handBack(user, key, body, new Date());
  }

  @Get(':taskKey/form')
  @ApiOperation({ summary: 'The approval form the step\'s model links (as deployed), filled in with the decision; nulls when it links none' })
  form(@Param('taskKey', taskKey) key: string, @CurrentUser() user: Principal): Promise<TaskForm> {
    return this.inbox.form(user, key);
  }

  @Get(':taskKey/diagram')
  @ApiOperation({ summary: "The case's process diagram (BPMN XML of its version) with the active elements and completed steps" })
  diagram(@Param('taskKey', taskKey) key: string, @CurrentUser() user: Principal): Promise<ProcessDiagram> {
    return this.inbox.diagram(user, key);
  }

  @Get(':taskKey/return-targets')
  @Roles('approver', 'dept-admin', 'clerk')
  @ApiOperation({ summary: 'Earlier steps the case can be sent back to from this one (only when it is the case\'s single open step)' })
  returnTargets(@Param('taskKey', taskKey) key: string, @CurrentUser() user: Principal): Promise<ReturnTarget[]> {
    return this.inbox.returnTargets(user, key);
  }

  @Post(':taskKey/return')
  @HttpCode(200)
  @Roles('approver', 'dept-admin', 'clerk')
  @ApiOperation({ summary: 'Send the case back to an earlier step (退回) with the reason; that step opens again in its department\'s inbox' })
  returnTo(@Param('taskKey', taskKey) key: string, @Body(new ZodPipe(returnTaskSchema, 'return')) body: ReturnTaskInput, @CurrentUser() user: Principal): Promise<ApplicationView> {
    return this.inbox.returnTo(user, key, body, new Date());
  }
}
