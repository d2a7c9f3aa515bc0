// Who may see an application, and the views built from its records.
import { Inject, Injectable } from '@nestjs/common';
import { evaluateClock, type WorkingCalendar } from '@gov/clock';
import {
  type ApplicationMaterial, type ApplicationSummary, type ApplicationView, type CaseClock, DECIDED_STATUSES, type FormField, formFieldsOf, maskIdNumber, type MaterialFile,
  OPEN_STATUSES, type Rating, type ServiceItem,
} from '@gov/contracts';
import type { Principal } from '../../common/auth/principal.js';
import { CatalogueService } from '../catalogue/catalogue.service.js';
import { CalendarRepository } from '../calendar/calendar.repository.js';
import { type ApplicationRecord, ApplicationsRepository, type FileRecord, type RatingRow } from './applications.repository.js';

const STAFF_ROLES = ['approver', 'dept-admin', 'clerk'] as const;

/**
 * The applicant, or (once submitted) anyone acting for the same company. A case accepted at a
 * counter belongs to the person with its ID number: they follow it online like any other case.
 */
export function isApplicant(principal: Principal, application: ApplicationRecord): boolean {
  if (application.channel === 'counter') {
    return application.status !== 'draft' && principal.roles.includes('citizen')
      && (application.applicantSubject === principal.subject || (principal.idNumber !== null && principal.idNumber === application.applicantIdNumber));
  }
  if (application.applicantSubject === principal.subject) return true;
  return application.status !== 'draft' && application.company !== null && principal.company?.creditCode === application.company.creditCode;
}

/** A clerk of the service centre that accepts (or accepted) the application at its counter. */
export function isCounterClerkOf(principal: Principal, application: ApplicationRecord): boolean {
  return application.counter !== null && principal.roles.includes('clerk') && principal.departments.some((d) => d.path === application.counter?.centre);
}

/** Staff see submitted cases of their departments; supervisors and admins see all submitted cases. */
export function isStaffOf(principal: Principal, application: ApplicationRecord): boolean {
  if (application.status === 'draft') return isCounterClerkOf(principal, application);
  if (principal.roles.includes('admin') || principal.roles.includes('supervisor')) return true;
  return principal.roles.some((r) => STAFF_ROLES.some((s) => s === r))
    && principal.departments.some((d) => application.departments.includes(d.path));
}

export function fileView(file: FileRecord): MaterialFile {
  return { id: file.id, name: file.name, mediaType: file.mediaType, size: file.size, sha256: file.sha256, uploadedAt: file.uploadedAt.toISOString(), eLicence: file.eLicence };
}

export function summaryOf(application: ApplicationRecord, rated: boolean, clock: CaseClock | null): ApplicationSummary {
  return {
    id: application.id, caseNumber: application.caseNumber, itemCode: application.itemCode, itemName: application.itemName, agencyName: application.agencyName,
    company: application.company, status: application.status, createdAt: application.createdAt.toISOString(), updatedAt: application.updatedAt.toISOString(),
    submittedAt: application.submittedAt?.toISOString() ?? null, dueDate: clock?.dueDate ?? null, rated,
    counter: application.counter ? { ...application.counter, handedBackAt: application.counter.handedBackAt?.toISOString() ?? null } : null,
  };
}

function ratingView(row: RatingRow | null): Rating | null {
  if (!row) return null;
  return {
    level: row.level, reasons: row.reasons, comment: row.comment, channel: row.channel, ratedAt: row.rated_at.toISOString(),
    rectification: row.rectification_id && row.rectification_department && row.rectification_status ? {
      id: row.rectification_id, department: row.rectification_department, status: row.rectification_status, response: row.rectification_response,
      answeredAt: row.rectification_answered_at?.toISOString() ?? null, answeredBy: row.rectification_answered_by,
    } : null,
  };
}

export function isExpired(application: ApplicationRecord, now: Date): boolean {
  return application.status === 'draft' && application.draftExpiresAt !== null && application.draftExpiresAt.getTime() <= now.getTime();
}

@Injectable()
export class ApplicationViews {
  private calendarCache: { at: number; calendar: WorkingCalendar } | null = null;
  private calendarLoad: Promise<WorkingCalendar> | null = null;
  private readonly items = new Map<string, ServiceItem>();
  /** Case forms by content hash: a content never changes, so they are kept (a few per item). */
  private readonly caseForms = new Map<string, Record<string, unknown>>();

  constructor(
    @Inject(ApplicationsRepository) private readonly repository: ApplicationsRepository,
    @Inject(CatalogueService) private readonly catalogue: CatalogueService,
    @Inject(CalendarRepository) private readonly calendars: CalendarRepository,
  ) {}

  /**
   * The working-day calendar changes a few times a year; a minute-old copy is fine. Once loaded it is
   * answered from memory and refreshed in the background, and loads are shared: a clock computed
   * inside a transaction must not wait for a second pool connection (twenty submissions starting at
   * once each held one and waited for another: the pool deadlocked until its timeout).
   */
  async calendar(): Promise<WorkingCalendar> {
    const cached = this.calendarCache;
    if (!cached) return this.loadCalendar();
    if (Date.now() - cached.at > 60_000) void this.loadCalendar().catch(() => undefined); // the copy in hand serves meanwhile
    return cached.calendar;
  }

