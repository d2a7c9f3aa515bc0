import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type BundleImport, bundleImportSchema, type BundleImportResult, completionSchema, type ProcessBundle, type DesignerItemSummary, type DesignResourceDraft, designResourceIdSchema, type DesignResourceKind, type DesignResourceSummary, deploySchema,
  type ResourceSave, resourceSaveSchema, type DraftRevision, type DraftRevisionSummary, type DraftSave, draftSaveSchema,
  type ProcessDraftView, type ProcessVersions, type TestRunStart, testRunStartSchema, type TestRunView,
} from '@gov/contracts';
import { z } from 'zod';
import { CurrentUser, Roles } from '../../common/auth/access.decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import { designerActorOf, DesignerService } from './designer.service.js';

const codeParam = new ZodPipe(z.string().min(1).max(40), 'item code');
const revisionParam = new ZodPipe(z.coerce.number().int().min(1), 'revision');
const fromQuery = new ZodPipe(z.object({ from: z.enum(['draft', 'deployed']).default('draft') }), 'query');
const idParam = new ZodPipe(designResourceIdSchema, 'form or decision id');
const kindParam = new ZodPipe(z.enum(['forms', 'decisions']).transform((k): DesignResourceKind => (k === 'forms' ? 'form' : 'decision')), 'kind (forms or decisions)');
const keyParam = new ZodPipe(z.string().regex(/^\d{1,20}$/), 'key');

/** Process designer: designers (every item, deploy) and department admins (their departments' drafts). */
@ApiTags('designer')
@ApiBearerAuth()
@Controller('designer')
@Roles('designer', 'dept-admin')
export class DesignerController {
  constructor(@Inject(DesignerService) private readonly designer: DesignerService) {}

  @Get('items')
  @ApiOperation({ summary: 'Catalogue items the caller may design, with draft revision and deployed version' })
  items(@CurrentUser() user: Principal): Promise<DesignerItemSummary[]> {
    return this.designer.items(designerActorOf(user));
  }

  @Get('items/:code/draft')
  @ApiOperation({ summary: 'The current draft of the item\'s process model with its lint report' })
  draft(@CurrentUser() user: Principal, @Param('code', codeParam) code: string): Promise<ProcessDraftView> {
    return this.designer.draft(designerActorOf(user), code, new Date());
  }

  @Put('items/:code/draft')
  @ApiOperation({ summary: 'Save a new draft revision (409 when baseRevision is not the current one; 422 when the XML is not BPMN)' })
  save(@CurrentUser() user: Principal, @Param('code', codeParam) code: string, @Body(new ZodPipe(draftSaveSchema, 'draft')) body: DraftSave): Promise<ProcessDraftView> {
    return this.designer.save(designerActorOf(user), code, body, new Date());
  }

  @Get('items/:code/draft/revisions')
  @ApiOperation({ summary: 'Saved revisions of the draft, newest first' })
  revisions(@CurrentUser() user: Principal, @Param('code', codeParam) code: string): Promise<DraftRevisionSummary[]> {
    return this.designer.revisions(designerActorOf(user), code);
  }

  @Get('items/:code/draft/revisions/:revision')
  @ApiOperation({ summary: 'One saved revision with its XML' })
  revision(@CurrentUser() user: Principal, @Param('code', codeParam) code: string, @Param('revision', revisionParam) revision: number): Promise<DraftRevision> {
    return this.designer.revision(designerActorOf(user), code, revision);
  }

  @Get('items/:code/bundle')
  @ApiOperation({ summary: 'Export the item\'s files of processes/<code>/ (process, forms, decisions) from the drafts (?from=draft, default) or as deployed (?from=deployed)' })
  exportBundle(@CurrentUser() user: Principal, @Param('code', codeParam) code: string, @Query(fromQuery) query: { from: 'draft' | 'deployed' }): Promise<ProcessBundle> {
    return this.designer.exportBundle(designerActorOf(user), code, query.from, new Date());
  }

  @Post('items/:code/bundle')
  @ApiOperation({ summary: 'Import files of processes/<code>/ as new draft revisions (422 and nothing imported when one is wrong)' })
  importBundle(@CurrentUser() user: Principal, @Param('code', codeParam) code: string, @Body(new ZodPipe(bundleImportSchema, 'import')) body: BundleImport): Promise<BundleImportResult> {
    return this.designer.importBundle(designerActorOf(user), code, body, new Date());
  }

