// The department's side of a case until the shared inbox lands: open steps of a case, decisions
// (approve / reject / one-time correction notice), the result reported by the model's
// `case.result` step, and answers to bad ratings (rectification).
import { Inject, Injectable } from '@nestjs/common';
import {
  type ApplicationView, type CaseOutcome, type CaseTask, type CorrectionProblem, DECIDED_STATUSES, type HandBackInput, handBackInputSchema, OPEN_STATUSES,
  caseStartVariablesSchema, type FormField, formFieldsOf, type Rectification, type ReturnTarget, type ReturnTaskInput, returnTaskSchema, type TaskDecisionInput,
  taskDecisionInputSchema, type TaskForm, validateFormData,
} from '@gov/contracts';
import type { EntityManager } from 'typeorm';
import { ForbiddenError, ValidationError } from '../../common/app-error.js';
import type { Principal } from '../../common/auth/principal.js';
import { CatalogueService } from '../catalogue/catalogue.service.js';
import { ApplicationViews } from './application-views.js';
import { ApplicationNotFoundError, ApplicationStateError, TaskAlreadyDecidedError, TaskNotFoundError } from './applications.errors.js';
import { type ApplicationRecord, ApplicationsRepository, type DepartmentDecision, type RectificationRow } from './applications.repository.js';
import { targetKey, targetValue } from './applications.service.js';
import { CaseEngine, type OpenUserTask } from './case-engine.js';
import { CaseNotifier } from './case-notifier.js';

/** Variables the case protocol owns: an approval form's field of the same name does not overwrite them. */
const CASE_VARIABLES = new Set([...Object.keys(caseStartVariablesSchema.shape), 'decision', 'approved', 'opinion', 'departmentDecisions', 'statutoryDueDate', 'caseOutcome']);

/** "label：value；…" of an approval form's values, in the form's order (yes / no for checkboxes). */
function formSummary(fields: readonly FormField[], values: Record<string, unknown>): string {
  const shown = (value: unknown) => (value === true ? '是' : value === false ? '否' : Array.isArray(value) ? value.join('、') : String(value));
  return fields.filter((f) => values[f.key] !== undefined && values[f.key] !== '').map((f) => `${f.label}：${shown(values[f.key])}`).join('；');
}

const REMEDY = '如不服本决定，可自收到决定之日起六十日内依法申请行政复议，或者六个月内依法向人民法院提起行政诉讼。';

const OUTCOME_TEXT: Record<CaseOutcome, string> = { approved: '准予办理', rejected: '不予办理', 'partially-approved': '部分准予办理' };

function rectificationView(row: RectificationRow): Rectification {
  return {
    id: row.id, applicationId: row.application_id, caseNumber: row.case_number, itemName: row.item_name, department: row.department, level: row.level,
    reasons: row.reasons, comment: row.comment, status: row.status, response: row.response, createdAt: row.created_at.toISOString(),
    answeredAt: row.answered_at?.toISOString() ?? null,
  };
}

/** Staff of a case's departments (not supervisors: they watch, departments decide). */
function deciderDepartments(principal: Principal, task: OpenUserTask): string[] {
  if (!principal.roles.some((r) => r === 'approver' || r === 'dept-admin' || r === 'clerk')) return [];
  return principal.departments.map((d) => d.path).filter((path) => task.candidateGroups.includes(path));
}

@Injectable()
export class CaseDecisionsService {
  constructor(
    @Inject(ApplicationsRepository) private readonly repository: ApplicationsRepository,
    @Inject(ApplicationViews) private readonly views: ApplicationViews,
    @Inject(CaseEngine) private readonly engine: CaseEngine,
    @Inject(CaseNotifier) private readonly notifier: CaseNotifier,
    @Inject(CatalogueService) private readonly catalogue: CatalogueService,
  ) {}

  /** The approval form the step's model links, as deployed (schema null when the step links none). */
  async taskForm(principal: Principal, id: string, taskKey: string): Promise<TaskForm> {
    const { application, task } = await this.stepToAct(principal, id, taskKey);
    if (!task.formId) return { formId: null, schema: null };
    return { formId: task.formId, schema: await this.catalogue.formById(application.itemCode, task.formId) };
  }