  private loadCalendar(): Promise<WorkingCalendar> {
    this.calendarLoad ??= this.calendars.workingCalendar()
      .then((calendar) => {
        this.calendarCache = { at: Date.now(), calendar };
        return calendar;
      })
      .finally(() => { this.calendarLoad = null; });
    return this.calendarLoad;
  }

  async clockOf(application: ApplicationRecord, now: Date): Promise<CaseClock | null> {
    if (application.clockEvents.length === 0) return null;
    const state = evaluateClock(await this.calendar(), application.clockEvents, now);
    return {
      state: state.state, startDate: state.startDate, limitDays: state.limitDays, usedDays: state.usedDays, remainingDays: state.remainingDays,
      dueDate: state.dueDate, overdue: state.overdue, pauses: state.pauses.map((p) => ({ reason: p.reason, from: p.from, until: p.until, workingDays: p.workingDays })),
    };
  }

  /** The item as it was when the application was made (its materials list is what the applicant answered). A revision never changes, so it is kept. */
  async itemOf(application: ApplicationRecord): Promise<ServiceItem> {
    const key = `${application.itemCode}@${application.itemRevision}`;
    const cached = this.items.get(key);
    if (cached) return cached;
    const item = await this.catalogue.itemAt(application.itemCode, application.itemRevision);
    if (this.items.size > 1000) this.items.clear();
    this.items.set(key, item);
    return item;
  }

  /**
   * The fields of an item's application form as the catalogue serves it now (a form deployed from the
   * designer applies at once: no cache, so a check never judges against an older form than the portal shows).
   */
  async formFields(itemCode: string): Promise<FormField[]> {
    return formFieldsOf(await this.catalogue.form(itemCode));
  }

  /**
   * An application's form: a case's own, as it was submitted (a form deployed since applies to new
   * applications, not to cases on their way); a draft's, the item's form as served now.
   */
  async applicationForm(application: Pick<ApplicationRecord, 'itemCode' | 'formSha256'>): Promise<Record<string, unknown>> {
    const sha256 = application.formSha256;
    if (!sha256) return this.catalogue.form(application.itemCode);
    const cached = this.caseForms.get(sha256);
    if (cached) return cached;
    const schema = await this.repository.caseForm(sha256);
    if (!schema) return this.catalogue.form(application.itemCode); // (the column references the table)
    if (this.caseForms.size > 500) this.caseForms.clear();
    this.caseForms.set(sha256, schema);
    return schema;
  }

  materialsOf(item: ServiceItem, application: ApplicationRecord, files: readonly FileRecord[]): ApplicationMaterial[] {
    const byId = new Map(files.map((f) => [f.id, f]));
    return item.materials.map((m) => ({
      materialId: m.id, name: m.name, requirement: m.requirement, condition: m.condition, eLicenceTypes: m.eLicenceTypes,
      files: (application.materials[m.id] ?? []).flatMap((id) => {
        const file = byId.get(id);
        return file ? [fileView(file)] : [];
      }),
    }));
  }

  async view(principal: Principal, application: ApplicationRecord, now: Date): Promise<ApplicationView> {
    const applicant = isApplicant(principal, application);
    // At a counter the clerk fills in and submits for the citizen standing at the window.
    const filler = application.channel === 'counter' ? isCounterClerkOf(principal, application) : applicant;
    const [item, files, notices, events, rating, clock] = await Promise.all([
      this.itemOf(application),
      this.repository.files(Object.values(application.materials).flat()),
      this.repository.notices(application.id),
      this.repository.events(application.id),
      this.repository.rating(application.id),
      this.clockOf(application, now),
    ]);
    const expired = isExpired(application, now);
    const decided = DECIDED_STATUSES.includes(application.status);
    return {
      ...summaryOf(application, rating !== null, clock),
      itemRevision: application.itemRevision,
      applicant: { name: application.applicantName, idNumberMasked: maskIdNumber(application.applicantIdNumber) },
      formData: application.formData,
      prefilled: application.prefilled,
      materials: this.materialsOf(item, application, files),
      draftExpiresAt: application.draftExpiresAt?.toISOString() ?? null,
      version: application.version,
      clock,
      notices: notices.map((n) => ({
        number: n.number, issuedAt: n.issuedAt.toISOString(), issuedBy: n.issuedBy, department: n.department, problems: n.problems,
        answeredAt: n.answeredAt?.toISOString() ?? null, defects: n.defects,
      })),
      timeline: events.filter((e) => !applicant || e.visibleToApplicant).map((e) => ({
        at: e.at.toISOString(), kind: e.kind, actorName: e.actorName, actorRole: e.actorRole, department: e.department, text: e.text, attachments: e.attachments,
      })),
      result: application.result,
      rating: ratingView(rating),
      actions: {
        edit: filler && !expired && (application.status === 'draft' || application.status === 'correction-requested'),
        submit: filler && !expired && application.status === 'draft',
        resubmit: filler && application.status === 'correction-requested',
        withdraw: applicant && OPEN_STATUSES.includes(application.status),
        rate: applicant && decided && rating === null,
      },
    };
  }
}
