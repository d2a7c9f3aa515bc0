import { Body, Controller, Get, Headers, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put, Query, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type ApplicationPage, type ApplicationView, attachMaterialSchema, type AttachMaterial, applicationListQuerySchema, type CaseTask, createApplicationSchema,
  type LibraryFile, type MaterialFile, type Notification, type RatingInput, ratingInputSchema, type Rectification, rectificationAnswerSchema,
  type SaveDraft, saveDraftSchema, type TaskDecisionInput, taskDecisionInputSchema, withdrawSchema, type CounterApplicationInput, counterApplicationSchema,
  type CounterCasePage, type CounterCaseQuery, counterCaseQuerySchema, type CounterPerson, idNumberSchema,
} from '@gov/contracts';
import { z } from 'zod';
import { ValidationError } from '../../common/app-error.js';
import { Authenticated, CurrentUser, Roles } from '../../common/auth/access.decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import { ApplicationsRepository } from './applications.repository.js';
import { ApplicationsService } from './applications.service.js';
import { CaseDecisionsService } from './case-decisions.service.js';
import { MaterialsService } from './materials.service.js';

const uuid = new ParseUUIDPipe({ version: '4', errorHttpStatusCode: 404 });
const materialId = new ZodPipe(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a material id of the item'), 'material id');
const forApplication = new ZodPipe(z.object({ applicationId: z.string().uuid('must be an application id').optional() }).strict(), 'query');
const idempotencyKey = new ZodPipe(z.string().trim().min(8).max(100).optional(), 'Idempotency-Key header');

/** The applicant's cases (R7, R8, R11, R12, R13). Staff of a case's departments may read it too. */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(
    @Inject(ApplicationsService) private readonly applications: ApplicationsService,
    @Inject(CaseDecisionsService) private readonly decisions: CaseDecisionsService,
  ) {}

  @Post()
  @Roles('citizen')
  @ApiOperation({ summary: 'Start an application (a draft pre-filled from what the platform knows)' })
  create(@Body(new ZodPipe(createApplicationSchema, 'application')) body: { itemCode: string }, @CurrentUser() user: Principal): Promise<ApplicationView> {
    return this.applications.create(user, body.itemCode, new Date());
  }

  @Get()
  @Roles('citizen')
  @ApiOperation({ summary: 'My applications, drafts first' })
  list(@Query(new ZodPipe(applicationListQuerySchema, 'query')) query: z.infer<typeof applicationListQuerySchema>, @CurrentUser() user: Principal): Promise<ApplicationPage> {
    return this.applications.list(user, query, new Date());
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'One application: form, materials, clock, correction notices, timeline, result, rating' })
  get(@Param('id', uuid) id: string, @CurrentUser() user: Principal): Promise<ApplicationView> {
    return this.applications.view(user, id, new Date());
  }

  @Get(':id/form')
  @Authenticated()
  @ApiOperation({ summary: "The application's form-js schema: a case's as it was submitted, a draft's as the item serves it now" })
  form(@Param('id', uuid) id: string, @CurrentUser() user: Principal): Promise<Record<string, unknown>> {
    return this.applications.form(user, id);
  }

  @Put(':id/form')
  @Roles('citizen', 'clerk')
  @ApiOperation({ summary: 'Save the form (autosave); a stale version is refused' })
  saveForm(@Param('id', uuid) id: string, @Body(new ZodPipe(saveDraftSchema, 'form')) body: SaveDraft, @CurrentUser() user: Principal): Promise<ApplicationView> {
    return this.applications.saveForm(user, id, body, new Date());
  }

  @Put(':id/materials/:materialId')
  @Roles('citizen', 'clerk')
  @ApiOperation({ summary: "Set a material's files (from the material library)" })
  setMaterial(@Param('id', uuid) id: string, @Param('materialId', materialId) material: string, @Body(new ZodPipe(attachMaterialSchema, 'material')) body: AttachMaterial, @CurrentUser() user: Principal): Promise<ApplicationView> {
    return this.applications.setMaterial(user, id, material, body.fileIds, new Date());
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('citizen', 'clerk')
  @ApiOperation({ summary: 'Submit (idempotent): automatic pre-review, case number, process instance' })
  submit(@Param('id', uuid) id: string, @Headers('idempotency-key') key: string | undefined, @CurrentUser() user: Principal): Promise<ApplicationView> {
    return this.applications.submit(user, id, key === undefined ? null : idempotencyKey.transform(key) ?? null, new Date());
  }

  @Post(':id/resubmit')
  @HttpCode(200)
  @Roles('citizen', 'clerk')
  @ApiOperation({ summary: 'Answer the correction notice (idempotent); the clock resumes' })
  resubmit(@Param('id', uuid) id: string, @CurrentUser() user: Principal): Promise<ApplicationView> {
    return this.applications.resubmit(user, id, new Date());
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('citizen')
  @ApiOperation({ summary: 'Withdraw a case that is not decided yet' })
  withdraw(@Param('id', uuid) id: string, @Body(new ZodPipe(withdrawSchema, 'withdrawal')) body: { reason: string }, @CurrentUser() user: Principal): Promise<ApplicationView> {
    return this.applications.withdraw(user, id, body.reason, new Date());
  }

  @Post(':id/rating')
  @HttpCode(200)
  @Roles('citizen')
  @ApiOperation({ summary: 'Rate the service (好差评); a bad rating opens a rectification for the department' })
  rate(@Param('id', uuid) id: string, @Body(new ZodPipe(ratingInputSchema, 'rating')) body: RatingInput, @CurrentUser() user: Principal): Promise<ApplicationView> {
    return this.applications.rate(user, id, body, new Date());
  }

  @Get(':id/precheck')
  @Roles('citizen', 'clerk')
  @ApiOperation({ summary: 'Pre-review without submitting (当场预审): every problem at once; nothing is changed' })
  async precheck(@Param('id', uuid) id: string, @CurrentUser() user: Principal): Promise<{ problems: { path: string; message: string }[] }> {
    const { problems } = await this.applications.precheck(user, id);
    return { problems };
  }

  @Get(':id/precheck-notice.pdf')
  @Roles('citizen', 'clerk')
  @ApiOperation({ summary: 'The one-time notice (一次性告知书) of the pre-review, to print at the counter' })
  async precheckNotice(@Param('id', uuid) id: string, @CurrentUser() user: Principal): Promise<StreamableFile> {
    const pdf = await this.applications.precheckNotice(user, id, new Date());
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: 'inline; filename="notice.pdf"' });
  }

  @Get(':id/receipt.pdf')
  @Authenticated()
  @ApiOperation({ summary: 'The acceptance receipt (PDF)' })
  async receipt(@Param('id', uuid) id: string, @CurrentUser() user: Principal): Promise<StreamableFile> {
    const { pdf, caseNumber } = await this.applications.receipt(user, id, new Date());
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="receipt-${caseNumber}.pdf"` });
  }

  @Get(':id/tasks')
  @Roles('approver', 'dept-admin', 'clerk', 'supervisor', 'admin')
  @ApiOperation({ summary: "Open steps of the case that the caller's department may decide" })
  tasks(@Param('id', uuid) id: string, @CurrentUser() user: Principal): Promise<CaseTask[]> {
    return this.decisions.tasks(user, id);
  }

  @Post(':id/tasks/:taskKey/decision')
  @HttpCode(200)
  @Roles('approver', 'dept-admin', 'clerk')
  @ApiOperation({ summary: 'Decide a step: approve, reject, or ask for correction with one notice listing every problem' })
  decide(
    @Param('id', uuid) id: string,
    @Param('taskKey', new ZodPipe(z.string().regex(/^\d{1,20}$/, 'must be a task key'), 'task key')) taskKey: string,
    @Body(new ZodPipe(taskDecisionInputSchema, 'decision')) body: TaskDecisionInput,
    @CurrentUser() user: Principal,
  ): Promise<ApplicationView> {
    return this.decisions.decide(user, id, taskKey, body, new Date());
  }
}

interface UploadedPart { originalname: string; buffer: Buffer }

/** The material library. */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('files')
export class FilesController {
  constructor(@Inject(MaterialsService) private readonly materials: MaterialsService) {}

  @Post()
  @Roles('citizen', 'clerk', 'approver', 'dept-admin')
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({ summary: 'Upload a material (multipart field "file"; PDF, JPEG, PNG or OFD, checked by content); a clerk scans into the citizen\'s library with ?applicationId= of a counter application; approvers upload attachments of their opinions' })
  upload(@UploadedFile() file: UploadedPart | undefined, @Query(forApplication) query: { applicationId?: string | undefined }, @CurrentUser() user: Principal): Promise<MaterialFile> {
    if (!file) throw new ValidationError('Send the file as multipart/form-data in the field "file".', [{ path: 'file', message: 'required' }]);
    // Browsers send file names as UTF-8, which multer reads as latin1.
    const name = Buffer.from(file.originalname, 'latin1').toString('utf8');
    return this.materials.upload(user, { name, content: file.buffer }, new Date(), query.applicationId);
  }

  @Get()
  @Roles('citizen', 'clerk')
  @ApiOperation({ summary: "My material library, with where each file was used (a clerk: the citizen's, with ?applicationId= of a counter application)" })
  library(@Query(forApplication) query: { applicationId?: string | undefined }, @CurrentUser() user: Principal): Promise<LibraryFile[]> {
    return this.materials.library(user, query.applicationId);
  }

  @Get(':id/content')
  @Authenticated()
  @ApiOperation({ summary: 'A file, for its owner and for staff of a case that uses it' })
  async content(@Param('id', uuid) id: string, @CurrentUser() user: Principal): Promise<StreamableFile> {
    const file = await this.materials.content(user, id);
    return new StreamableFile(file.content, { type: file.mediaType, disposition: `inline; filename*=UTF-8''${encodeURIComponent(file.name)}` });
  }
}

/** In-app notifications. */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('notifications')
@Authenticated()
export class NotificationsController {
  constructor(@Inject(ApplicationsRepository) private readonly repository: ApplicationsRepository) {}

  @Get()
  @ApiOperation({ summary: 'My notifications, newest first, with the unread count' })
  async list(@CurrentUser() user: Principal): Promise<{ items: Notification[]; unread: number }> {
    const { items, unread } = await this.repository.notifications(user.subject);
    return {
      unread,
      items: items.map((n) => ({ id: n.id, applicationId: n.application_id, caseNumber: n.case_number, title: n.title, body: n.body, createdAt: n.created_at.toISOString(), readAt: n.read_at?.toISOString() ?? null })),
    };
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark a notification read' })
  async read(@Param('id', uuid) id: string, @CurrentUser() user: Principal): Promise<void> {
    await this.repository.markRead(user.subject, id, new Date());
  }
}

/** Bad ratings become rectification tasks for the department; the applicant sees the answer. */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('rectifications')
@Roles('approver', 'dept-admin', 'supervisor', 'admin')
export class RectificationsController {
  constructor(@Inject(CaseDecisionsService) private readonly decisions: CaseDecisionsService) {}

  @Get()
  @ApiOperation({ summary: "Rectifications of the caller's departments (all for supervisors and admins)" })
  list(@Query(new ZodPipe(z.object({ status: z.enum(['open', 'answered']).optional() }).strict(), 'query')) query: { status?: 'open' | 'answered' | undefined }, @CurrentUser() user: Principal): Promise<Rectification[]> {
    return this.decisions.rectifications(user, query.status);
  }

  @Post(':id/answer')
  @HttpCode(200)
  @Roles('approver', 'dept-admin', 'admin')
  @ApiOperation({ summary: 'Answer a rectification: what the department did about the bad rating' })
  answer(@Param('id', uuid) id: string, @Body(new ZodPipe(rectificationAnswerSchema, 'answer')) body: { response: string }, @CurrentUser() user: Principal): Promise<Rectification> {
    return this.decisions.answerRectification(user, id, body.response, new Date());
  }
}

/** Counters (R14, R15): a clerk accepts an application for a walk-in citizen at a service centre's window. */
@ApiTags('counter')
@ApiBearerAuth()
@Controller('counter')
@Roles('clerk')
export class CounterController {
  constructor(@Inject(ApplicationsService) private readonly applications: ApplicationsService) {}

  @Get('people/:idNumber')
  @ApiOperation({ summary: 'Look a walk-in citizen up by ID number (GB 11643 checked): name and phone from earlier cases, online account, open cases' })
  person(@Param('idNumber', new ZodPipe(idNumberSchema, 'ID number')) idNumber: string, @CurrentUser() user: Principal): Promise<CounterPerson> {
    return this.applications.counterPerson(user, idNumber);
  }

  @Post('applications')
  @ApiOperation({ summary: "Start an application for a walk-in citizen: the same draft as online, owned by the citizen, filled in by the clerk" })
  create(@Body(new ZodPipe(counterApplicationSchema, 'counter application')) body: CounterApplicationInput, @CurrentUser() user: Principal): Promise<ApplicationView> {
    return this.applications.createAtCounter(user, body, new Date());
  }

  @Get('cases')
  @ApiOperation({ summary: "The centre's counter cases (drafts, in progress, awaiting hand-back, done); clerks see only their centre's work" })
  cases(@Query(new ZodPipe(counterCaseQuerySchema, 'query')) query: CounterCaseQuery, @CurrentUser() user: Principal): Promise<CounterCasePage> {
    return this.applications.counterCases(user, query, new Date());
  }
}
