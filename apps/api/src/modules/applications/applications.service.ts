// The applicant's side of a case: draft (pre-filled, autosaved), materials, submit (idempotent,
// automatic pre-review, case number, process instance), answer a correction notice, withdraw,
// rate, receipt. Every state change writes the case history and notifies the applicant.
import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { chinaDate } from '@gov/clock';
import {
  type ApplicationPage, type ApplicationView, type CaseStartVariables, type CounterAcceptance, type CounterApplicationInput, counterApplicationSchema,
  type CounterCasePage, type CounterCaseQuery, type CounterPerson, DECIDED_STATUSES, type FormField, formFieldsOf, maskIdNumber, OPEN_STATUSES, prefillFormData,
  type ProblemTarget, type RatingInput, ratingInputSchema, type SaveDraft, type ServiceItem, validateFormData,
} from '@gov/contracts';
import type { EntityManager } from 'typeorm';
import type { FieldProblem } from '../../common/app-error.js';
import type { Principal } from '../../common/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { CatalogueService } from '../catalogue/catalogue.service.js';
import { ApplicationViews, isApplicant, isCounterClerkOf, isExpired, isStaffOf, summaryOf } from './application-views.js';
import {
  ApplicationNotFoundError, ApplicationStateError, DraftExpiredError, IdentityRequiredError, ItemNotApplicableError, NotAcceptedHereError, NotACounterError,
  StaleApplicationError, SubmissionIncompleteError,
} from './applications.errors.js';
import { type ApplicationRecord, type ApplicationSnapshot, ApplicationsRepository, type FileRecord } from './applications.repository.js';
import { CaseEngine } from './case-engine.js';
import { CaseNotifier } from './case-notifier.js';
import { renderReceiptPdf } from './receipt-pdf.js';

const DAY_MS = 24 * 3600_000;

interface PreparedChecks {
  item: ServiceItem;
  /** The application form checked against: the one a case keeps when it is submitted. */
  form: Record<string, unknown>;
  fields: FormField[];
  eligibilityDecisionId: string | null;
}

/**
 * The level of a service centre from its group path: 社区 (community), 街道/乡/镇 (street), else a
 * service hall, which accepts every item (一口式受理).
 */
export function centreLevel(path: string): 'community' | 'street' | 'hall' {
  const name = path.split('/').filter(Boolean).at(-1) ?? '';
  if (/社区$|村$/.test(name)) return 'community';
  if (/街道$|乡$|镇$/.test(name)) return 'street';
  return 'hall';
}

/** A centre as people read it: the path below the city (和平区太原街街道北市社区). */
export const centreName = (path: string) => path.split('/').filter(Boolean).slice(1).join('') || path;

/** Where a department system fetches a material (authorised by the platform). */
export const fileUrl = (fileId: string) => `/api/files/${fileId}/content`;

export function targetKey(target: ProblemTarget): string {
  switch (target.kind) {
    case 'material': return `material:${target.materialId}`;
    case 'field': return `field:${target.key}`;
    case 'other': return 'other';
  }
}

/** The value a problem target points at, to tell whether the applicant changed it. */
export function targetValue(snapshot: ApplicationSnapshot, target: ProblemTarget): string | null {
  switch (target.kind) {
    case 'material': return JSON.stringify(snapshot.materials[target.materialId] ?? []);
    case 'field': return JSON.stringify(snapshot.formData[target.key] ?? null);
    case 'other': return null;
  }
}