  /**
   * The approval form's values for the decision: checked when approving (required fields, formats),
   * only the form's own keys kept. Null when the step links no form (and then no values are taken).
   */
  private async approvalForm(application: ApplicationRecord, task: OpenUserTask, input: { decision: string; formData?: Record<string, unknown> | undefined }): Promise<{ fields: FormField[]; values: Record<string, unknown> } | null> {
    if (!task.formId) {
      if (input.formData && Object.keys(input.formData).length > 0) throw new ValidationError('This step has no approval form.', [{ path: 'formData', message: `"${task.name}" links no form` }]);
      return null;
    }
    const fields = formFieldsOf(await this.catalogue.formById(application.itemCode, task.formId));
    const data = input.formData ?? {};
    if (input.decision === 'approve') {
      const problems = validateFormData(fields, data);
      if (problems.length > 0) throw new ValidationError(`Fill in the approval form of "${task.name}" before approving.`, problems);
    }
    return { fields, values: Object.fromEntries(fields.filter((f) => data[f.key] !== undefined).map((f) => [f.key, data[f.key]])) };
  }

  private async caseFor(principal: Principal, id: string): Promise<ApplicationRecord> {
    const application = await this.repository.find(id);
    const staff = principal.roles.includes('admin') || principal.roles.includes('supervisor')
      || principal.departments.some((d) => application?.departments.includes(d.path));
    if (!application || application.status === 'draft' || !staff) throw new ApplicationNotFoundError(id);
    return application;
  }

  /** Open steps of the case that the caller's departments may decide. */
  async tasks(principal: Principal, id: string): Promise<CaseTask[]> {
    const application = await this.caseFor(principal, id);
    if (!application.processInstanceKey || DECIDED_STATUSES.includes(application.status)) return [];
    const tasks = await this.engine.openTasks(application.processInstanceKey);
    return tasks.filter((t) => deciderDepartments(principal, t).length > 0)
      .map((t) => ({ taskKey: t.taskKey, elementId: t.elementId, name: t.name, candidateGroups: t.candidateGroups, createdAt: t.createdAt }));
  }

  /** The open task, waiting briefly while its listeners run (a task being created, assigned or updated cannot be completed yet). */
  private async openTask(processInstanceKey: string, taskKey: string): Promise<OpenUserTask | undefined> {
    return (await this.engine.openTaskOnceReady(processInstanceKey, taskKey)) ?? undefined;
  }

  /** The open step of the case the caller's department acts on; 409 when it has just been decided, 404 otherwise. */
  private async stepToAct(principal: Principal, id: string, taskKey: string): Promise<{ application: ApplicationRecord; task: OpenUserTask; department: string }> {
    const application = await this.caseFor(principal, id);
    if (!application.processInstanceKey) throw new TaskNotFoundError(taskKey);
    const task = await this.openTask(application.processInstanceKey, taskKey);
    if (!task) {
      // A step of this case that has just ended: someone decided it a moment ago.
      const ended = (await this.engine.tasksOf(application.processInstanceKey)).find((t) => t.taskKey === taskKey);
      if (ended && deciderDepartments(principal, ended).length > 0) throw new TaskAlreadyDecidedError();
      throw new TaskNotFoundError(taskKey);
    }
    const department = deciderDepartments(principal, task)[0];
    if (!department) throw new TaskNotFoundError(taskKey);
    return { application, task, department };
  }

