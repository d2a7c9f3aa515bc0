// The shared inbox: views over the department's approval steps, claim / unclaim / assign, and the
// decision (delegated to the case's decision logic) with who took part recorded.
import { Inject, Injectable } from '@nestjs/common';
import type { ApplicationView, HandBackInput, InboxPage, InboxQuery, InboxTask, ProcessDiagram, ReturnTarget, ReturnTaskInput, TaskDecisionInput, TaskForm } from '@gov/contracts';
import { AppError, ForbiddenError, NotFoundError } from '../../common/app-error.js';
import type { Principal } from '../../common/auth/principal.js';
import { CaseDecisionsService } from '../applications/case-decisions.service.js';
import { CaseEngine } from '../applications/case-engine.js';
import { StaffDirectory } from '../staff/staff-directory.js';
import { InboxRepository } from './inbox.repository.js';

export class InboxTaskNotFoundError extends NotFoundError {
  constructor(taskKey: string) {
    super(`Task ${taskKey} is not in your departments' inbox.`, 'INBOX_TASK_NOT_FOUND');
  }
}

export class TaskTakenError extends AppError {
  constructor(assignee: string) {
    super('conflict', 'TASK_TAKEN', `This task has been claimed by ${assignee}; it is no longer open to you.`);
  }
}

export class TaskClosedError extends AppError {
  constructor(state: string) {
    super('conflict', 'TASK_CLOSED', `This task is ${state}; there is nothing left to do on it.`);
  }
}

export class AssigneeUnknownError extends AppError {
  constructor(username: string, departments: readonly string[]) {
    super('unprocessable', 'ASSIGNEE_UNKNOWN', `"${username}" is not a colleague of this step's department who has signed in to the platform.`, [
      { path: 'assignee', message: `no staff member "${username}" of ${departments.join(', ')} has signed in yet` },
    ]);
  }
}

const seesAll = (principal: Principal) => principal.roles.includes('supervisor') || principal.roles.includes('admin');

@Injectable()
export class InboxService {
  constructor(
    @Inject(InboxRepository) private readonly inbox: InboxRepository,
    @Inject(CaseEngine) private readonly engine: CaseEngine,
    @Inject(CaseDecisionsService) private readonly decisions: CaseDecisionsService,
    @Inject(StaffDirectory) private readonly staff: StaffDirectory,
  ) {}

  /** Steps go to colleagues of the step's department who have signed in: a typed name that is not one would leave the step with nobody. */
  private async assertColleague(task: InboxTask, username: string): Promise<void> {
    if (await this.staff.colleague(username, task.candidateGroups)) return;
    throw new AssigneeUnknownError(username, task.candidateGroups);
  }

  async list(principal: Principal, query: InboxQuery, now: Date): Promise<InboxPage> {
    const departments = seesAll(principal) ? null : principal.departments.map((d) => d.path);
    const { items, total, totalCapped } = await this.inbox.search(query, { username: principal.username, departments }, now);
    return { items, total, totalCapped, page: query.page, pageSize: query.pageSize };
  }

  /** A task of one of the caller's departments; 404 for anyone else's. */
  private async ownTask(principal: Principal, taskKey: string): Promise<InboxTask> {
    const task = await this.inbox.find(taskKey);
    if (!task || !(seesAll(principal) || principal.departments.some((d) => task.candidateGroups.includes(d.path)))) throw new InboxTaskNotFoundError(taskKey);
    return task;
  }

  async get(principal: Principal, taskKey: string): Promise<InboxTask> {
    return this.ownTask(principal, taskKey);
  }

  async claim(principal: Principal, taskKey: string, now: Date): Promise<InboxTask> {
    const task = await this.ownTask(principal, taskKey);
    if (task.state !== 'open') throw new TaskClosedError(task.state);
    if (task.assignee === principal.username) return task;
    if (task.assignee) throw new TaskTakenError(task.assignee);
    if ((await this.assignOnceOpen(task, principal.username, false)) === 'taken') throw new TaskTakenError('a colleague');
    await this.inbox.assigned(taskKey, principal.username, now);
    return this.ownTask(principal, taskKey);
  }

  async unclaim(principal: Principal, taskKey: string, now: Date): Promise<InboxTask> {
    const task = await this.ownTask(principal, taskKey);
    if (task.state !== 'open') throw new TaskClosedError(task.state);
    if (task.assignee === null) return task;
    if (task.assignee !== principal.username && !this.isDeptAdminOf(principal, task)) throw new ForbiddenError(`Only ${task.assignee} or a department admin can give this task back.`, 'NOT_YOUR_TASK');
    await this.assignOnceOpen(task, null, true);
    await this.inbox.assigned(taskKey, null, now);
    return this.ownTask(principal, taskKey);
  }

  /** Department admins hand a task to a colleague (or take it from one). */
  async assign(principal: Principal, taskKey: string, assignee: string, now: Date): Promise<InboxTask> {
    const task = await this.ownTask(principal, taskKey);
    if (!this.isDeptAdminOf(principal, task)) throw new ForbiddenError('Only a department admin of this task\'s department assigns it.', 'NOT_DEPT_ADMIN');
    if (task.state !== 'open') throw new TaskClosedError(task.state);
    await this.assertColleague(task, assignee);
    await this.assignOnceOpen(task, assignee, true);
    await this.inbox.assigned(taskKey, assignee, now);
    return this.ownTask(principal, taskKey);
  }

