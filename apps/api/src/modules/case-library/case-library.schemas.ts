// The case library's query and rows (R19). Kept beside the module until the web app and the API
// share them through libs/contracts.
import { APPLICATION_STATUSES, type ApplicationStatus } from '@gov/contracts';
import { z } from 'zod';

/** Every status a case can have: drafts are not cases. */
export const CASE_STATUSES = APPLICATION_STATUSES.filter((s): s is Exclude<ApplicationStatus, 'draft'> => s !== 'draft');

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'must be a real date');

const filters = {
  /** A case number or any part of one. */
  caseNumber: z.string().trim().min(1).max(64).optional(),
  /** The applicant's citizen ID number, matched exactly. */
  idNumber: z.string().trim().regex(/^\d{17}[\dXx]$/, 'must be an 18-character citizen ID number').transform((v) => v.toUpperCase()).optional(),
  itemCode: z.string().trim().min(1).max(64).optional(),
  /** A department group path such as /沈阳市/公安局: cases it takes part in. */
  department: z.string().trim().regex(/^\/\S.{0,199}$/, 'must be a department path such as /沈阳市/公安局').optional(),
  status: z.enum(CASE_STATUSES).optional(),
  /** Submitted on or after this day (China time). */
  submittedFrom: isoDate.optional(),
  /** Submitted on or before this day (China time). */
  submittedTo: isoDate.optional(),
};

const rangeInOrder = (query: { submittedFrom?: string | undefined; submittedTo?: string | undefined }) =>
  !query.submittedFrom || !query.submittedTo || query.submittedFrom <= query.submittedTo;
const rangeProblem = { message: 'must not be after submittedTo', path: ['submittedFrom'] };

export const caseSearchSchema = z.object({
  ...filters,
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
}).strict().refine(rangeInOrder, rangeProblem);
export type CaseSearch = z.infer<typeof caseSearchSchema>;

export const caseExportSchema = z.object(filters).strict().refine(rangeInOrder, rangeProblem);
export type CaseFilters = z.infer<typeof caseExportSchema>;

export interface CaseLibraryRow {
  /** Opens the case with GET /api/applications/{id}. */
  id: string;
  caseNumber: string;
  itemCode: string;
  itemName: string;
  agencyName: string;
  applicantName: string;
  applicantIdNumberMasked: string;
  company: { creditCode: string; name: string } | null;
  status: Exclude<ApplicationStatus, 'draft'>;
  departments: string[];
  submittedAt: string | null;
  decidedAt: string | null;
  /** The statutory due date (China date), null before acceptance or when the clock cannot tell. */
  dueDate: string | null;
}

export interface CaseLibraryPage {
  items: CaseLibraryRow[];
  total: number;
  page: number;
  pageSize: number;
}
