// An approver's own inbox data: saved filters (named list queries) and opinion drafts per step.
import { randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Get, HttpCode, Inject, Injectable, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  inboxQuerySchema, type OpinionDraft, opinionDraftSchema, type SavedFilter, type SavedFilterInput, savedFilterInputSchema, savedFilterSchema,
} from '@gov/contracts';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../common/app-error.js';
import { CurrentUser, Roles } from '../../common/auth/access.decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import { InboxService } from './inbox.service.js';

/** A user keeps at most this many saved filters. */
const MAX_FILTERS = 30;

@Injectable()
export class InboxPreferences {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(InboxService) private readonly inbox: InboxService,
  ) {}

  async filters(username: string): Promise<SavedFilter[]> {
    const rows: unknown[] = await this.dataSource.query('SELECT id, name, query, created_at FROM inbox_saved_filter WHERE username = $1 ORDER BY name', [username]);
    return rows.map((row) => {
      const r = z.object({ id: z.string(), name: z.string(), query: z.record(z.string(), z.string()), created_at: z.date() }).parse(row);
      return savedFilterSchema.parse({ id: r.id, name: r.name, query: r.query, createdAt: r.created_at.toISOString() });
    });
  }

  /** Saves (or replaces, by name) a filter; the query must be one the inbox accepts. */
  async saveFilter(username: string, input: SavedFilterInput, now: Date): Promise<SavedFilter> {
    const checked = inboxQuerySchema.safeParse(input.query);
    if (!checked.success) {
      throw new ValidationError('The filter is not a valid inbox query.', checked.error.issues.map((issue) => ({ path: `query.${issue.path.join('.')}`, message: issue.message })));
    }
    const count: unknown[] = await this.dataSource.query('SELECT count(*) AS n FROM inbox_saved_filter WHERE username = $1 AND name <> $2', [username, input.name]);
    if (z.object({ n: z.coerce.number() }).parse(count[0]).n >= MAX_FILTERS) throw new ValidationError(`Keep at most ${MAX_FILTERS} saved filters; delete one first.`, [{ path: 'name', message: 'too many saved filters' }]);
    await this.dataSource.query(
      `INSERT INTO inbox_saved_filter (id, username, name, query, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (username, name) DO UPDATE SET query = EXCLUDED.query`,
      [randomUUID(), username, input.name, JSON.stringify(input.query), now]);
    const saved = (await this.filters(username)).find((f) => f.name === input.name);
    if (!saved) throw new NotFoundError('The filter was not saved.', 'FILTER_NOT_SAVED');
    return saved;
  }

  async deleteFilter(username: string, id: string): Promise<void> {
    const rows: unknown[] = await this.dataSource.query('WITH gone AS (DELETE FROM inbox_saved_filter WHERE id = $1 AND username = $2 RETURNING id) SELECT id FROM gone', [id, username]);
    if (rows.length === 0) throw new NotFoundError(`You have no saved filter ${id}.`, 'FILTER_NOT_FOUND');
  }

  async draft(principal: Principal, taskKey: string): Promise<OpinionDraft | null> {
    await this.inbox.get(principal, taskKey); // 404 outside the caller's departments
    const rows: unknown[] = await this.dataSource.query('SELECT decision, opinion FROM inbox_opinion_draft WHERE task_key = $1 AND username = $2', [taskKey, principal.username]);
    return rows[0] === undefined ? null : opinionDraftSchema.parse(rows[0]);
  }

  async saveDraft(principal: Principal, taskKey: string, draft: OpinionDraft, now: Date): Promise<OpinionDraft> {
    await this.inbox.get(principal, taskKey);
    await this.dataSource.query(
      `INSERT INTO inbox_opinion_draft (task_key, username, decision, opinion, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (task_key, username) DO UPDATE SET decision = EXCLUDED.decision, opinion = EXCLUDED.opinion, updated_at = EXCLUDED.updated_at`,
      [taskKey, principal.username, draft.decision, draft.opinion, now]);
    return draft;
  }
}

const taskKey = new ZodPipe(z.string().regex(/^\d{1,20}$/, 'must be a task key'), 'task key');

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
@Roles('approver', 'dept-admin', 'clerk', 'supervisor', 'admin')
export class InboxPreferencesController {
  constructor(@Inject(InboxPreferences) private readonly preferences: InboxPreferences) {}

  @Get('filters')
  @ApiOperation({ summary: 'My saved inbox filters' })
  filters(@CurrentUser() user: Principal): Promise<SavedFilter[]> {
    return this.preferences.filters(user.username);
  }

  @Post('filters')
  @ApiOperation({ summary: 'Save the current list (view, sort, filters) under a name; the same name replaces it' })
  saveFilter(@Body(new ZodPipe(savedFilterInputSchema, 'saved filter')) body: SavedFilterInput, @CurrentUser() user: Principal): Promise<SavedFilter> {
    return this.preferences.saveFilter(user.username, body, new Date());
  }

  @Delete('filters/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete one of my saved filters' })
  deleteFilter(@Param('id', new ParseUUIDPipe({ version: '4', errorHttpStatusCode: 404 })) id: string, @CurrentUser() user: Principal): Promise<void> {
    return this.preferences.deleteFilter(user.username, id);
  }

  @Get('tasks/:taskKey/draft')
  @Roles('approver', 'dept-admin', 'clerk')
  @ApiOperation({ summary: 'My unsent opinion on a step (null when none)' })
  async draft(@Param('taskKey', taskKey) key: string, @CurrentUser() user: Principal): Promise<{ draft: OpinionDraft | null }> {
    return { draft: await this.preferences.draft(user, key) };
  }

  @Put('tasks/:taskKey/draft')
  @Roles('approver', 'dept-admin', 'clerk')
  @ApiOperation({ summary: 'Save my opinion on a step as a draft' })
  saveDraft(@Param('taskKey', taskKey) key: string, @Body(new ZodPipe(opinionDraftSchema, 'opinion draft')) body: OpinionDraft, @CurrentUser() user: Principal): Promise<OpinionDraft> {
    return this.preferences.saveDraft(user, key, body, new Date());
  }
}
