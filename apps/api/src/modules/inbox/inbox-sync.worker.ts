// Serves the `inbox.sync` task listener jobs: every approval step's creating, assigning, updating,
// completing and canceling events keep the application's inbox table in step. Like case.result it
// lives in the API because it only projects engine state into the API's own table.
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CORRECTIONS_HEADER, INBOX_SYNC_JOB, TASK_STAGES } from '@gov/contracts';
import { z } from 'zod';
import { EngineClient } from '../engine/engine.client.js';
import { ApplicationViews } from '../applications/application-views.js';
import { ApplicationsRepository } from '../applications/applications.repository.js';
import { CaseEngine } from '../applications/case-engine.js';
import { ListenerInbox } from './listener-inbox.js';

const H = 'io.camunda.zeebe:';
const stringList = z.string().transform((raw, ctx) => {
  try {
    return z.array(z.string()).parse(JSON.parse(raw));
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not a JSON list of strings' });
    return z.NEVER;
  }
});
const headersSchema = z.object({
  [`${H}userTaskKey`]: z.coerce.string(),
  [`${H}listenerEventType`]: z.enum(['creating', 'assigning', 'updating', 'completing', 'canceling']),
  [`${H}assignee`]: z.string().optional(),
  [`${H}newAssignee`]: z.string().optional(),
  [`${H}candidateGroups`]: stringList.optional(),
  [`${H}candidateUsers`]: stringList.optional(),
  [`${H}dueDate`]: z.string().optional(),
  [`${H}priority`]: z.coerce.number().int().optional(),
  stage: z.enum(TASK_STAGES).optional(),
  [CORRECTIONS_HEADER]: z.string().optional(),
}).loose();

export type SyncHeaders = z.infer<typeof headersSchema>;

/** End of a China calendar day, as an instant. */
const endOfChinaDay = (isoDate: string) => new Date(`${isoDate}T23:59:59+08:00`);

@Injectable()
export class InboxSyncWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('InboxSync');
  private worker: { close(timeout?: number): Promise<unknown> } | null = null;

  constructor(
    @Inject(EngineClient) private readonly engineClient: EngineClient,
    @Inject(CaseEngine) private readonly engine: CaseEngine,
    @Inject(ListenerInbox) private readonly listenerInbox: ListenerInbox,
    @Inject(ApplicationsRepository) private readonly applications: ApplicationsRepository,
    @Inject(ApplicationViews) private readonly views: ApplicationViews,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.engineClient.configured) return;
    this.worker = this.engineClient.zeebe().createWorker({
      taskType: INBOX_SYNC_JOB,
      // A sync takes milliseconds: a job held by an API process that died is given to another after 10 s.
      timeout: 10_000,
      maxJobsToActivate: 32,
      // Decisions wait for these jobs (listeners, results): ask again at once, not after the client's 300 ms default.
      pollInterval: 20,
      id: 'gov-api-inbox',
      taskHandler: async (job) => {
        const headers = headersSchema.safeParse(job.customHeaders);
        if (!headers.success) { return job.fail({ errorMessage: `inbox.sync got unexpected task data: ${headers.error.message}`, retries: 0 }); }
        try {
          const caseNumber = typeof job.variables.caseNumber === 'string' ? job.variables.caseNumber : null;
          await this.apply(headers.data, { processInstanceKey: job.processInstanceKey, elementId: job.elementId, caseNumber }, new Date());
        } catch (error: unknown) {
          this.logger.warn({ err: error, taskKey: headers.data[`${H}userTaskKey`] }, 'inbox sync failed; the engine will retry');
          return job.fail({ errorMessage: error instanceof Error ? error.message : String(error), retries: Math.max(0, job.retries - 1), retryBackOff: 300 });
        }
        // Outside the try: a completion the engine refuses (the job timed out meanwhile) is not a failure of the sync.
        return job.complete();
      },
    });
  }

  /** One listener event → the inbox row. Idempotent: a repeated job changes nothing more. */
  async apply(headers: SyncHeaders, job: { processInstanceKey: string; elementId: string; caseNumber: string | null }, now: Date): Promise<void> {
    const taskKey = headers[`${H}userTaskKey`];
    const inbox = await this.listenerInbox.inbox();
    switch (headers[`${H}listenerEventType`]) {
      case 'creating': {
        const application = job.caseNumber ? await this.applications.findByCaseNumber(job.caseNumber) : null;
        // The instance starts inside the submission's transaction: until it commits the case is not
        // visible. Failing makes the engine try again shortly; a submission that rolled back leaves an
        // incident for operators instead of an inbox task without its case.
        if (job.caseNumber && !application) throw new Error(`case ${job.caseNumber} is not recorded (yet)`);
        const clock = application ? await this.views.clockOf(application, now) : null;
        // Staff of every group the process routes the case to may see its case file.
        if (application) await this.applications.addDepartments(application.id, headers[`${H}candidateGroups`] ?? []);
        const due = headers[`${H}dueDate`];
        await inbox.created({
          taskKey, processInstanceKey: job.processInstanceKey, elementId: job.elementId,
          name: (await this.engine.taskName(taskKey)) ?? job.elementId, stage: headers.stage ?? 'approval',
          correctable: headers.stage === 'pre-review' || headers[CORRECTIONS_HEADER] === 'allowed',
          candidateGroups: headers[`${H}candidateGroups`] ?? [], candidateUsers: headers[`${H}candidateUsers`] ?? [],
          assignee: headers[`${H}assignee`] ?? null, priority: headers[`${H}priority`] ?? 50,
          dueAt: due ? new Date(due) : clock?.dueDate ? endOfChinaDay(clock.dueDate) : null,
          applicationId: application?.id ?? null, caseNumber: job.caseNumber, itemCode: application?.itemCode ?? null,
          itemName: application?.itemName ?? null, applicantName: application?.company?.name ?? application?.applicantName ?? null, at: now,
        });
        return;
      }
      case 'assigning': {
        const assignee = headers[`${H}newAssignee`];
        await inbox.assigned(taskKey, assignee ? assignee : null, now);
        return;
      }
      case 'updating': {
        const due = headers[`${H}dueDate`];
        await inbox.updated(taskKey, {
          ...(headers[`${H}candidateGroups`] ? { candidateGroups: headers[`${H}candidateGroups`] } : {}),
          ...(due ? { dueAt: new Date(due) } : {}),
          ...(headers[`${H}priority`] !== undefined ? { priority: headers[`${H}priority`] } : {}),
        }, now);
        return;
      }
      case 'completing':
        await inbox.ended(taskKey, 'completed', now);
        return;
      case 'canceling':
        await inbox.ended(taskKey, 'canceled', now);
        return;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close(2000).catch(() => undefined);
  }
}
