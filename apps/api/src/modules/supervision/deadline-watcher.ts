// Deadlines (办理时限预警, 超期督办): every DEADLINE_SCAN_SECONDS the API marks open approval steps
// whose due date is within DEADLINE_WARN_DAYS working days as warned, and overdue ones as escalated
// to the department admins and supervisors (the inbox's "supervised" view, the supervisors' overview, and an
// in-app notification to those who have signed in).
// Due dates follow the statutory clock, pauses included, so the check runs against the inbox's due
// date rather than a timer fixed when the step was created.
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { chinaDate } from '@gov/clock';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { ApplicationViews } from '../applications/application-views.js';
import { ApplicationsRepository } from '../applications/applications.repository.js';
import { type DeadlineChange, InboxRepository } from '../inbox/inbox.repository.js';
import { StaffDirectory } from '../staff/staff-directory.js';
import { endOfChinaDay } from './supervision.service.js';

/** Escalations listed one by one to a recipient; more in one scan are summed up in one notification. */
const ESCALATIONS_LISTED = 5;

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
    @Inject(StaffDirectory) private readonly staff: StaffDirectory,
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

  /**
   * Escalated steps reach the admins of their departments and the supervisors (those who have
   * signed in: the staff directory) as in-app notifications; someone with more than a few in one
   * scan gets one summary instead of a flood.
   */
  private async notifyEscalations(escalated: readonly DeadlineChange[], now: Date): Promise<void> {
    if (escalated.length === 0) return;
    const supervisors = await this.staff.subjectsWithRole('supervisor', null);
    const byRecipient = new Map<string, DeadlineChange[]>();
    for (const change of escalated) {
      for (const subject of new Set([...(await this.staff.subjectsWithRole('dept-admin', change.groups)), ...supervisors])) {
        byRecipient.set(subject, [...(byRecipient.get(subject) ?? []), change]);
      }
    }
    const department = (change: DeadlineChange) => change.groups[0]?.split('/').at(-1) ?? '';
    for (const [recipientSubject, changes] of byRecipient) {
      const notices = changes.length <= ESCALATIONS_LISTED
        ? changes.map((change) => ({
          applicationId: change.applicationId, caseNumber: change.caseNumber, title: `超期督办：${change.name}`,
          body: `${department(change)}“${change.name}”已超过办理时限（${chinaDate(change.dueAt)}），请督促办理。`,
        }))
        : [{ applicationId: null, caseNumber: null, title: `超期督办：${changes.length} 个办理环节已超期`, body: `本次检查发现 ${changes.length} 个办理环节超过办理时限，请在“预警督办”中查看。` }];
      for (const notice of notices) await this.applications.insertNotification({ recipientSubject, ...notice, at: now });
    }
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
    await this.notifyEscalations(escalated, now);
    if (warned.length + escalated.length > 0) this.logger.log({ warned: warned.length, escalated: escalated.length }, 'deadline scan');
    return { warned: warned.length, escalated: escalated.length };
  }
}
