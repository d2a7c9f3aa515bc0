// The applicant's side of a case: draft (pre-filled, autosaved), materials, submit (idempotent,
// automatic pre-review, case number, process instance), answer a correction notice, withdraw,
// rate, receipt. Every state change writes the case history and notifies the applicant.
import { Inject, Injectable } from '@nestjs/common';
import { chinaDate } from '@gov/clock';
import {
  type ApplicationPage, type ApplicationView, type CaseStartVariables, DECIDED_STATUSES, type FormField, OPEN_STATUSES, prefillFormData,
  type ProblemTarget, type RatingInput, ratingInputSchema, type SaveDraft, type ServiceItem, validateFormData,
} from '@gov/contracts';
import type { EntityManager } from 'typeorm';
import type { FieldProblem } from '../../common/app-error.js';
import type { Principal } from '../../common/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { CatalogueService } from '../catalogue/catalogue.service.js';
import { ApplicationViews, isApplicant, isExpired, isStaffOf, summaryOf } from './application-views.js';
import {
  ApplicationNotFoundError, ApplicationStateError, DraftExpiredError, IdentityRequiredError, ItemNotApplicableError, StaleApplicationError,
  SubmissionIncompleteError,
} from './applications.errors.js';
import { type ApplicationRecord, type ApplicationSnapshot, ApplicationsRepository, type FileRecord } from './applications.repository.js';
import { CaseEngine } from './case-engine.js';
import { CaseNotifier } from './case-notifier.js';
import { renderReceiptPdf } from './receipt-pdf.js';

const DAY_MS = 24 * 3600_000;