  async decide(principal: Principal, id: string, taskKey: string, raw: TaskDecisionInput, now: Date): Promise<ApplicationView> {
    const input = taskDecisionInputSchema.parse(raw);
    const { application, task, department } = await this.stepToAct(principal, id, taskKey);
    if (task.stage === 'hand-back') throw new ApplicationStateError(`"${task.name}" hands the result back at the counter; record the hand-over instead of a decision.`, 'HAND_BACK_STEP');
    if (input.decision === 'correct' && !task.correctable) {
      throw new ApplicationStateError(`"${task.name}" cannot ask for correction: corrections are asked for at pre-review (受理), or at a step whose model allows them.`, 'CORRECTION_NOT_HERE');
    }
    // Attachments are files the approver uploaded themselves.
    const files = await this.repository.files(input.attachments);
    const foreign = input.attachments.filter((fileId) => !files.some((f) => f.id === fileId && f.ownerSubject === principal.subject));
    if (foreign.length > 0) throw new ValidationError('Attach files you uploaded yourself.', foreign.map((fileId) => ({ path: 'attachments', message: `file ${fileId} is not one of your uploads` })));
    const attachments = input.attachments.map((fileId) => ({ fileId, name: files.find((f) => f.id === fileId)?.name ?? fileId }));
    const form = await this.approvalForm(application, task, input);
    const sendAfter: (() => void)[] = [];
    await this.repository.transaction(async (db) => {
      const current = await this.repository.find(id, db, { lock: true });
      if (!current || current.status !== application.status) throw new ApplicationStateError('The case changed while you were deciding; reload it.', 'APPLICATION_CHANGED');
      // While the applicant corrects, the step that asked waits; other departments' parallel steps go on.
      if (current.status === 'correction-requested' && (task.stage === 'pre-review' || input.decision === 'correct')) {
        throw new ApplicationStateError('The applicant has not answered the correction notice yet.', 'AWAITING_CORRECTION');
      }
      // Decisions on one case are serialised by the row lock. A second decision of the same step is
      // refused by the engine below (the step is gone or completing: TaskAlreadyDecidedError), which
      // rolls back what this transaction wrote.
      const decisions: DepartmentDecision[] = [...current.departmentDecisions, { department, decision: input.decision, opinion: input.opinion }];
      const actor = { applicationId: id, actorSubject: principal.subject, actorName: principal.name, actorRole: 'staff', department, attachments } as const;
      const notice = { recipientSubject: current.applicantSubject, applicationId: id, caseNumber: current.caseNumber, at: now };
      if (input.decision === 'correct') {
        const count = current.correctionCount + 1;
        await this.issueNotice(current, principal, department, input.problems, count, now, db);
        await this.repository.update(id, {
          status: 'correction-requested', correctionCount: count, departmentDecisions: decisions, bumpVersion: true, now,
          clockEvents: [...current.clockEvents, { type: 'paused', at: now, reason: 'correction' }],
        }, db);
        await this.repository.addEvent({ ...actor, at: now, kind: 'correction-requested', text: `一次性告知补正：${input.problems.length} 项。${input.opinion}` }, db);
        sendAfter.push(await this.notifier.notify(db, { ...notice, title: `请补正材料：${current.itemName}`, body: `${department.split('/').at(-1) ?? department}一次性告知您需补正 ${input.problems.length} 项内容，补正期间办理时限暂停计算。` }));
      } else if (task.stage === 'pre-review') {
        const accepted = input.decision === 'approve';
        await this.repository.update(id, { ...(accepted ? { status: 'in-review' } : {}), departmentDecisions: decisions, bumpVersion: true, now }, db);
        await this.repository.addEvent({ ...actor, at: now, kind: accepted ? 'accepted' : 'department-decided', text: accepted ? `已受理。${input.visibleToApplicant ? input.opinion : ''}`.trim() : `不予受理：${input.opinion}`, visibleToApplicant: true }, db);
        if (accepted) sendAfter.push(await this.notifier.notify(db, { ...notice, title: `申请已受理：${current.itemName}`, body: `申报编号 ${current.caseNumber ?? ''} 已受理，进入审查。` }));
      } else {
        await this.repository.update(id, { departmentDecisions: decisions, bumpVersion: true, now }, db);
        await this.repository.addEvent({
          ...actor, at: now, kind: 'department-decided', visibleToApplicant: input.visibleToApplicant,
          text: `${task.name}：${input.decision === 'approve' ? '同意' : '不同意'}${input.opinion ? `。${input.opinion}` : ''}`,
        }, db);
      }
      if (form && Object.keys(form.values).length > 0) {
        // What the department recorded in the step's form: for staff (it may hold the household's figures).
        await this.repository.addEvent({ ...actor, at: now, kind: 'department-decided', visibleToApplicant: false, text: `${task.name}（表单）：${formSummary(form.fields, form.values)}` }, db);
      }
      // The engine last: when it refuses, the transaction rolls back and nothing is recorded. The
      // form's values go to the process under their own names (gateways may route on them); the
      // case's own variables keep theirs.
      const formVariables = Object.fromEntries(Object.entries(form?.values ?? {}).filter(([key]) => !CASE_VARIABLES.has(key)));
      await this.engine.completeTask(taskKey, { ...formVariables, decision: input.decision, approved: input.decision === 'approve', opinion: input.opinion, departmentDecisions: decisions });
    });
    sendAfter.forEach((send) => send());
    const updated = await this.repository.find(id);
    if (!updated) throw new ApplicationNotFoundError(id);
    return this.views.view(principal, updated, now);
  }

