// Deadlines (办理时限预警, 超期督办): every DEADLINE_SCAN_SECONDS the API marks open approval steps
// whose due date is within DEADLINE_WARN_DAYS working days as warned, and overdue ones as escalated
// to the department admins and supervisors (the inbox's "supervised" view, the supervisors' overview).
// Due dates follow the statutory clock, pauses included, so the check runs against the inbox's due
// date rather than a timer fixed when the step was created.
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { chinaDate } from '@gov/clock';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { ApplicationViews } from '../applications/application-views.js';
import { ApplicationsRepository } from '../applications/applications.repository.js';
import { type DeadlineChange, InboxRepository } from '../inbox/inbox.repository.js';
import { endOfChinaDay } from './supervision.service.js';

@Injectable()
export class DeadlineWatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Deadlines');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(InboxRepository) private readonly inbox: InboxRepository,
    @Inject(ApplicationsRepository) private readonly applications: ApplicationsRepository,
    @Inject(ApplicationViews) private readonly views: ApplicationViews,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.deadlines.scanSeconds;
    if (seconds <= 0) return;
    this.timer = setInterval(() => {
      if (this.running) return; // the last scan is still going
      this.running = this.scan(new Date())
        .catch((error: unknown) => this.logger.warn({ err: error }, 'deadline scan failed; the next one tries again'))
        .finally(() => { this.running = null; });
    }, seconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One scan; returns how many steps it warned and escalated. */
  async scan(now: Date): Promise<{ warned: number; escalated: number }> {
    const calendar = await this.views.calendar();
    const warnFrom = endOfChinaDay(calendar.addWorkingDays(chinaDate(now), this.config.deadlines.warnWorkingDays));
    const { warned, escalated } = await this.inbox.markDeadlines(now, warnFrom);
    const record = async (change: DeadlineChange, kind: 'deadline-warned' | 'escalated') => {
      if (!change.applicationId) return;
      const due = chinaDate(change.dueAt);
      await this.applications.addEvent({
        applicationId: change.applicationId, at: now, kind, actorSubject: null, actorName: '系统', actorRole: 'system', department: change.groups[0] ?? null,
        text: kind === 'escalated' ? `“${change.name}”已超过办理时限（${due}），提请部门负责人和督办人员重点督办` : `“${change.name}”将于 ${due} 到期，请抓紧办理`,
        visibleToApplicant: false,
      });
    };
    for (const change of escalated) await record(change, 'escalated');
    for (const change of warned) await record(change, 'deadline-warned');
    if (warned.length + escalated.length > 0) this.logger.log({ warned: warned.length, escalated: escalated.length }, 'deadline scan');
    return { warned: warned.length, escalated: escalated.length };
  }
}
