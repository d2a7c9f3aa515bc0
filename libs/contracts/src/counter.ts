// Counters (R14, R15): a clerk at a community, street or hall window accepts an application for a
// walk-in citizen. The case is the same as an online one: same form, materials, pre-review, clock
// and process; the clerk's acceptance and the hand-back of the result are steps of the process.
import { z } from 'zod';
import { applicationSummarySchema } from './applications.js';
import { idNumberSchema } from './id-number.js';

/** A mainland mobile number or a landline with area code. */
const phoneSchema = z.string().trim().regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, 'must be a mobile number (11 digits) or a landline with area code');

export const counterApplicationSchema = z.object({
  itemCode: z.string().min(1).max(64),
  applicant: z.object({
    idNumber: idNumberSchema,
    name: z.string().trim().min(2, 'the name as on the ID card').max(50),
    phone: phoneSchema.optional(),
  }).strict(),
}).strict();
export type CounterApplicationInput = z.input<typeof counterApplicationSchema>;

/** What the platform knows of a walk-in citizen, to confirm who stands at the window. */
export const counterPersonSchema = z.object({
  idNumberMasked: z.string(),
  /** The name from the citizen's earlier cases; null when the platform has never seen them. */
  name: z.string().nullable(),
  phone: z.string().nullable(),
  /** The citizen has an online account: the case will show in their "my cases" too. */
  hasAccount: z.boolean(),
  openCases: z.number().int(),
});
export type CounterPerson = z.infer<typeof counterPersonSchema>;

export const handBackInputSchema = z.object({
  /** Who collected the result: the applicant or an authorised person. */
  receivedBy: z.string().trim().min(2, 'the name of whoever collected the result').max(50),
  /** The clerk checked the collector's ID (and the authorisation when it is not the applicant). */
  idChecked: z.literal(true, { error: 'check the ID of whoever collects the result' }),
  note: z.string().trim().max(500).default(''),
}).strict();
export type HandBackInput = z.input<typeof handBackInputSchema>;

export const counterCaseSchema = applicationSummarySchema.extend({
  applicantName: z.string(),
  /** The open hand-back step when the result is waiting at the counter. */
  handBackTaskKey: z.string().nullable(),
});
export type CounterCase = z.infer<typeof counterCaseSchema>;

export const counterCaseQuerySchema = z.object({
  status: z.enum(['drafts', 'in-progress', 'awaiting-hand-back', 'done']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
}).strict();
export type CounterCaseQuery = z.infer<typeof counterCaseQuerySchema>;

export const counterCasePageSchema = z.object({
  items: z.array(counterCaseSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CounterCasePage = z.infer<typeof counterCasePageSchema>;