  /**
   * One notice lists every problem. A problem in a later notice whose target the applicant has not
   * touched since the first notice existed then and should have been listed: it is a defect.
   */
  private async issueNotice(application: ApplicationRecord, principal: Principal, department: string, problems: CorrectionProblem[], number: number, now: Date, db: Parameters<ApplicationsRepository['insertNotice']>[2]): Promise<void> {
    const snapshot = { formData: application.formData, materials: application.materials };
    const first = (await this.repository.notices(application.id, db))[0];
    const listedFirst = new Set(first?.problems.map((p) => targetKey(p.target)) ?? []);
    const marked = problems.map((problem) => {
      const unchanged = first !== undefined && problem.target.kind !== 'other' && targetValue(first.snapshot, problem.target) === targetValue(snapshot, problem.target);
      return { ...problem, defect: unchanged && !listedFirst.has(targetKey(problem.target)) };
    });
    await this.repository.insertNotice(application.id, {
      number, issuedAt: now, issuedBy: principal.name, department, problems: marked, snapshot, defects: marked.filter((p) => p.defect).length,
    }, db);
  }

  /**
   * Earlier steps the case can go back to from this one: steps of the case already completed, when
   * this is the case's only open step (a parallel approval is sent back by each branch's own notice).
   */
  async returnTargets(principal: Principal, id: string, taskKey: string): Promise<ReturnTarget[]> {
    const { all, task } = await this.returnable(principal, id, taskKey);
    const seen = new Map<string, string>();
    for (const earlier of all) if (earlier.state === 'COMPLETED' && earlier.elementId !== task.elementId && earlier.stage !== 'hand-back') seen.set(earlier.elementId, earlier.name);
    return [...seen].map(([elementId, name]) => ({ elementId, name }));
  }

  private async returnable(principal: Principal, id: string, taskKey: string) {
    const application = await this.caseFor(principal, id);
    if (!application.processInstanceKey || !OPEN_STATUSES.includes(application.status)) throw new TaskNotFoundError(taskKey);
    // A step that has just arrived may still be running its creating listener (its inbox row is
    // written before the listener completes): wait for it, as a decision does.
    if (!(await this.engine.openTaskOnceReady(application.processInstanceKey, taskKey))) throw new TaskNotFoundError(taskKey);
    const all = await this.engine.tasksOf(application.processInstanceKey);
    const task = all.find((t) => t.taskKey === taskKey && t.state === 'CREATED');
    if (!task || deciderDepartments(principal, task).length === 0) throw new TaskNotFoundError(taskKey);
    return { application, all, task, processInstanceKey: application.processInstanceKey };
  }

  /** Sends the case back to an earlier step (退回) with the reason; that step's department gets it again. */
  async returnTo(principal: Principal, id: string, taskKey: string, raw: ReturnTaskInput, now: Date): Promise<ApplicationView> {
    const input = returnTaskSchema.parse(raw);
    const { all, task, processInstanceKey } = await this.returnable(principal, id, taskKey);
    if (all.filter((t) => !['COMPLETED', 'CANCELED', 'FAILED'].includes(t.state)).length > 1) {
      throw new ApplicationStateError('The case has other open steps (a parallel approval): it cannot go back from one branch. Ask for correction or decide instead.', 'RETURN_NOT_SINGLE_STEP');
    }
    const target = (await this.returnTargets(principal, id, taskKey)).find((t) => t.elementId === input.toElementId);
    if (!target) throw new ApplicationStateError(`"${input.toElementId}" is not an earlier step of this case.`, 'RETURN_TARGET_UNKNOWN');
    if (!task.elementInstanceKey) throw new TaskNotFoundError(taskKey);
    const department = deciderDepartments(principal, task)[0] ?? null;
    const targetStage = all.find((t) => t.elementId === target.elementId)?.stage;
    await this.repository.transaction(async (db) => {
      const current = await this.repository.find(id, db, { lock: true });
      if (!current || !OPEN_STATUSES.includes(current.status)) throw new ApplicationStateError('The case changed while you were deciding; reload it.', 'APPLICATION_CHANGED');
      if (!(await this.engine.openTasks(processInstanceKey)).some((t) => t.taskKey === taskKey)) throw new TaskAlreadyDecidedError();
      await this.repository.update(id, { ...(targetStage === 'pre-review' ? { status: 'submitted' as const } : {}), bumpVersion: true, now }, db);
      await this.repository.addEvent({
        applicationId: id, at: now, kind: 'returned', actorSubject: principal.subject, actorName: principal.name, actorRole: 'staff', department,
        text: `“${task.name}”退回至“${target.name}”：${input.opinion}`, visibleToApplicant: false,
      }, db);
      // The engine last: when it refuses, nothing is recorded.
      await this.engine.returnTo(processInstanceKey, target.elementId, task.elementInstanceKey ?? '');
    });
    const updated = await this.repository.find(id);
    if (!updated) throw new ApplicationNotFoundError(id);
    return this.views.view(principal, updated, now);
  }