interface PreparedChecks {
  item: ServiceItem;
  fields: FormField[];
  eligibilityDecisionId: string | null;
}

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

  async view(principal: Principal, id: string, now: Date): Promise<ApplicationView> {
    return this.views.view(principal, await this.visible(principal, id), now);
  }

  async list(principal: Principal, query: { status?: ApplicationRecord['status'] | undefined; rated?: boolean | undefined; page: number; pageSize: number }, now: Date): Promise<ApplicationPage> {
    const { records, total } = await this.repository.listForApplicant(principal.subject, principal.company?.creditCode ?? null, query, query.page, query.pageSize);
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
      const application = await this.own(principal, id, db, true);
      this.assertEditable(application, now);
      if (input.version !== undefined && input.version !== application.version) throw new StaleApplicationError(application.version, input.version);
      await this.repository.update(id, {
        formData: input.formData, bumpVersion: true, now, ...(application.status === 'draft' ? { draftExpiresAt: this.draftExpiry(now) } : {}),
      }, db);
    });
    return this.view(principal, id, now);
  }

  async setMaterial(principal: Principal, id: string, materialId: string, fileIds: readonly string[], now: Date): Promise<ApplicationView> {
    const item = await this.views.itemOf(await this.own(principal, id));
    await this.repository.transaction(async (db) => {
      const application = await this.own(principal, id, db, true);
      this.assertEditable(application, now);
      if (!item.materials.some((m) => m.id === materialId)) {
        throw new SubmissionIncompleteError([{ path: `materials.${materialId}`, message: `${item.name} has no material "${materialId}"` }]);
      }
      const unique = [...new Set(fileIds)];
      const files = await this.repository.files(unique, db);
      const mine = new Set(files.filter((f) => f.ownerSubject === principal.subject).map((f) => f.id));
      const foreign = unique.filter((f) => !mine.has(f));
      if (foreign.length > 0) throw new SubmissionIncompleteError(foreign.map((f) => ({ path: `materials.${materialId}`, message: `file ${f} is not in your material library` })));
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
    const fields = await this.views.formFields(application.itemCode);
    const rules = await this.catalogue.eligibilityModel(application.itemCode, item);
    if (rules) await this.engine.ensureDeployed(rules, 'decision');
    return { item, fields, eligibilityDecisionId: rules?.decisionId ?? null };
  }

  /** Every problem at once: form fields against the item's form, mandatory materials present, eligibility rules. */
  private async automaticCheck(application: ApplicationRecord, checks: PreparedChecks, db: EntityManager): Promise<FieldProblem[]> {
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
    if (problems.length === 0 && checks.eligibilityDecisionId) {
      const output = await this.engine.evaluate(checks.eligibilityDecisionId, application.formData);
      const reasons = (Array.isArray(output) ? output : [output]).filter((reason): reason is string => typeof reason === 'string' && reason !== '');
      for (const reason of reasons) problems.push({ path: 'eligibility', message: reason });
    }
    return problems;
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
    };
  }

  // ---- submit

  /**
   * One case per application, however often this is called: the row is locked, and a second call
   * (double click, retry after a timeout) finds it submitted and answers with the same case.
   */
  async submit(principal: Principal, id: string, idempotencyKey: string | null, now: Date): Promise<ApplicationView> {
    const before = await this.own(principal, id);
    if (before.status !== 'draft') {
      if (before.caseNumber) return this.view(principal, id, now); // already submitted: same answer
      throw new ApplicationStateError(`The application is ${before.status}.`);
    }
    if (isExpired(before, now) && before.draftExpiresAt) throw new DraftExpiredError(before.draftExpiresAt);
    const published = await this.catalogue.published(before.itemCode).catch(() => null);
    if (!published || !published.item.online) throw new ItemNotApplicableError(before.itemCode, 'the item has been retired or taken offline since the draft was started. Your draft is kept.');
    const checks = await this.prepareChecks(before);
    const model = await this.catalogue.processModel(before.itemCode, published.item);
    await this.engine.ensureDeployed(model);
    const sendAfter: (() => void)[] = [];
    await this.repository.transaction(async (db) => {
      const application = await this.own(principal, id, db, true);
      if (application.status !== 'draft') {
        if (application.caseNumber) return; // a concurrent submission won
        throw new ApplicationStateError(`The application is ${application.status}.`);
      }
      const problems = await this.automaticCheck(application, checks, db);
      if (problems.length > 0) throw new SubmissionIncompleteError(problems);
      const caseNumber = await this.repository.nextCaseNumber(chinaDate(now), db);
      const processInstanceKey = await this.engine.start(model.bpmnProcessId, await this.caseVariables(application, checks.item, caseNumber, 0, db, {
        events: [{ type: 'started', at: now, limitDays: checks.item.statutoryDays }], now,
      }));
      await this.repository.update(id, {
        status: 'submitted', caseNumber, processInstanceKey, submittedAt: now, draftExpiresAt: null, bumpVersion: true, now,
        clockEvents: [{ type: 'started', at: now, limitDays: checks.item.statutoryDays }],
        ...(idempotencyKey ? { submitKey: idempotencyKey } : {}),
      }, db);
      const base = { applicationId: id, actorSubject: principal.subject, actorName: principal.name, department: null } as const;
      await this.repository.addEvent({ ...base, at: now, kind: 'submitted', actorRole: 'applicant', text: `申报编号 ${caseNumber}` }, db);
      await this.repository.addEvent({ ...base, actorSubject: null, actorName: '系统', at: now, kind: 'auto-checked', actorRole: 'system', text: '自动预审通过：表单填写完整，必要材料齐全、格式符合要求' }, db);
      sendAfter.push(await this.notifier.notify(db, {
        recipientSubject: principal.subject, applicationId: id, caseNumber, at: now,
        title: `申请已提交：${application.itemName}`, body: `您的申请已提交，申报编号 ${caseNumber}，等待${application.agencyName}预审受理。`,
      }));
    });
    sendAfter.forEach((send) => send());
    return this.view(principal, id, now);
  }

  /** The applicant answers the correction notice in one go; the clock resumes and the case goes on. */
  async resubmit(principal: Principal, id: string, now: Date): Promise<ApplicationView> {
    const checks = await this.prepareChecks(await this.own(principal, id));
    const sendAfter: (() => void)[] = [];
    await this.repository.transaction(async (db) => {
      const application = await this.own(principal, id, db, true);
      if (application.status !== 'correction-requested') {
        if (OPEN_STATUSES.includes(application.status) || DECIDED_STATUSES.includes(application.status)) return; // answered already
        throw new ApplicationStateError(`The application is ${application.status}; there is no correction notice to answer.`);
      }
      const problems = await this.automaticCheck(application, checks, db);
      if (problems.length > 0) throw new SubmissionIncompleteError(problems);
      const caseNumber = application.caseNumber ?? '';
      const count = application.correctionCount;
      await this.engine.publishCorrected(caseNumber, `${application.id}:correction:${count}`, await this.caseVariables(application, checks.item, caseNumber, count, db, {
        events: [...application.clockEvents, { type: 'resumed', at: now }], now,
      }));
      await this.repository.answerNotices(id, now, db);
      await this.repository.update(id, { status: 'submitted', clockEvents: [...application.clockEvents, { type: 'resumed', at: now }], bumpVersion: true, now }, db);
      await this.repository.addEvent({ applicationId: id, at: now, kind: 'resubmitted', actorSubject: principal.subject, actorName: principal.name, actorRole: 'applicant', department: null, text: '已按一次性告知书补正材料，计时恢复' }, db);
      sendAfter.push(await this.notifier.notify(db, {
        recipientSubject: principal.subject, applicationId: id, caseNumber, at: now,
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
      title: '网上申请受理回执', caseNumber: application.caseNumber, itemName: application.itemName, agencyName: application.agencyName,
      applicantName: application.applicantName, idNumberMasked: view.applicant.idNumberMasked, submittedAt: application.submittedAt.toISOString(),
      dueDate: view.clock?.dueDate ?? null,
      materials: view.materials.filter((m) => m.files.length > 0).map((m) => ({ name: m.name, files: m.files.length })),
      notes: ['凭申报编号可在“我的办件”中查询办理进度。', '如需补正材料，我们将一次性告知需补正的全部内容。'],
    });
    return { pdf, caseNumber: application.caseNumber };
  }
}