@Injectable()
export class ApplicationsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ApplicationsRepository) private readonly repository: ApplicationsRepository,
    @Inject(CatalogueService) private readonly catalogue: CatalogueService,
    @Inject(ApplicationViews) private readonly views: ApplicationViews,
    @Inject(CaseEngine) private readonly engine: CaseEngine,
    @Inject(CaseNotifier) private readonly notifier: CaseNotifier,
  ) {}

  private draftExpiry(now: Date): Date {
    return new Date(now.getTime() + this.config.applications.draftTtlDays * DAY_MS);
  }

  /** An application the caller may see (its applicant, or staff of its departments); 404 otherwise. */
  async visible(principal: Principal, id: string, db?: EntityManager, lock = false): Promise<ApplicationRecord> {
    const application = await this.repository.find(id, db, { lock });
    if (!application || !(isApplicant(principal, application) || isStaffOf(principal, application))) throw new ApplicationNotFoundError(id);
    return application;
  }

  /** An application of the caller's own; 404 for anyone else's (staff act through the case routes). */
  private async own(principal: Principal, id: string, db?: EntityManager, lock = false): Promise<ApplicationRecord> {
    const application = await this.repository.find(id, db, { lock });
    if (!application || !isApplicant(principal, application)) throw new ApplicationNotFoundError(id);
    return application;
  }

  /**
   * An application the caller fills in: their own online application, or a counter application of
   * the caller's service centre (the clerk types for the citizen at the window). 404 otherwise.
   */
  async filler(principal: Principal, id: string, db?: EntityManager, lock = false): Promise<ApplicationRecord> {
    const application = await this.repository.find(id, db, { lock });
    const allowed = application && (application.channel === 'counter' ? isCounterClerkOf(principal, application) : application.applicantSubject === principal.subject);
    if (!application || !allowed) throw new ApplicationNotFoundError(id);
    return application;
  }

  async view(principal: Principal, id: string, now: Date): Promise<ApplicationView> {
    return this.views.view(principal, await this.visible(principal, id), now);
  }

  /** The form to show and edit the application with (whoever may see the application). */
  async form(principal: Principal, id: string): Promise<Record<string, unknown>> {
    return this.views.applicationForm(await this.visible(principal, id));
  }

  async list(principal: Principal, query: { status?: ApplicationRecord['status'] | undefined; rated?: boolean | undefined; page: number; pageSize: number }, now: Date): Promise<ApplicationPage> {
    const { records, total } = await this.repository.listForApplicant(principal.subject, principal.company?.creditCode ?? null, query, query.page, query.pageSize, principal.idNumber);
    const items = await Promise.all(records.map(async (r) => summaryOf(r, r.rated, await this.views.clockOf(r, now))));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  // ---- draft

  async create(principal: Principal, itemCode: string, now: Date): Promise<ApplicationView> {
    if (!principal.idNumber) throw new IdentityRequiredError();
    const { item, revision } = await this.catalogue.published(itemCode);
    if (!item.online) throw new ItemNotApplicableError(itemCode, item.offlineReason ?? 'it is handled at the service hall only');
    const fields = await this.views.formFields(itemCode);
    // What the platform already knows: identity first, then earlier applications (newest wins).
    const known: Record<string, unknown> = {};
    for (const data of await this.repository.recentFormData(principal.subject)) Object.assign(known, data);
    Object.assign(known, { name: principal.name, applicantName: principal.name, idNumber: principal.idNumber, applicantIdNumber: principal.idNumber });
    if (principal.email) known.email ??= principal.email;
    // An enterprise user applies for their company when the item serves enterprises.
    const company = principal.company && item.audiences.includes('enterprise') ? principal.company : null;
    if (company) Object.assign(known, { creditCode: company.creditCode, operatorName: company.name, companyName: company.name, enterpriseName: company.name });
    const { data, prefilled } = prefillFormData(fields, known);
    const materials = await this.reusableMaterials(principal.subject, item);
    const id = await this.repository.transaction(async (db) => {
      const created = await this.repository.insert({
        itemCode, itemRevision: revision, itemName: item.name, agencyPath: item.agency.path, agencyName: item.agency.name,
        departments: [item.agency.path, ...item.coAgencies.map((a) => a.path)], applicantSubject: principal.subject, applicantName: principal.name,
        applicantIdNumber: principal.idNumber ?? '', company, formData: data, prefilled, materials, now, draftExpiresAt: this.draftExpiry(now),
      }, db);
      await this.repository.addEvent({ applicationId: created, at: now, kind: 'created', actorSubject: principal.subject, actorName: principal.name, actorRole: 'applicant', department: null, text: null }, db);
      return created;
    });
    return this.view(principal, id, now);
  }

  /** Never ask twice (R7): a material given before under the same name is offered again. */
  private async reusableMaterials(subject: string, item: ServiceItem): Promise<Record<string, string[]>> {
    const earlier = await this.repository.filesUsedBefore(subject);
    if (earlier.length === 0) return {};
    const byName = new Map<string, string[]>();
    for (const application of earlier) {
      const earlierItem = await this.catalogue.published(application.itemCode).then((p) => p.item).catch(() => null);
      for (const material of earlierItem?.materials ?? []) {
        const files = application.materials[material.id];
        if (files?.length && !byName.has(material.name)) byName.set(material.name, files);
      }
    }
    const owned = new Set((await this.repository.files([...byName.values()].flat())).filter((f) => f.ownerSubject === subject).map((f) => f.id));
    const result: Record<string, string[]> = {};
    for (const material of item.materials) {
      const files = byName.get(material.name)?.filter((id) => owned.has(id));
      if (files?.length) result[material.id] = files;
    }
    return result;
  }

  private assertEditable(application: ApplicationRecord, now: Date): void {
    if (isExpired(application, now) && application.draftExpiresAt) throw new DraftExpiredError(application.draftExpiresAt);
    if (application.status !== 'draft' && application.status !== 'correction-requested') {
      throw new ApplicationStateError(`The application is ${application.status}; only drafts and applications asked for correction can be changed.`, 'APPLICATION_NOT_EDITABLE');
    }
  }

  async saveForm(principal: Principal, id: string, input: SaveDraft, now: Date): Promise<ApplicationView> {
    await this.repository.transaction(async (db) => {
      const application = await this.filler(principal, id, db, true);
      this.assertEditable(application, now);
      if (input.version !== undefined && input.version !== application.version) throw new StaleApplicationError(application.version, input.version);
      await this.repository.update(id, {
        formData: input.formData, bumpVersion: true, now, ...(application.status === 'draft' ? { draftExpiresAt: this.draftExpiry(now) } : {}),
      }, db);
    });
    return this.view(principal, id, now);
  }

  async setMaterial(principal: Principal, id: string, materialId: string, fileIds: readonly string[], now: Date): Promise<ApplicationView> {
    const item = await this.views.itemOf(await this.filler(principal, id));
    await this.repository.transaction(async (db) => {
      const application = await this.filler(principal, id, db, true);
      this.assertEditable(application, now);
      if (!item.materials.some((m) => m.id === materialId)) {
        throw new SubmissionIncompleteError([{ path: `materials.${materialId}`, message: `${item.name} has no material "${materialId}"` }]);
      }
      const unique = [...new Set(fileIds)];
      const files = await this.repository.files(unique, db);
      const mine = new Set(files.filter((f) => f.ownerSubject === application.applicantSubject).map((f) => f.id));
      const foreign = unique.filter((f) => !mine.has(f));
      if (foreign.length > 0) throw new SubmissionIncompleteError(foreign.map((f) => ({ path: `materials.${materialId}`, message: `file ${f} is not in the applicant's material library` })));
      const materials = { ...application.materials };
      if (unique.length === 0) delete materials[materialId];
      else materials[materialId] = unique;
      await this.repository.update(id, { materials, bumpVersion: true, now, ...(application.status === 'draft' ? { draftExpiresAt: this.draftExpiry(now) } : {}) }, db);
    });
    return this.view(principal, id, now);
  }

  // ---- automatic pre-review (R8)

  /**
   * What the checks need from the catalogue and the engine, gathered BEFORE a transaction opens:
   * inside one, every query must use the transaction's own connection (a second pool connection
   * per request deadlocks the pool under load).
   */
  private async prepareChecks(application: ApplicationRecord): Promise<PreparedChecks> {
    const item = await this.views.itemOf(application);
    const form = await this.views.applicationForm(application);
    const rules = await this.catalogue.eligibilityModel(application.itemCode, item);
    if (rules) await this.engine.ensureDeployed(rules, 'decision');
    return { item, form, fields: formFieldsOf(form), eligibilityDecisionId: rules?.decisionId ?? null };
  }

  /**
   * Every problem at once: form fields against the application's form, mandatory materials present,
   * eligibility rules — a case's own version of them (the one it was first judged by), else the
   * item's newest. `rulesKey`: the version that judged, for the case to keep.
   */
  private async automaticCheck(application: ApplicationRecord, checks: PreparedChecks, db: EntityManager): Promise<{ problems: FieldProblem[]; rulesKey: string | null }> {
    const problems: FieldProblem[] = validateFormData(checks.fields, application.formData);
    const files = await this.repository.files(Object.values(application.materials).flat(), db);
    const present = new Set(files.map((f) => f.id));
    for (const material of checks.item.materials) {
      const given = (application.materials[material.id] ?? []).filter((f) => present.has(f));
      if (material.requirement === 'mandatory' && given.length === 0) {
        const replaceable = material.eLicenceTypes.length ? `（或引用电子证照：${material.eLicenceTypes.join('、')}）` : '';
        problems.push({ path: `materials.${material.id}`, message: `请上传“${material.name}”${replaceable}` });
      }
    }
    // Eligibility rules (DMN) only judge complete, well-formed data.
    const rules = application.eligibilityDecisionKey ? { decisionKey: application.eligibilityDecisionKey } : checks.eligibilityDecisionId ? { decisionId: checks.eligibilityDecisionId } : null;
    if (problems.length > 0 || !rules) return { problems, rulesKey: null };
    const { output, decisionKey } = await this.engine.evaluate(rules, application.formData);
    const reasons = (Array.isArray(output) ? output : [output]).filter((reason): reason is string => typeof reason === 'string' && reason !== '');
    for (const reason of reasons) problems.push({ path: 'eligibility', message: reason });
    return { problems, rulesKey: decisionKey };
  }

  private async caseVariables(
    application: ApplicationRecord, item: ServiceItem, caseNumber: string, correctionCount: number, db: EntityManager,
    clock: { events: ApplicationRecord['clockEvents']; now: Date },
  ): Promise<CaseStartVariables> {
    const files = new Map((await this.repository.files(Object.values(application.materials).flat(), db)).map((f) => [f.id, f]));
    const materials = item.materials.flatMap((m) => (application.materials[m.id] ?? []).flatMap((id) => {
      const file: FileRecord | undefined = files.get(id);
      return file ? [{ id: m.id, name: `${m.name}（${file.name}）`, url: fileUrl(file.id), sha256: file.sha256 }] : [];
    }));
    const phone = typeof application.formData.phone === 'string' ? application.formData.phone : undefined;
    // The statutory deadline as the clock counts it now (end of that working day, China time): approvals take it as their due date.
    const dueDate = (await this.views.clockOf({ ...application, clockEvents: clock.events }, clock.now))?.dueDate;
    return {
      ...(dueDate ? { statutoryDueDate: new Date(`${dueDate}T23:59:59+08:00`).toISOString() } : {}),
      caseNumber, applicationId: application.id, itemCode: application.itemCode,
      applicant: { name: application.applicantName, idNumber: application.applicantIdNumber, ...(phone ? { phone } : {}) },
      ...(application.company ? { company: application.company } : {}),
      formData: application.formData, materials, correctionCount,
      ...(application.counter ? { channel: 'counter' as const, counter: { centre: application.counter.centre, centreName: application.counter.centreName, clerk: application.counter.clerk } } : {}),
    };
  }

  // ---- submit

  /**
   * One case per application, however often this is called: the row is locked, and a second call
   * (double click, retry after a timeout) finds it submitted and answers with the same case.
   */
  async submit(principal: Principal, id: string, idempotencyKey: string | null, now: Date): Promise<ApplicationView> {
    const before = await this.filler(principal, id);
    if (before.status !== 'draft') {
      if (before.caseNumber) return this.view(principal, id, now); // already submitted: same answer
      throw new ApplicationStateError(`The application is ${before.status}.`);
    }
    if (isExpired(before, now) && before.draftExpiresAt) throw new DraftExpiredError(before.draftExpiresAt);
    const published = await this.catalogue.published(before.itemCode).catch(() => null);
    // A counter accepts items handled at the hall only, too; online they must still be offered online.
    if (!published || (!published.item.online && before.channel === 'online')) throw new ItemNotApplicableError(before.itemCode, 'the item has been retired or taken offline since the draft was started. Your draft is kept.');
    const checks = await this.prepareChecks(before);
    const model = await this.catalogue.processModel(before.itemCode, published.item);
    await this.engine.ensureDeployed(model);
    await this.views.calendar(); // the case's clock is computed inside the transaction: loaded outside it
    const sendAfter: (() => void)[] = [];
    await this.repository.transaction(async (db) => {
      const application = await this.filler(principal, id, db, true);
      if (application.status !== 'draft') {
        if (application.caseNumber) return; // a concurrent submission won
        throw new ApplicationStateError(`The application is ${application.status}.`);
      }
      const { problems, rulesKey } = await this.automaticCheck(application, checks, db);
      if (problems.length > 0) throw new SubmissionIncompleteError(problems);
      const caseNumber = await this.repository.nextCaseNumber(chinaDate(now), db);
      const processInstanceKey = await this.engine.start(model.bpmnProcessId, await this.caseVariables(application, checks.item, caseNumber, 0, db, {
        events: [{ type: 'started', at: now, limitDays: checks.item.statutoryDays }], now,
      }));
      const counter = application.counter;
      // The case keeps the form it was checked against: a form deployed later is for new applications.
      const formSha256 = createHash('sha256').update(JSON.stringify(checks.form)).digest('hex');
      await this.repository.keepCaseForm({ sha256: formSha256, itemCode: application.itemCode, formId: typeof checks.form.id === 'string' ? checks.form.id : null, schema: checks.form, at: now }, db);
      await this.repository.update(id, {
        // The clerk pre-reviewed at the window: a counter case is accepted when it is submitted.
        status: counter ? 'in-review' : 'submitted', caseNumber, processInstanceKey, submittedAt: now, draftExpiresAt: null, bumpVersion: true, now, formSha256,
        ...(rulesKey ? { eligibilityDecisionKey: rulesKey } : {}),
        clockEvents: [{ type: 'started', at: now, limitDays: checks.item.statutoryDays }],
        ...(idempotencyKey ? { submitKey: idempotencyKey } : {}),
      }, db);
      const base = { applicationId: id, actorSubject: principal.subject, actorName: principal.name, department: null } as const;
      const system = { ...base, actorSubject: null, actorName: '系统', at: now, kind: 'auto-checked', actorRole: 'system', text: '自动预审通过：表单填写完整，必要材料齐全、格式符合要求' } as const;
      if (counter) {
        const clerk = { ...base, department: counter.centre, actorRole: 'staff' } as const;
        await this.repository.addEvent({ ...clerk, at: now, kind: 'submitted', text: `${counter.centreName}窗口受理，申报编号 ${caseNumber}` }, db);
        await this.repository.addEvent(system, db);
        await this.repository.addEvent({ ...clerk, at: now, kind: 'accepted', text: `窗口当场预审通过，材料经网上流转至${application.agencyName}` }, db);
      } else {
        await this.repository.addEvent({ ...base, at: now, kind: 'submitted', actorRole: 'applicant', text: `申报编号 ${caseNumber}` }, db);
        await this.repository.addEvent(system, db);
      }
      sendAfter.push(await this.notifier.notify(db, {
        recipientSubject: application.applicantSubject, applicationId: id, caseNumber, at: now,
        title: `申请已${counter ? '受理' : '提交'}：${application.itemName}`,
        body: counter
          ? `您在${counter.centreName}窗口提交的申请已受理，申报编号 ${caseNumber}。办理结果将在该窗口领取。`
          : `您的申请已提交，申报编号 ${caseNumber}，等待${application.agencyName}预审受理。`,
      }));
    });
    sendAfter.forEach((send) => send());
    return this.view(principal, id, now);
  }

  /** The applicant answers the correction notice in one go; the clock resumes and the case goes on. */
  async resubmit(principal: Principal, id: string, now: Date): Promise<ApplicationView> {
    const checks = await this.prepareChecks(await this.filler(principal, id));
    await this.views.calendar(); // the case's clock is computed inside the transaction: loaded outside it
    const sendAfter: (() => void)[] = [];
    await this.repository.transaction(async (db) => {
      const application = await this.filler(principal, id, db, true);
      if (application.status !== 'correction-requested') {
        if (OPEN_STATUSES.includes(application.status) || DECIDED_STATUSES.includes(application.status)) return; // answered already
        throw new ApplicationStateError(`The application is ${application.status}; there is no correction notice to answer.`);
      }
      const { problems } = await this.automaticCheck(application, checks, db);
      if (problems.length > 0) throw new SubmissionIncompleteError(problems);
      const caseNumber = application.caseNumber ?? '';
      const count = application.correctionCount;
      await this.engine.publishCorrected(caseNumber, `${application.id}:correction:${count}`, await this.caseVariables(application, checks.item, caseNumber, count, db, {
        events: [...application.clockEvents, { type: 'resumed', at: now }], now,
      }));
      await this.repository.answerNotices(id, now, db);
      // Back to pre-review, or — when a department asked after acceptance — back to the departments' review.
      const accepted = application.channel === 'counter' || application.departmentDecisions.some((d) => d.decision === 'approve');
      await this.repository.update(id, { status: accepted ? 'in-review' : 'submitted', clockEvents: [...application.clockEvents, { type: 'resumed', at: now }], bumpVersion: true, now }, db);
      await this.repository.addEvent({
        applicationId: id, at: now, kind: 'resubmitted', actorSubject: principal.subject, actorName: principal.name, actorRole: application.counter ? 'staff' : 'applicant',
        department: application.counter?.centre ?? null, text: '已按一次性告知书补正材料，计时恢复',
      }, db);
      sendAfter.push(await this.notifier.notify(db, {
        recipientSubject: application.applicantSubject, applicationId: id, caseNumber, at: now,
        title: `补正材料已提交：${application.itemName}`, body: `申报编号 ${caseNumber} 的补正材料已提交，办理时限恢复计算。`,
      }));
    });
    sendAfter.forEach((send) => send());
    return this.view(principal, id, now);
  }

  async withdraw(principal: Principal, id: string, reason: string, now: Date): Promise<ApplicationView> {
    await this.repository.transaction(async (db) => {
      const application = await this.own(principal, id, db, true);
      if (application.status === 'withdrawn') return;
      if (application.status === 'draft') throw new ApplicationStateError('A draft is not a case yet; there is nothing to withdraw.');
      if (!OPEN_STATUSES.includes(application.status)) throw new ApplicationStateError(`The case has been decided (${application.status}); it can no longer be withdrawn.`, 'APPLICATION_DECIDED');
      if (application.processInstanceKey) await this.engine.cancel(application.processInstanceKey);
      const clockEvents = [...application.clockEvents];
      if (clockEvents.length > 0) clockEvents.push({ type: 'stopped', at: now });
      await this.repository.update(id, { status: 'withdrawn', clockEvents, decidedAt: now, bumpVersion: true, now }, db);
      await this.repository.closeInboxTasks(id, now, db);
      await this.repository.addEvent({ applicationId: id, at: now, kind: 'withdrawn', actorSubject: principal.subject, actorName: principal.name, actorRole: 'applicant', department: null, text: reason }, db);
    });
    return this.view(principal, id, now);
  }

  // ---- rating (R11)

  async rate(principal: Principal, id: string, raw: RatingInput, now: Date): Promise<ApplicationView> {
    const rating = ratingInputSchema.parse(raw);
    await this.repository.transaction(async (db) => {
      const application = await this.own(principal, id, db, true);
      if (!DECIDED_STATUSES.includes(application.status)) throw new ApplicationStateError('A case can be rated once it has a result.', 'NOT_DECIDED');
      const inserted = await this.repository.insertRating(id, { level: rating.level, reasons: rating.reasons, comment: rating.comment, channel: rating.channel, at: now }, db);
      if (!inserted) throw new ApplicationStateError('This case has been rated already; a rating cannot be changed.', 'ALREADY_RATED');
      // A bad rating (差评) opens a rectification for the department that handled the case.
      if (rating.level <= 2) await this.repository.insertRectification(id, application.agencyPath, now, db);
      await this.repository.addEvent({
        applicationId: id, at: now, kind: 'rated', actorSubject: principal.subject, actorName: principal.name, actorRole: 'applicant', department: null,
        text: `${'★'.repeat(rating.level)}${'☆'.repeat(5 - rating.level)}${rating.comment ? ` ${rating.comment}` : ''}`,
      }, db);
    });
    return this.view(principal, id, now);
  }

  // ---- receipt

  async receipt(principal: Principal, id: string, now: Date): Promise<{ pdf: Buffer; caseNumber: string }> {
    const application = await this.visible(principal, id);
    if (!application.caseNumber || !application.submittedAt) throw new ApplicationStateError('The receipt exists once the application is submitted.', 'NOT_SUBMITTED');
    const view = await this.views.view(principal, application, now);
    const pdf = renderReceiptPdf({
      title: application.counter ? `${application.counter.centreName}窗口受理回执` : '网上申请受理回执', caseNumber: application.caseNumber, itemName: application.itemName, agencyName: application.agencyName,
      applicantName: application.applicantName, idNumberMasked: view.applicant.idNumberMasked, submittedAt: application.submittedAt.toISOString(),
      dueDate: view.clock?.dueDate ?? null,
      materials: view.materials.filter((m) => m.files.length > 0).map((m) => ({ name: m.name, files: m.files.length })),
      notes: application.counter
        ? [`受理窗口：${application.counter.centreName}；经办人：${application.counter.clerkName}。`, '办理结果请凭本回执和身份证件到受理窗口领取；也可登录网上办事大厅，在“我的办件”中查询办理进度。']
        : ['凭申报编号可在“我的办件”中查询办理进度。', '如需补正材料，我们将一次性告知需补正的全部内容。'],
    });
    return { pdf, caseNumber: application.caseNumber };
  }

  // ---- counters (R14, R15)

  /** The service centre the clerk works at (their group), or 403. */
  private counterOf(principal: Principal): CounterAcceptance {
    const centre = principal.roles.includes('clerk') ? principal.departments[0] : undefined;
    if (!centre) throw new NotACounterError();
    return { centre: centre.path, centreName: centreName(centre.path), clerk: principal.username, clerkName: principal.name };
  }

  /** Who stands at the window: what the platform knows of this ID number. */
  async counterPerson(principal: Principal, idNumber: string): Promise<CounterPerson> {
    this.counterOf(principal);
    const person = await this.repository.person(idNumber);
    return { idNumberMasked: maskIdNumber(idNumber), name: person.name, phone: person.phone, hasAccount: person.subject !== null, openCases: person.openCases };
  }

  /**
   * A clerk starts an application for a walk-in citizen (R14): the same draft as online, pre-filled
   * from the ID number and the citizen's earlier cases, owned by the citizen (their online account
   * when they have one), filled in and submitted by the clerk.
   */
  async createAtCounter(principal: Principal, raw: CounterApplicationInput, now: Date): Promise<ApplicationView> {
    const counter = this.counterOf(principal);
    const input = counterApplicationSchema.parse(raw);
    const { item, revision } = await this.catalogue.published(input.itemCode);
    const level = centreLevel(counter.centre);
    if (level !== 'hall' && !item.counterAcceptance[level]) throw new NotAcceptedHereError(input.itemCode, level === 'community' ? 'community' : 'street');
    const person = await this.repository.person(input.applicant.idNumber);
    const subject = person.subject ?? `person:${input.applicant.idNumber}`;
    const fields = await this.views.formFields(input.itemCode);
    const known: Record<string, unknown> = {};
    for (const data of await this.repository.recentFormData(subject)) Object.assign(known, data);
    const { name, idNumber, phone } = input.applicant;
    Object.assign(known, { name, applicantName: name, idNumber, applicantIdNumber: idNumber, ...(phone ? { phone } : {}) });
    const { data, prefilled } = prefillFormData(fields, known);
    const materials = await this.reusableMaterials(subject, item);
    const id = await this.repository.transaction(async (db) => {
      const created = await this.repository.insert({
        itemCode: input.itemCode, itemRevision: revision, itemName: item.name, agencyPath: item.agency.path, agencyName: item.agency.name,
        departments: [item.agency.path, ...item.coAgencies.map((a) => a.path), counter.centre], applicantSubject: subject, applicantName: name,
        applicantIdNumber: idNumber, company: null, formData: data, prefilled, materials, now, draftExpiresAt: this.draftExpiry(now), counter,
      }, db);
      await this.repository.addEvent({
        applicationId: created, at: now, kind: 'created', actorSubject: principal.subject, actorName: principal.name, actorRole: 'staff',
        department: counter.centre, text: `${counter.centreName}窗口为申请人建立申请`,
      }, db);
      return created;
    });
    return this.view(principal, id, now);
  }

  /** The centre's counter cases: its clerks see only their centre's work. */
  async counterCases(principal: Principal, query: CounterCaseQuery, now: Date): Promise<CounterCasePage> {
    const counter = this.counterOf(principal);
    const centres = [counter.centre, ...principal.departments.map((d) => d.path)];
    const { records, total } = await this.repository.counterCases([...new Set(centres)], query.status, query.page, query.pageSize);
    const items = await Promise.all(records.map(async (r) => ({
      ...summaryOf(r, false, await this.views.clockOf(r, now)), applicantName: r.applicantName, handBackTaskKey: r.handBackTaskKey,
    })));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /**
   * The on-the-spot pre-review (当场预审) without submitting: every problem at once, for the
   * one-time notice the clerk prints when the citizen must come back with something.
   */
  async precheck(principal: Principal, id: string): Promise<{ application: ApplicationRecord; problems: FieldProblem[] }> {
    const before = await this.filler(principal, id);
    const checks = await this.prepareChecks(before);
    const { problems } = await this.repository.transaction(async (db) => this.automaticCheck(await this.filler(principal, id, db), checks, db));
    return { application: before, problems };
  }

  async precheckNotice(principal: Principal, id: string, now: Date): Promise<Buffer> {
    const { application, problems } = await this.precheck(principal, id);
    const view = await this.views.view(principal, application, now);
    return renderReceiptPdf({
      title: problems.length > 0 ? '一次性告知书' : '预审意见：材料齐全', caseNumber: '（尚未受理）', itemName: application.itemName, agencyName: application.agencyName,
      applicantName: application.applicantName, idNumberMasked: view.applicant.idNumberMasked, submittedAt: now.toISOString(), dueDate: null,
      materials: view.materials.filter((m) => m.files.length > 0).map((m) => ({ name: m.name, files: m.files.length })),
      notes: problems.length > 0
        ? [`经预审，需补齐或更正以下 ${problems.length} 项内容（一次性告知）：`, ...problems.map((p, i) => `${i + 1}. ${p.message}`),
          `请备齐后到${application.counter?.centreName ?? '受理'}窗口办理，已提交的内容予以保留。`]
        : ['经预审，表单填写完整，必要材料齐全，可以受理。'],
    });
  }
}