  @Get('items/:code/resources')
  @ApiOperation({ summary: 'The item\'s forms and decisions: the application form, those the process draft links to, and any drafted' })
  resources(@CurrentUser() user: Principal, @Param('code', codeParam) code: string): Promise<DesignResourceSummary[]> {
    return this.designer.resources(designerActorOf(user), code);
  }

  @Get('items/:code/:kind/:id/draft')
  @ApiOperation({ summary: 'The current draft of a form (kind forms: form-js schema) or decision (kind decisions: DMN XML)' })
  resourceDraft(@CurrentUser() user: Principal, @Param('code', codeParam) code: string, @Param('kind', kindParam) kind: DesignResourceKind, @Param('id', idParam) id: string): Promise<DesignResourceDraft> {
    return this.designer.resourceDraft(designerActorOf(user), code, kind, id, new Date());
  }

  @Put('items/:code/:kind/:id/draft')
  @ApiOperation({ summary: 'Save a new revision of a form or decision draft (409 on a stale baseRevision; 422 when it is not a form-js schema / DMN)' })
  saveResource(
    @CurrentUser() user: Principal, @Param('code', codeParam) code: string, @Param('kind', kindParam) kind: DesignResourceKind, @Param('id', idParam) id: string,
    @Body(new ZodPipe(resourceSaveSchema, 'draft')) body: ResourceSave,
  ): Promise<DesignResourceDraft> {
    return this.designer.saveResource(designerActorOf(user), code, kind, id, body, new Date());
  }

  @Get('items/:code/:kind/:id/draft/revisions')
  @ApiOperation({ summary: 'Saved revisions of a form or decision draft, newest first' })
  resourceRevisions(@CurrentUser() user: Principal, @Param('code', codeParam) code: string, @Param('kind', kindParam) kind: DesignResourceKind, @Param('id', idParam) id: string): Promise<DraftRevisionSummary[]> {
    return this.designer.revisions(designerActorOf(user), code, kind === 'form' ? `form:${id}` : `decision:${id}`);
  }

  @Post('items/:code/deployments')
  @Roles('designer')
  @ApiOperation({ summary: 'Deploy a draft revision as the item\'s new engine version (designers only; refused while lint errors remain)' })
  deploy(@CurrentUser() user: Principal, @Param('code', codeParam) code: string, @Body(new ZodPipe(deploySchema, 'deployment')) body: z.infer<typeof deploySchema>): Promise<ProcessVersions> {
    return this.designer.deploy(designerActorOf(user), code, body.revision, new Date());
  }

  @Get('items/:code/versions')
  @ApiOperation({ summary: 'Engine versions of the item\'s process with the running cases on each' })
  versions(@CurrentUser() user: Principal, @Param('code', codeParam) code: string): Promise<ProcessVersions> {
    return this.designer.versions(designerActorOf(user), code);
  }

  @Post('items/:code/test-runs')
  @ApiOperation({ summary: 'Start a sandboxed instance of a draft revision with sample variables' })
  startTestRun(@CurrentUser() user: Principal, @Param('code', codeParam) code: string, @Body(new ZodPipe(testRunStartSchema, 'test run')) body: TestRunStart): Promise<TestRunView> {
    return this.designer.startTestRun(designerActorOf(user), code, body);
  }

  @Get('test-runs/:key')
  @ApiOperation({ summary: 'A test run: element states, variables, incidents, open user tasks and jobs' })
  testRun(@CurrentUser() user: Principal, @Param('key', keyParam) key: string): Promise<TestRunView> {
    return this.designer.testRun(designerActorOf(user), key);
  }

  @Post('test-runs/:key/user-tasks/:taskKey/completion')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete a user task of a test run by hand' })
  completeUserTask(@CurrentUser() user: Principal, @Param('key', keyParam) key: string, @Param('taskKey', keyParam) taskKey: string, @Body(new ZodPipe(completionSchema, 'completion')) body: z.infer<typeof completionSchema>): Promise<TestRunView> {
    return this.designer.completeUserTask(designerActorOf(user), key, taskKey, body.variables);
  }

  @Post('test-runs/:key/jobs/:jobKey/completion')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete a job of a test run by hand' })
  completeJob(@CurrentUser() user: Principal, @Param('key', keyParam) key: string, @Param('jobKey', keyParam) jobKey: string, @Body(new ZodPipe(completionSchema, 'completion')) body: z.infer<typeof completionSchema>): Promise<TestRunView> {
    return this.designer.completeJob(designerActorOf(user), key, jobKey, body.variables);
  }
}
