// The case library as CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads the
// Chinese as ANSI), CRLF line ends and quoting as RFC 4180 asks, and cells that a spreadsheet
// would run as a formula (=, +, -, @, tab, CR) defused with a leading apostrophe (OWASP CSV injection).
import type { CaseLibraryRow } from './case-library.schemas.js';

export const CSV_BOM = '\uFEFF';

const STATUS_LABELS: Record<CaseLibraryRow['status'], string> = {
  submitted: '已提交，待受理',
  'correction-requested': '待补正',
  'in-review': '已受理，审查中',
  approved: '已办结（准予）',
  rejected: '已办结（不予办理）',
  'partially-approved': '已办结（部分准予）',
  withdrawn: '已撤回',
  terminated: '已终止办理',
};

const HEADER = ['办件编号', '事项编码', '事项名称', '实施机关', '申请人', '申请人身份证号（脱敏）', '申请单位', '统一社会信用代码', '办件状态', '提交时间', '办结时间', '法定办结期限'];

export function csvCell(value: string | null): string {
  if (value === null || value === '') return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** "2026-03-02 14:05" in China time. */
export function chinaDateTime(iso: string | null): string | null {
  if (iso === null) return null;
  const china = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${china.slice(0, 10)} ${china.slice(11, 16)}`;
}

export function casesCsv(rows: readonly CaseLibraryRow[]): string {
  const lines = [HEADER, ...rows.map((r) => [
    r.caseNumber, r.itemCode, r.itemName, r.agencyName, r.applicantName, r.applicantIdNumberMasked, r.company?.name ?? null, r.company?.creditCode ?? null,
    STATUS_LABELS[r.status], chinaDateTime(r.submittedAt), chinaDateTime(r.decidedAt), r.dueDate,
  ])];
  return CSV_BOM + lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