  /**
   * The counter hands the result back (基层窗口反馈): the clerk records who collected it, the
   * process's hand-back step completes, and the case history says so.
   */
  async handBack(principal: Principal, id: string, taskKey: string, raw: HandBackInput, now: Date): Promise<ApplicationView> {
    const input = handBackInputSchema.parse(raw);
    const { application, task, department } = await this.stepToAct(principal, id, taskKey);
    if (task.stage !== 'hand-back') throw new ApplicationStateError(`"${task.name}" is not a hand-back step; decide it instead.`, 'NOT_A_HAND_BACK_STEP');
    await this.repository.transaction(async (db) => {
      const current = await this.repository.find(id, db, { lock: true });
      if (!current) throw new ApplicationNotFoundError(id);
      if (!(await this.engine.openTasks(application.processInstanceKey ?? '')).some((t) => t.taskKey === taskKey)) throw new TaskAlreadyDecidedError();
      await this.repository.update(id, { handedBackAt: now, bumpVersion: true, now }, db);
      await this.repository.addEvent({
        applicationId: id, at: now, kind: 'handed-back', actorSubject: principal.subject, actorName: principal.name, actorRole: 'staff', department,
        text: `办理结果已在${department.split('/').filter(Boolean).slice(1).join('')}窗口交付，领取人：${input.receivedBy}（已核验身份证件）${input.note ? `。${input.note}` : ''}`,
      }, db);
      await this.engine.completeTask(taskKey, { handedBack: true, receivedBy: input.receivedBy });
    });
    const updated = await this.repository.find(id);
    if (!updated) throw new ApplicationNotFoundError(id);
    return this.views.view(principal, updated, now);
  }

  /** The model's `case.result` step: the case is decided. Idempotent (a job delivered twice records once). */
  async recordResult(caseNumber: string, outcome: CaseOutcome, opinion: string | null, now: Date): Promise<'recorded' | 'already-decided' | 'unknown-case'> {
    const sendAfter: (() => void)[] = [];
    const result = await this.repository.transaction(async (db) => {
      const application = await this.repository.findByCaseNumber(caseNumber, db, { lock: true });
      if (!application) return 'unknown-case' as const;
      if (DECIDED_STATUSES.includes(application.status) || application.status === 'withdrawn') return 'already-decided' as const;
      const clockEvents = [...application.clockEvents];
      if (clockEvents.length > 0) {
        if (application.status === 'correction-requested') clockEvents.push({ type: 'resumed', at: now });
        clockEvents.push({ type: 'stopped', at: now });
      }
      const rejectionOpinion = [...application.departmentDecisions].reverse().find((d) => d.decision === 'reject')?.opinion ?? null;
      // E-licences the model issued before its result (licence.issue) are delivered with it.
      const licences = await this.repository.licencesOfCase(caseNumber, db);
      await this.repository.update(application.id, {
        status: outcome, decidedAt: now, clockEvents, bumpVersion: true, now,
        result: {
          outcome, decidedAt: now.toISOString(), opinion: opinion ?? (outcome === 'approved' ? null : rejectionOpinion),
          remedy: outcome === 'approved' ? null : REMEDY,
          departments: application.departmentDecisions.filter((d) => d.decision !== 'correct'),
          documents: [
            { name: '受理回执', url: `/api/applications/${application.id}/receipt.pdf` },
            ...licences.map((l) => ({ name: `电子证照：${l.typeName}（${l.licenceNo}）`, url: `/api/licences/${l.licenceNo}/pdf` })),
          ],
        },
      }, db);
      await this.repository.addEvent({ applicationId: application.id, at: now, kind: outcome, actorSubject: null, actorName: application.agencyName, actorRole: 'system', department: application.agencyPath, text: OUTCOME_TEXT[outcome] }, db);
      sendAfter.push(await this.notifier.notify(db, {
        recipientSubject: application.applicantSubject, applicationId: application.id, caseNumber, at: now,
        title: `办理结果：${application.itemName}`, body: `申报编号 ${caseNumber}：${OUTCOME_TEXT[outcome]}。欢迎对本次服务作出评价。`,
      }));
      return 'recorded' as const;
    });
    sendAfter.forEach((send) => send());
    return result;
  }

