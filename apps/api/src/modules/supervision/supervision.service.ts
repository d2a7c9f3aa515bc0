// Deadlines and supervision (R27; 重点督办): supervisors see overdue and escalated work across
// departments and send a supervision notice on a step; the department answers it. Every notice and
// answer is in the case history (staff only) and the audit log.
import { Inject, Injectable } from '@nestjs/common';
import { chinaDate } from '@gov/clock';
import { type SupervisionNotice, type SupervisionNoticeInput, supervisionNoticeInputSchema, type SupervisionOverview } from '@gov/contracts';
import { AppError, ForbiddenError, NotFoundError } from '../../common/app-error.js';
import type { Principal } from '../../common/auth/principal.js';
import { ApplicationViews } from '../applications/application-views.js';
import { ApplicationsRepository } from '../applications/applications.repository.js';
import { DUE_SOON_MS, InboxRepository } from '../inbox/inbox.repository.js';
import { SupervisionRepository } from './supervision.repository.js';

const seesAll = (principal: Principal) => principal.roles.includes('supervisor') || principal.roles.includes('admin');

export class NoticeNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`Supervision notice ${id} is not addressed to your departments.`, 'SUPERVISION_NOTICE_NOT_FOUND');
  }
}

/** End of a China calendar day, as an instant. */
export const endOfChinaDay = (isoDate: string) => new Date(`${isoDate}T23:59:59.999+08:00`);

@Injectable()
export class SupervisionService {
  constructor(
    @Inject(SupervisionRepository) private readonly notices: SupervisionRepository,
    @Inject(InboxRepository) private readonly inbox: InboxRepository,
    @Inject(ApplicationsRepository) private readonly applications: ApplicationsRepository,
    @Inject(ApplicationViews) private readonly views: ApplicationViews,
  ) {}

  async overview(now: Date): Promise<SupervisionOverview> {
    return { departments: await this.notices.overview(now, new Date(now.getTime() + DUE_SOON_MS)) };
  }

  async list(principal: Principal, status: 'open' | 'answered' | undefined): Promise<SupervisionNotice[]> {
    return this.notices.list(seesAll(principal) ? null : principal.departments.map((d) => d.path), status);
  }

  /** A supervisor's notice on an open step: the step's department must answer within the given working days. */
  async issue(principal: Principal, raw: SupervisionNoticeInput, now: Date): Promise<SupervisionNotice> {
    const input = supervisionNoticeInputSchema.parse(raw);
    const task = await this.inbox.find(input.taskKey);
    if (!task) throw new NotFoundError(`Task ${input.taskKey} is not in the inbox.`, 'INBOX_TASK_NOT_FOUND');
    if (task.state !== 'open') throw new AppError('conflict', 'TASK_CLOSED', `This step is ${task.state}; supervise the case's open steps instead.`);
    const department = task.candidateGroups[0];
    if (!department) throw new AppError('conflict', 'NO_DEPARTMENT', 'This step has no department to answer a notice.');
    const calendar = await this.views.calendar();
    const answerBy = endOfChinaDay(calendar.addWorkingDays(chinaDate(now), input.answerWithinDays));
    const id = await this.notices.insert({ taskKey: task.taskKey, applicationId: task.applicationId, department, text: input.text, issuedBy: principal.username, issuedByName: principal.name, at: now, answerBy });
    if (task.applicationId) {
      await this.applications.addEvent({
        applicationId: task.applicationId, at: now, kind: 'supervision-notice', actorSubject: principal.subject, actorName: principal.name, actorRole: 'staff',
        department, text: `督办“${task.name}”：${input.text}（请于 ${chinaDate(answerBy)} 前回复）`, visibleToApplicant: false,
      });
    }
    await this.inbox.notify(task.taskKey);
    return this.found(id);
  }

  async answer(principal: Principal, id: string, response: string, now: Date): Promise<SupervisionNotice> {
    const notice = await this.notices.find(id);
    if (!notice || !(seesAll(principal) || principal.departments.some((d) => d.path === notice.department))) throw new NoticeNotFoundError(id);
    if (!principal.departments.some((d) => d.path === notice.department)) throw new ForbiddenError(`Only ${notice.department} answers this notice.`, 'NOT_YOUR_DEPARTMENT');
    if (!(await this.notices.answer(id, response, principal.name, now))) throw new AppError('conflict', 'ALREADY_ANSWERED', 'This supervision notice has been answered already.');
    if (notice.applicationId) {
      await this.applications.addEvent({
        applicationId: notice.applicationId, at: now, kind: 'supervision-answered', actorSubject: principal.subject, actorName: principal.name, actorRole: 'staff',
        department: notice.department, text: `答复督办：${response}`, visibleToApplicant: false,
      });
    }
    await this.inbox.notify(notice.taskKey);
    return this.found(id);
  }

  private async found(id: string): Promise<SupervisionNotice> {
    const notice = await this.notices.find(id);
    if (!notice) throw new NoticeNotFoundError(id);
    return notice;
  }
}