  /**
   * Delegation (委托): the approver who holds a step hands it to a colleague of the department, who
   * then holds it (and decides it) as if they had claimed it. Department admins use `assign`.
   */
  async delegate(principal: Principal, taskKey: string, to: string, now: Date): Promise<InboxTask> {
    const task = await this.ownTask(principal, taskKey);
    if (task.state !== 'open') throw new TaskClosedError(task.state);
    if (task.assignee !== principal.username) throw new ForbiddenError('Only whoever holds a step delegates it; claim it first.', 'NOT_YOUR_TASK');
    if (to === principal.username) return task;
    await this.assertColleague(task, to);
    await this.assignOnceOpen(task, to, true);
    await this.inbox.assigned(taskKey, to, now);
    await this.inbox.participated(taskKey, principal.username);
    return this.ownTask(principal, taskKey);
  }

  /** Decides the step; a task claimed by someone else is theirs to decide. */
  async decide(principal: Principal, taskKey: string, input: TaskDecisionInput, now: Date): Promise<ApplicationView> {
    const task = await this.ownTask(principal, taskKey);
    if (task.state !== 'open') throw new TaskClosedError(task.state);
    if (task.assignee && task.assignee !== principal.username) throw new TaskTakenError(task.assignee);
    if (!task.applicationId) throw new InboxTaskNotFoundError(taskKey);
    const view = await this.decisions.decide(principal, task.applicationId, taskKey, input, now);
    await this.ended(taskKey, principal, 'completed', now);
    await this.inbox.dropDrafts(taskKey);
    return view;
  }

  /** The approval form the step links (the decision panel shows it; the decision carries its values). */
  async form(principal: Principal, taskKey: string): Promise<TaskForm> {
    const task = await this.ownTask(principal, taskKey);
    if (task.state !== 'open' || !task.applicationId) return { formId: null, schema: null };
    return this.decisions.taskForm(principal, task.applicationId, taskKey);
  }

  /** The case's process diagram with where it stands (bpmn-js draws it in the task view). */
  async diagram(principal: Principal, taskKey: string): Promise<ProcessDiagram> {
    const task = await this.ownTask(principal, taskKey);
    return this.engine.diagram(task.processInstanceKey);
  }

  async returnTargets(principal: Principal, taskKey: string): Promise<ReturnTarget[]> {
    const task = await this.ownTask(principal, taskKey);
    if (task.state !== 'open' || !task.applicationId) return [];
    return this.decisions.returnTargets(principal, task.applicationId, taskKey);
  }

  /** Sends the case back to an earlier step; like a decision, a colleague's claim is respected. */
  async returnTo(principal: Principal, taskKey: string, input: ReturnTaskInput, now: Date): Promise<ApplicationView> {
    const task = await this.ownTask(principal, taskKey);
    if (task.state !== 'open') throw new TaskClosedError(task.state);
    if (task.assignee && task.assignee !== principal.username) throw new TaskTakenError(task.assignee);
    if (!task.applicationId) throw new InboxTaskNotFoundError(taskKey);
    const view = await this.decisions.returnTo(principal, task.applicationId, taskKey, input, now);
    await this.ended(taskKey, principal, 'canceled', now);
    return view;
  }

  /** The counter hands the result back (the hand-back step of a counter case). */
  async handBack(principal: Principal, taskKey: string, input: HandBackInput, now: Date): Promise<ApplicationView> {
    const task = await this.ownTask(principal, taskKey);
    if (task.state !== 'open') throw new TaskClosedError(task.state);
    if (task.assignee && task.assignee !== principal.username) throw new TaskTakenError(task.assignee);
    if (!task.applicationId) throw new InboxTaskNotFoundError(taskKey);
    const view = await this.decisions.handBack(principal, task.applicationId, taskKey, input, now);
    await this.ended(taskKey, principal, 'completed', now);
    return view;
  }

  /**
   * The engine has accepted the step's end; its listener job will say so too, but a moment later. The
   * row closes now so that the list the approver goes back to no longer offers what they just decided
   * (the listener's own write then changes nothing).
   */
  private async ended(taskKey: string, principal: Principal, state: 'completed' | 'canceled', now: Date): Promise<void> {
    await this.inbox.participated(taskKey, principal.username);
    await this.inbox.ended(taskKey, state, now);
  }

  /**
   * Assigns in the engine. The engine refuses while a listener runs on the step (its creation, a
   * colleague's claim): then this waits for the step to be open again and tries once more. Asking
   * first would cost a search on every claim for what is rare.
   */
  private async assignOnceOpen(task: InboxTask, assignee: string | null, allowOverride: boolean): Promise<'done' | 'taken'> {
    let outcome = await this.engine.assign(task.taskKey, assignee, allowOverride);
    if (outcome === 'taken') {
      if (!(await this.engine.waitUntilOpen(task.processInstanceKey, task.taskKey))) throw new TaskClosedError('no longer open');
      outcome = await this.engine.assign(task.taskKey, assignee, allowOverride);
    }
    if (outcome === 'gone') throw new TaskClosedError('no longer open');
    return outcome;
  }

  private isDeptAdminOf(principal: Principal, task: InboxTask): boolean {
    return principal.roles.includes('admin')
      || (principal.roles.includes('dept-admin') && principal.departments.some((d) => task.candidateGroups.includes(d.path)));
  }
}