  /**
   * A department's own system reported progress or its decision on a case (signed callback): the
   * applicant sees it in the timeline and gets a notice. Unknown case numbers are ignored (a system
   * may report cases the platform did not send).
   */
  async recordDepartmentEvent(caseNumber: string, department: { path: string; name: string }, status: 'received' | 'processing' | 'approved' | 'rejected', reason: string | null, now: Date, db: EntityManager): Promise<void> {
    const label = { received: '已接收', processing: '办理中', approved: '已办结（通过）', rejected: '未通过' }[status];
    const text = `${department.name}业务系统：${label}${reason ? `。${reason}` : ''}`;
    // In the caller's transaction (the callback's "record once"): one connection per request.
    const application = await this.repository.findByCaseNumber(caseNumber, db);
    if (!application) return;
    await this.repository.addEvent({ applicationId: application.id, at: now, kind: 'department-progress', actorSubject: null, actorName: department.name, actorRole: 'system', department: department.path, text }, db);
    const send = await this.notifier.notify(db, {
      recipientSubject: application.applicantSubject, applicationId: application.id, caseNumber, at: now, title: `办理进度：${application.itemName}`, body: text,
    });
    send();
  }

  /** An operator ended the case's process (终止办理): the applicant sees it ended, with the reason. */
  async recordTermination(processInstanceKey: string, reason: string, actorName: string, now: Date): Promise<void> {
    const sendAfter: (() => void)[] = [];
    await this.repository.transaction(async (db) => {
      const application = await this.repository.findByProcessInstance(processInstanceKey, db, { lock: true });
      if (!application || !OPEN_STATUSES.includes(application.status)) return;
      const clockEvents = [...application.clockEvents];
      if (clockEvents.length > 0) {
        if (application.status === 'correction-requested') clockEvents.push({ type: 'resumed', at: now });
        clockEvents.push({ type: 'stopped', at: now });
      }
      await this.repository.update(application.id, { status: 'terminated', decidedAt: now, clockEvents, bumpVersion: true, now }, db);
      await this.repository.closeInboxTasks(application.id, now, db);
      await this.repository.addEvent({ applicationId: application.id, at: now, kind: 'terminated', actorSubject: null, actorName, actorRole: 'staff', department: null, text: reason }, db);
      sendAfter.push(await this.notifier.notify(db, {
        recipientSubject: application.applicantSubject, applicationId: application.id, caseNumber: application.caseNumber, at: now,
        title: `办件已终止：${application.itemName}`, body: `申报编号 ${application.caseNumber ?? ''} 已终止办理。原因：${reason}`,
      }));
    });
    sendAfter.forEach((send) => send());
  }

  // ---- rectifications (bad ratings)

  async rectifications(principal: Principal, status: 'open' | 'answered' | undefined): Promise<Rectification[]> {
    const all = principal.roles.includes('admin') || principal.roles.includes('supervisor');
    const rows = await this.repository.rectifications(all ? 'all' : principal.departments.map((d) => d.path), status);
    return rows.map(rectificationView);
  }

  async answerRectification(principal: Principal, id: string, response: string, now: Date): Promise<Rectification> {
    const sendAfter: (() => void)[] = [];
    const answered = await this.repository.transaction(async (db) => {
      const row = await this.repository.rectification(id, db);
      if (!row) throw new ApplicationNotFoundError(id);
      if (!principal.departments.some((d) => d.path === row.department) && !principal.roles.includes('admin')) throw new ForbiddenError(`Only ${row.department} answers this rectification.`, 'NOT_YOUR_DEPARTMENT');
      if (row.status === 'answered') throw new ApplicationStateError('This rectification has been answered already.', 'ALREADY_ANSWERED');
      await this.repository.answerRectification(id, response, principal.name, now, db);
      await this.repository.addEvent({ applicationId: row.application_id, at: now, kind: 'rectification-answered', actorSubject: principal.subject, actorName: principal.name, actorRole: 'staff', department: row.department, text: response }, db);
      sendAfter.push(await this.notifier.notify(db, {
        recipientSubject: row.applicant_subject, applicationId: row.application_id, caseNumber: row.case_number, at: now,
        title: `评价整改回复：${row.item_name}`, body: `对您的评价，${row.department.split('/').at(-1) ?? row.department}已回复整改情况。`,
      }));
      return { ...row, status: 'answered' as const, response, answered_at: now };
    });
    sendAfter.forEach((send) => send());
    return rectificationView(answered);
  }
}
