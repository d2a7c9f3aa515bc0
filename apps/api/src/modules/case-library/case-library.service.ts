// The case library (R19): every submitted case, searchable by authorised roles and exportable.
// Supervisors and admins see all cases; department admins and approvers the cases their
// departments take part in.
import { Inject, Injectable } from '@nestjs/common';
import { evaluateClock, type WorkingCalendar } from '@gov/clock';
import { maskIdNumber } from '@gov/contracts';
import type { Principal } from '../../common/auth/principal.js';
import { CalendarRepository } from '../calendar/calendar.repository.js';
import { casesCsv } from './case-csv.js';
import { ExportTooLargeError } from './case-library.errors.js';
import { type CaseRecord, CaseLibraryRepository, type CaseScope } from './case-library.repository.js';
import type { CaseFilters, CaseLibraryPage, CaseLibraryRow, CaseSearch } from './case-library.schemas.js';

/** The most rows one export holds; more and the caller is asked to narrow the filters. */
export const MAX_EXPORT_ROWS = 10_000;

export function caseScope(principal: Principal): CaseScope {
  if (principal.roles.includes('admin') || principal.roles.includes('supervisor')) return 'all';
  return principal.departments.map((d) => d.path);
}

function dueDate(calendar: WorkingCalendar, record: CaseRecord, now: Date): string | null {
  if (record.clock_events.length === 0) return null;
  try {
    return evaluateClock(calendar, record.clock_events, now).dueDate;
  } catch {
    return null; // a clock the calendar cannot evaluate (e.g. beyond its years) has no due date to show
  }
}

function row(record: CaseRecord, calendar: WorkingCalendar, now: Date): CaseLibraryRow {
  return {
    id: record.id, caseNumber: record.case_number, itemCode: record.item_code, itemName: record.item_name, agencyName: record.agency_name,
    applicantName: record.applicant_name, applicantIdNumberMasked: maskIdNumber(record.applicant_id_number),
    company: record.company_credit_code ? { creditCode: record.company_credit_code, name: record.company_name ?? record.company_credit_code } : null,
    status: record.status, departments: record.departments,
    submittedAt: record.submitted_at?.toISOString() ?? null, decidedAt: record.decided_at?.toISOString() ?? null,
    dueDate: dueDate(calendar, record, now),
  };
}

@Injectable()
export class CaseLibraryService {
  constructor(
    @Inject(CaseLibraryRepository) private readonly repository: CaseLibraryRepository,
    @Inject(CalendarRepository) private readonly calendars: CalendarRepository,
  ) {}

  async search(principal: Principal, query: CaseSearch, now: Date): Promise<CaseLibraryPage> {
    const scope = caseScope(principal);
    if (scope !== 'all' && scope.length === 0) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    const [total, records, calendar] = await Promise.all([
      this.repository.count(query, scope),
      this.repository.find(query, scope, query.pageSize, (query.page - 1) * query.pageSize),
      this.calendars.workingCalendar(),
    ]);
    return { items: records.map((r) => row(r, calendar, now)), total, page: query.page, pageSize: query.pageSize };
  }

  async exportCsv(principal: Principal, filters: CaseFilters, now: Date): Promise<{ csv: string; rows: number }> {
    const scope = caseScope(principal);
    if (scope !== 'all' && scope.length === 0) return { csv: casesCsv([]), rows: 0 };
    const total = await this.repository.count(filters, scope);
    if (total > MAX_EXPORT_ROWS) throw new ExportTooLargeError(total, MAX_EXPORT_ROWS);
    const [records, calendar] = await Promise.all([this.repository.find(filters, scope, MAX_EXPORT_ROWS, 0), this.calendars.workingCalendar()]);
    return { csv: casesCsv(records.map((r) => row(r, calendar, now))), rows: records.length };
  }
}
