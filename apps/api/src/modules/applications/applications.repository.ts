// SQL for applications, the material library, case history, notices, ratings and notifications.
// Rows are parsed with zod at this edge; services see typed records only.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  APPLICATION_STATUSES, type ApplicationStatus, CASE_CHANNELS, type CounterAcceptance, BAD_RATING_REASONS, CASE_EVENT_KINDS, type CaseEventKind, correctionProblemSchema,
  type CorrectionProblem, caseResultSchema, MATERIAL_MEDIA_TYPES, RATING_CHANNELS, TASK_DECISIONS,
} from '@gov/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';

const date = z.date();
const nullableDate = z.date().nullable();

const clockEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), at: z.coerce.date(), limitDays: z.number() }),
  z.object({ type: z.literal('paused'), at: z.coerce.date(), reason: z.enum(['correction', 'expert-review', 'public-notice', 'on-site-inspection', 'hearing', 'other']) }),
  z.object({ type: z.literal('resumed'), at: z.coerce.date() }),
  z.object({ type: z.literal('stopped'), at: z.coerce.date() }),
]);
export type StoredClockEvent = z.infer<typeof clockEventSchema>;

const departmentDecisionSchema = z.object({ department: z.string(), decision: z.enum(TASK_DECISIONS), opinion: z.string() });
export type DepartmentDecision = z.infer<typeof departmentDecisionSchema>;

const applicationRow = z.object({
  id: z.string(),
  case_number: z.string().nullable(),
  item_code: z.string(),
  item_revision: z.number(),
  item_name: z.string(),
  agency_path: z.string(),
  agency_name: z.string(),
  departments: z.array(z.string()),
  applicant_subject: z.string(),
  applicant_name: z.string(),
  applicant_id_number: z.string(),
  company_credit_code: z.string().nullable(),
  company_name: z.string().nullable(),
  status: z.enum(APPLICATION_STATUSES),
  form_data: z.record(z.string(), z.json()),
  prefilled: z.array(z.string()),
  materials: z.record(z.string(), z.array(z.string())),
  version: z.number(),
  submit_key: z.string().nullable(),
  process_instance_key: z.string().nullable(),
  clock_events: z.array(clockEventSchema),
  department_decisions: z.array(departmentDecisionSchema),
  result: caseResultSchema.nullable(),
  correction_count: z.number(),
  created_at: date,
  updated_at: date,
  submitted_at: nullableDate,
  decided_at: nullableDate,
  draft_expires_at: nullableDate,
  channel: z.enum(CASE_CHANNELS),
  counter_centre: z.string().nullable(),
  counter_centre_name: z.string().nullable(),
  counter_clerk: z.string().nullable(),
  counter_clerk_name: z.string().nullable(),
  handed_back_at: nullableDate,
  form_sha256: z.string().nullable().optional(),
  eligibility_decision_key: z.string().nullable().optional(),
}).transform((r) => ({
  id: r.id, caseNumber: r.case_number, itemCode: r.item_code, itemRevision: r.item_revision, itemName: r.item_name,
  agencyPath: r.agency_path, agencyName: r.agency_name, departments: r.departments, applicantSubject: r.applicant_subject,
  applicantName: r.applicant_name, applicantIdNumber: r.applicant_id_number,
  company: r.company_credit_code ? { creditCode: r.company_credit_code, name: r.company_name ?? r.company_credit_code } : null, status: r.status, formData: r.form_data,
  prefilled: r.prefilled, materials: r.materials, version: r.version, submitKey: r.submit_key, processInstanceKey: r.process_instance_key,
  clockEvents: r.clock_events, departmentDecisions: r.department_decisions, result: r.result, correctionCount: r.correction_count,
  createdAt: r.created_at, updatedAt: r.updated_at, submittedAt: r.submitted_at, decidedAt: r.decided_at, draftExpiresAt: r.draft_expires_at,
  channel: r.channel,
  /** The application form the case was submitted with (case_form); null for a draft. */
  formSha256: r.form_sha256 ?? null,
  /** The version of the eligibility rules (engine decision key) the case was first judged by; null when the item has none. */
  eligibilityDecisionKey: r.eligibility_decision_key ?? null,
  counter: r.counter_centre ? {
    centre: r.counter_centre, centreName: r.counter_centre_name ?? r.counter_centre, clerk: r.counter_clerk ?? '', clerkName: r.counter_clerk_name ?? '', handedBackAt: r.handed_back_at,
  } : null,
}));
export type ApplicationRecord = z.infer<typeof applicationRow>;

const fileRow = z.object({
  id: z.string(), owner_subject: z.string(), name: z.string(), media_type: z.enum(MATERIAL_MEDIA_TYPES), size: z.number(),
  sha256: z.string(), storage_key: z.string(), uploaded_at: date,
  // Files filled from the e-licence wallet (FILE_COLUMNS joins the licence library).
  licence_no: z.string().nullish(), licence_type_name: z.string().nullish(), licence_status: z.string().nullish(), licence_verified: z.boolean().nullish(),
}).transform((r) => ({
  id: r.id, ownerSubject: r.owner_subject, name: r.name, mediaType: r.media_type, size: r.size, sha256: r.sha256, storageKey: r.storage_key, uploadedAt: r.uploaded_at,
  eLicence: r.licence_no ? { licenceNo: r.licence_no, typeName: r.licence_type_name ?? '', status: r.licence_status ?? '', verified: r.licence_verified === true } : null,
}));

/**
 * A file and, when it is an e-licence, the licence as the library has it now: verified means the file is
 * the very PDF the library issued (same SHA-256), whose signature was checked when it was filled in, and
 * the licence is valid today.
 */
const FILE_COLUMNS = `f.id, f.owner_subject, f.name, f.media_type, f.size, f.sha256, f.storage_key, f.uploaded_at, f.licence_no, t.name AS licence_type_name,
  CASE WHEN l.status = 'valid' AND l.valid_until IS NOT NULL AND l.valid_until <= now() THEN 'expired' ELSE l.status END AS licence_status,
  (l.status = 'valid' AND (l.valid_until IS NULL OR l.valid_until > now()) AND l.pdf_sha256 = f.sha256) AS licence_verified
  FROM material_file f LEFT JOIN e_licence l ON l.licence_no = f.licence_no LEFT JOIN licence_type t ON t.code = l.type_code`;
export type FileRecord = z.infer<typeof fileRow>;

const attachmentSchema = z.object({ fileId: z.string(), name: z.string() });
const eventRow = z.object({
  at: date, kind: z.enum(CASE_EVENT_KINDS), actor_name: z.string(), actor_role: z.enum(['applicant', 'staff', 'system']),
  department: z.string().nullable(), text: z.string().nullable(), visible_to_applicant: z.boolean(), attachments: z.array(attachmentSchema),
}).transform((r) => ({
  at: r.at, kind: r.kind, actorName: r.actor_name, actorRole: r.actor_role, department: r.department, text: r.text, visibleToApplicant: r.visible_to_applicant,
  attachments: r.attachments,
}));
export type EventRecord = z.infer<typeof eventRow>;

const snapshotSchema = z.object({ formData: z.record(z.string(), z.json()), materials: z.record(z.string(), z.array(z.string())) });
export type ApplicationSnapshot = z.infer<typeof snapshotSchema>;

const noticeRow = z.object({
  number: z.number(), issued_at: date, issued_by: z.string(), department: z.string(),
  problems: z.array(correctionProblemSchema.extend({ defect: z.boolean() })), snapshot: snapshotSchema, defects: z.number(), answered_at: nullableDate,
}).transform((r) => ({ number: r.number, issuedAt: r.issued_at, issuedBy: r.issued_by, department: r.department, problems: r.problems, snapshot: r.snapshot, defects: r.defects, answeredAt: r.answered_at }));
export type NoticeRecord = z.infer<typeof noticeRow>;

const ratingRow = z.object({
  level: z.number(), reasons: z.array(z.enum(BAD_RATING_REASONS)), comment: z.string(), channel: z.enum(RATING_CHANNELS), rated_at: date,
  rectification_id: z.string().nullable(), rectification_department: z.string().nullable(), rectification_status: z.enum(['open', 'answered']).nullable(),
  rectification_response: z.string().nullable(), rectification_answered_at: nullableDate, rectification_answered_by: z.string().nullable(),
});
export type RatingRow = z.infer<typeof ratingRow>;

const rectificationRow = z.object({
  id: z.string(), application_id: z.string(), case_number: z.string(), item_name: z.string(), department: z.string(), level: z.number(),
  reasons: z.array(z.enum(BAD_RATING_REASONS)), comment: z.string(), status: z.enum(['open', 'answered']), response: z.string().nullable(),
  created_at: date, answered_at: nullableDate, applicant_subject: z.string(),
});
export type RectificationRow = z.infer<typeof rectificationRow>;

const notificationRow = z.object({
  id: z.string(), application_id: z.string().nullable(), case_number: z.string().nullable(), title: z.string(), body: z.string(), created_at: date, read_at: nullableDate,
});
export type NotificationRow = z.infer<typeof notificationRow>;

export interface NewApplication {
  itemCode: string; itemRevision: number; itemName: string; agencyPath: string; agencyName: string; departments: string[];
  applicantSubject: string; applicantName: string; applicantIdNumber: string; company: { creditCode: string; name: string } | null; formData: Record<string, unknown>; prefilled: string[];
  materials: Record<string, string[]>; now: Date; draftExpiresAt: Date;
  /** Accepted at a counter (R14). */
  counter?: CounterAcceptance;
}

export interface NewEvent {
  applicationId: string; at: Date; kind: CaseEventKind; actorSubject: string | null; actorName: string;
  actorRole: 'applicant' | 'staff' | 'system'; department: string | null; text: string | null; visibleToApplicant?: boolean;
  attachments?: { fileId: string; name: string }[];
}

/** Runs queries on a transaction's manager or on the pool. */
type Db = Pick<EntityManager, 'query'>;

const APPLICATION_COLUMNS = `id, case_number, item_code, item_revision, item_name, agency_path, agency_name, departments, applicant_subject, applicant_name,
  applicant_id_number, company_credit_code, company_name, status, form_data, prefilled, materials, version, submit_key, process_instance_key, clock_events, department_decisions,
  result, correction_count, created_at, updated_at, submitted_at, decided_at, draft_expires_at, channel, counter_centre, counter_centre_name, counter_clerk,
  counter_clerk_name, handed_back_at, form_sha256, eligibility_decision_key`;

@Injectable()
export class ApplicationsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  transaction<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  private db(db?: Db): Db {
    return db ?? this.dataSource;
  }

  // ---- applications

  async insert(application: NewApplication, db?: Db): Promise<string> {
    const id = randomUUID();
    await this.db(db).query(
      `INSERT INTO application (id, item_code, item_revision, item_name, agency_path, agency_name, departments, applicant_subject, applicant_name,
         applicant_id_number, status, form_data, prefilled, materials, created_at, updated_at, draft_expires_at, company_credit_code, company_name,
         channel, counter_centre, counter_centre_name, counter_clerk, counter_clerk_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'draft', $11, $12, $13, $14, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
      [id, application.itemCode, application.itemRevision, application.itemName, application.agencyPath, application.agencyName, application.departments,
        application.applicantSubject, application.applicantName, application.applicantIdNumber, JSON.stringify(application.formData), application.prefilled,
        JSON.stringify(application.materials), application.now, application.draftExpiresAt, application.company?.creditCode ?? null, application.company?.name ?? null,
        application.counter ? 'counter' : 'online', application.counter?.centre ?? null, application.counter?.centreName ?? null,
        application.counter?.clerk ?? null, application.counter?.clerkName ?? null],
    );
    return id;
  }

  async find(id: string, db?: Db, options: { lock?: boolean } = {}): Promise<ApplicationRecord | null> {
    if (!z.string().uuid().safeParse(id).success) return null;
    const rows: unknown[] = await this.db(db).query(`SELECT ${APPLICATION_COLUMNS} FROM application WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] === undefined ? null : applicationRow.parse(rows[0]);
  }

  async findByCaseNumber(caseNumber: string, db?: Db, options: { lock?: boolean } = {}): Promise<ApplicationRecord | null> {
    const rows: unknown[] = await this.db(db).query(`SELECT ${APPLICATION_COLUMNS} FROM application WHERE case_number = $1${options.lock ? ' FOR UPDATE' : ''}`, [caseNumber]);
    return rows[0] === undefined ? null : applicationRow.parse(rows[0]);
  }

  /** The applicant's own applications and, for an enterprise user, their company's cases (not colleagues' drafts). */
  async findByProcessInstance(processInstanceKey: string, db?: Db, options: { lock?: boolean } = {}): Promise<ApplicationRecord | null> {
    const rows: unknown[] = await this.db(db).query(`SELECT ${APPLICATION_COLUMNS} FROM application WHERE process_instance_key = $1${options.lock ? ' FOR UPDATE' : ''}`, [processInstanceKey]);
    return rows[0] === undefined ? null : applicationRow.parse(rows[0]);
  }

  async listForApplicant(subject: string, creditCode: string | null, query: { status?: ApplicationStatus | undefined; rated?: boolean | undefined }, page: number, pageSize: number, idNumber: string | null = null): Promise<{ records: (ApplicationRecord & { rated: boolean })[]; total: number }> {
    const params: unknown[] = [subject, creditCode, idNumber];
    let filter = '';
    if (query.status) {
      params.push(query.status);
      filter += ` AND status = $${params.length}`;
    }
    if (query.rated !== undefined) filter += ` AND ${query.rated ? '' : 'NOT '}EXISTS (SELECT 1 FROM rating r WHERE r.application_id = application.id)`;
    const rows: unknown[] = await this.dataSource.query(
      `SELECT ${APPLICATION_COLUMNS}, EXISTS (SELECT 1 FROM rating r WHERE r.application_id = application.id) AS rated, count(*) OVER () AS total
       FROM application WHERE ((applicant_subject = $1 AND (channel = 'online' OR status <> 'draft')) OR (company_credit_code = $2 AND status <> 'draft')
         OR (channel = 'counter' AND applicant_id_number = $3 AND status <> 'draft')) ${filter}
       ORDER BY (status = 'draft') DESC, updated_at DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    const extra = z.object({ rated: z.boolean(), total: z.coerce.number() });
    const records = rows.map((row) => ({ ...applicationRow.parse(row), rated: extra.parse(row).rated }));
    const total = rows[0] === undefined ? 0 : extra.parse(rows[0]).total;
    return { records, total };
  }

  /** The applicant's most recent form data (drafts included), newest last, for pre-filling. */
  async recentFormData(subject: string, limit = 5): Promise<Record<string, unknown>[]> {
    const rows: unknown[] = await this.dataSource.query('SELECT form_data FROM application WHERE applicant_subject = $1 ORDER BY updated_at DESC LIMIT $2', [subject, limit]);
    return rows.map((row) => z.object({ form_data: z.record(z.string(), z.unknown()) }).parse(row).form_data).reverse();
  }

  /** Files the applicant gave before, by material name (newest use wins), to offer them again. */
  async filesUsedBefore(subject: string): Promise<{ itemCode: string; materials: Record<string, string[]> }[]> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT item_code, materials FROM application WHERE applicant_subject = $1 AND status <> 'draft' ORDER BY updated_at DESC LIMIT 20`, [subject]);
    return rows.map((row) => {
      const parsed = z.object({ item_code: z.string(), materials: z.record(z.string(), z.array(z.string())) }).parse(row);
      return { itemCode: parsed.item_code, materials: parsed.materials };
    });
  }

  async update(id: string, changes: Partial<{
    status: ApplicationStatus; formData: Record<string, unknown>; materials: Record<string, string[]>; caseNumber: string; submitKey: string;
    processInstanceKey: string; clockEvents: StoredClockEvent[]; departmentDecisions: DepartmentDecision[]; result: z.input<typeof caseResultSchema>;
    correctionCount: number; submittedAt: Date; decidedAt: Date; draftExpiresAt: Date | null; bumpVersion: boolean; now: Date; handedBackAt: Date;
    formSha256: string; eligibilityDecisionKey: string;
  }>, db?: Db): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (changes.status !== undefined) set('status', changes.status);
    if (changes.formData !== undefined) set('form_data', JSON.stringify(changes.formData));
    if (changes.materials !== undefined) set('materials', JSON.stringify(changes.materials));
    if (changes.caseNumber !== undefined) set('case_number', changes.caseNumber);
    if (changes.submitKey !== undefined) set('submit_key', changes.submitKey);
    if (changes.processInstanceKey !== undefined) set('process_instance_key', changes.processInstanceKey);
    if (changes.clockEvents !== undefined) set('clock_events', JSON.stringify(changes.clockEvents));
    if (changes.departmentDecisions !== undefined) set('department_decisions', JSON.stringify(changes.departmentDecisions));
    if (changes.result !== undefined) set('result', JSON.stringify(changes.result));
    if (changes.correctionCount !== undefined) set('correction_count', changes.correctionCount);
    if (changes.submittedAt !== undefined) set('submitted_at', changes.submittedAt);
    if (changes.decidedAt !== undefined) set('decided_at', changes.decidedAt);
    if (changes.draftExpiresAt !== undefined) set('draft_expires_at', changes.draftExpiresAt);
    if (changes.handedBackAt !== undefined) set('handed_back_at', changes.handedBackAt);
    if (changes.formSha256 !== undefined) set('form_sha256', changes.formSha256);
    if (changes.eligibilityDecisionKey !== undefined) set('eligibility_decision_key', changes.eligibilityDecisionKey);
    if (changes.now !== undefined) set('updated_at', changes.now);
    if (changes.bumpVersion) sets.push('version = version + 1');
    if (sets.length === 0) return;
    await this.db(db).query(`UPDATE application SET ${sets.join(', ')} WHERE id = $1`, params);
  }

  /** Keeps an application form a case was submitted with (once per content). */
  async keepCaseForm(form: { sha256: string; itemCode: string; formId: string | null; schema: Record<string, unknown>; at: Date }, db?: Db): Promise<void> {
    await this.db(db).query(
      'INSERT INTO case_form (sha256, item_code, form_id, schema, first_used_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING',
      [form.sha256, form.itemCode, form.formId, JSON.stringify(form.schema), form.at],
    );
  }

  async caseForm(sha256: string): Promise<Record<string, unknown> | null> {
    const rows: unknown[] = await this.dataSource.query('SELECT schema FROM case_form WHERE sha256 = $1', [sha256]);
    return rows[0] === undefined ? null : z.object({ schema: z.record(z.string(), z.unknown()) }).parse(rows[0]).schema;
  }

  /**
   * The departments a case involves grow as its process routes it (a street office, a district
   * bureau, the accepting centre): their staff may then see the case file. Idempotent.
   */
  async addDepartments(id: string, groups: readonly string[], db?: Db): Promise<void> {
    if (groups.length === 0) return;
    await this.db(db).query(
      `UPDATE application SET departments = departments || ARRAY(SELECT DISTINCT g FROM unnest($2::text[]) AS g WHERE g <> ALL (departments)) WHERE id = $1 AND NOT ($2::text[] <@ departments)`,
      [id, groups],
    );
  }

  // ---- counters (R14, R15)

  /** Who a walk-in citizen is to the platform: the account that applied before under this ID number, their last name and phone, open cases. */
  async person(idNumber: string): Promise<{ subject: string | null; name: string | null; phone: string | null; openCases: number }> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT (SELECT applicant_subject FROM application WHERE applicant_id_number = $1 AND applicant_subject NOT LIKE 'person:%' ORDER BY updated_at DESC LIMIT 1) AS subject,
              (SELECT applicant_name FROM application WHERE applicant_id_number = $1 ORDER BY updated_at DESC LIMIT 1) AS name,
              (SELECT form_data->>'phone' FROM application WHERE applicant_id_number = $1 AND form_data ? 'phone' ORDER BY updated_at DESC LIMIT 1) AS phone,
              (SELECT count(*) FROM application WHERE applicant_id_number = $1 AND status IN ('submitted', 'correction-requested', 'in-review')) AS open_cases`,
      [idNumber],
    );
    const row = z.object({ subject: z.string().nullable(), name: z.string().nullable(), phone: z.string().nullable(), open_cases: z.coerce.number() }).parse(rows[0]);
    return { subject: row.subject, name: row.name, phone: row.phone, openCases: row.open_cases };
  }

  /** A centre's counter cases (its clerks see only these), newest first, with the open hand-back step. */
  async counterCases(centres: readonly string[], status: 'drafts' | 'in-progress' | 'awaiting-hand-back' | 'done' | undefined, page: number, pageSize: number): Promise<{ records: (ApplicationRecord & { handBackTaskKey: string | null })[]; total: number }> {
    const filter = {
      drafts: `AND a.status = 'draft'`,
      'in-progress': `AND a.status IN ('submitted', 'correction-requested', 'in-review')`,
      'awaiting-hand-back': 'AND hb.user_task_key IS NOT NULL',
      done: `AND (a.handed_back_at IS NOT NULL OR a.status IN ('withdrawn', 'terminated'))`,
    }[status ?? 'drafts'];
    const rows: unknown[] = await this.dataSource.query(
      `SELECT a.*, hb.user_task_key AS hand_back_task_key, count(*) OVER () AS total
       FROM application a
       LEFT JOIN LATERAL (SELECT user_task_key FROM inbox_task t WHERE t.application_id = a.id AND t.stage = 'hand-back' AND t.state = 'open' LIMIT 1) hb ON true
       WHERE a.counter_centre = ANY ($1) ${status ? filter : ''}
       ORDER BY a.updated_at DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      [centres],
    );
    const extra = z.object({ hand_back_task_key: z.string().nullable(), total: z.coerce.number() });
    return {
      records: rows.map((row) => ({ ...applicationRow.parse(row), handBackTaskKey: extra.parse(row).hand_back_task_key })),
      total: rows[0] === undefined ? 0 : extra.parse(rows[0]).total,
    };
  }

  /**
   * A case that ended (withdrawn, terminated) has no open steps left: its inbox rows close now, not
   * only when the engine's canceling listeners get through (a step cancelled while still being
   * created may never report). Tells the live inbox too.
   */
  async closeInboxTasks(applicationId: string, at: Date, db: Db): Promise<void> {
    await db.query(
      `WITH closed AS (
         UPDATE inbox_task SET state = 'canceled', ended_at = $2, updated_at = $2 WHERE application_id = $1 AND state = 'open'
         RETURNING user_task_key, candidate_groups, state, assignee)
       SELECT pg_notify('inbox_changed', json_build_object('taskKey', user_task_key, 'groups', candidate_groups, 'state', state, 'assignee', assignee)::text) FROM closed`,
      [applicationId, at]);
  }

  /** Next case number: <region>-<yyyymmdd>-<serial of at least six digits>, unique across days. */
  async nextCaseNumber(day: string, db?: Db): Promise<string> {
    const rows: unknown[] = await this.db(db).query(`SELECT nextval('case_number_seq') AS serial`);
    const serial = z.object({ serial: z.coerce.number() }).parse(rows[0]).serial;
    return `210100-${day.replaceAll('-', '')}-${String(serial).padStart(6, '0')}`;
  }

  // ---- files

  async insertFile(file: Omit<FileRecord, 'id' | 'eLicence'>, db?: Db): Promise<FileRecord> {
    const rows: unknown[] = await this.db(db).query(
      `INSERT INTO material_file (id, owner_subject, name, media_type, size, sha256, storage_key, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (owner_subject, sha256) DO UPDATE SET owner_subject = material_file.owner_subject -- same bytes: the file on record, first name kept
       RETURNING id, owner_subject, name, media_type, size, sha256, storage_key, uploaded_at`,
      [randomUUID(), file.ownerSubject, file.name, file.mediaType, file.size, file.sha256, file.storageKey, file.uploadedAt],
    );
    return fileRow.parse(rows[0]);
  }

  async countFiles(subject: string): Promise<number> {
    const rows: unknown[] = await this.dataSource.query('SELECT count(*) AS n FROM material_file WHERE owner_subject = $1', [subject]);
    return z.object({ n: z.coerce.number() }).parse(rows[0]).n;
  }

  async files(ids: readonly string[], db?: Db): Promise<FileRecord[]> {
    if (ids.length === 0) return [];
    const rows: unknown[] = await this.db(db).query(
      `SELECT ${FILE_COLUMNS} WHERE f.id = ANY($1::uuid[])`, [[...ids]]);
    return rows.map((row) => fileRow.parse(row));
  }

  async filesOf(subject: string): Promise<FileRecord[]> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT ${FILE_COLUMNS} WHERE f.owner_subject = $1 ORDER BY f.uploaded_at DESC`, [subject]);
    return rows.map((row) => fileRow.parse(row));
  }

  /** Applications (not drafts of others) whose materials reference the file. */
  async applicationsUsingFile(fileId: string): Promise<ApplicationRecord[]> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT ${APPLICATION_COLUMNS} FROM application a
       WHERE EXISTS (SELECT 1 FROM jsonb_each(a.materials) m, jsonb_array_elements_text(m.value) f WHERE f = $1)`, [fileId]);
    return rows.map((row) => applicationRow.parse(row));
  }

  /** Cases with an opinion that attaches the file; `visible` says whether the applicant sees that opinion. */
  async applicationsWithAttachment(fileId: string): Promise<(ApplicationRecord & { visibleToApplicant: boolean })[]> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT a.*, bool_or(e.visible_to_applicant) AS visible FROM application a JOIN case_event e ON e.application_id = a.id
       WHERE e.attachments @> $1::jsonb AND e.attachments <> '[]' GROUP BY a.id`, [JSON.stringify([{ fileId }])]);
    return rows.map((row) => ({ ...applicationRow.parse(row), visibleToApplicant: z.object({ visible: z.boolean() }).parse(row).visible }));
  }

  /** E-licences issued for the case (licences module, table e_licence), for the result's documents. */
  async licencesOfCase(caseNumber: string, db?: Db): Promise<{ licenceNo: string; typeName: string }[]> {
    const rows: unknown[] = await this.db(db).query(
      'SELECT l.licence_no, t.name FROM e_licence l JOIN licence_type t ON t.code = l.type_code WHERE l.case_number = $1 ORDER BY l.licence_no', [caseNumber]);
    return rows.map((row) => z.object({ licence_no: z.string(), name: z.string() }).transform((r) => ({ licenceNo: r.licence_no, typeName: r.name })).parse(row));
  }

  /** The applicant's data-use ledger (licences module, table data_use): a department opened a material of a case. */
  async recordMaterialUse(use: { at: Date; holderId: string; licenceNo: string | null; material: string; department: string; caseNumber: string | null; applicationId: string; actor: string }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO data_use (id, at, holder_id, licence_no, material, department, case_number, application_id, basis, basis_detail, purpose, actor)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'consent', $9, $10, $11)`,
      [randomUUID(), use.at, use.holderId, use.licenceNo, use.material, use.department, use.caseNumber, use.applicationId,
        `申请人申报办件${use.caseNumber ? ` ${use.caseNumber}` : ''}时提交`, `审查办件材料：${use.material}`, use.actor],
    );
  }

  async applicationsOf(subject: string): Promise<ApplicationRecord[]> {
    const rows: unknown[] = await this.dataSource.query(`SELECT ${APPLICATION_COLUMNS} FROM application WHERE applicant_subject = $1`, [subject]);
    return rows.map((row) => applicationRow.parse(row));
  }

  // ---- history

  async addEvent(event: NewEvent, db?: Db): Promise<void> {
    await this.db(db).query(
      `INSERT INTO case_event (application_id, at, kind, actor_subject, actor_name, actor_role, department, text, visible_to_applicant, attachments)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [event.applicationId, event.at, event.kind, event.actorSubject, event.actorName, event.actorRole, event.department, event.text, event.visibleToApplicant ?? true,
        JSON.stringify(event.attachments ?? [])],
    );
  }

  async events(applicationId: string): Promise<EventRecord[]> {
    const rows: unknown[] = await this.dataSource.query(
      'SELECT at, kind, actor_name, actor_role, department, text, visible_to_applicant, attachments FROM case_event WHERE application_id = $1 ORDER BY id', [applicationId]);
    return rows.map((row) => eventRow.parse(row));
  }

  // ---- correction notices

  async notices(applicationId: string, db?: Db): Promise<NoticeRecord[]> {
    const rows: unknown[] = await this.db(db).query(
      'SELECT number, issued_at, issued_by, department, problems, snapshot, defects, answered_at FROM correction_notice WHERE application_id = $1 ORDER BY number', [applicationId]);
    return rows.map((row) => noticeRow.parse(row));
  }

  async insertNotice(applicationId: string, notice: { number: number; issuedAt: Date; issuedBy: string; department: string; problems: (CorrectionProblem & { defect: boolean })[]; snapshot: ApplicationSnapshot; defects: number }, db: Db): Promise<void> {
    await db.query(
      `INSERT INTO correction_notice (application_id, number, issued_at, issued_by, department, problems, snapshot, defects) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [applicationId, notice.number, notice.issuedAt, notice.issuedBy, notice.department, JSON.stringify(notice.problems), JSON.stringify(notice.snapshot), notice.defects],
    );
  }

  async answerNotices(applicationId: string, at: Date, db: Db): Promise<void> {
    await db.query('UPDATE correction_notice SET answered_at = $2 WHERE application_id = $1 AND answered_at IS NULL', [applicationId, at]);
  }

  // ---- ratings and rectifications

  async rating(applicationId: string): Promise<RatingRow | null> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT r.level, r.reasons, r.comment, r.channel, r.rated_at, x.id AS rectification_id, x.department AS rectification_department,
              x.status AS rectification_status, x.response AS rectification_response, x.answered_at AS rectification_answered_at, x.answered_by AS rectification_answered_by
       FROM rating r LEFT JOIN rectification x ON x.application_id = r.application_id WHERE r.application_id = $1`, [applicationId]);
    return rows[0] === undefined ? null : ratingRow.parse(rows[0]);
  }

  async insertRating(applicationId: string, rating: { level: number; reasons: string[]; comment: string; channel: string; at: Date }, db: Db): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `INSERT INTO rating (application_id, level, reasons, comment, channel, rated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (application_id) DO NOTHING RETURNING application_id`,
      [applicationId, rating.level, rating.reasons, rating.comment, rating.channel, rating.at]);
    return rows.length > 0;
  }

  async insertRectification(applicationId: string, department: string, at: Date, db: Db): Promise<string> {
    const id = randomUUID();
    await db.query(`INSERT INTO rectification (id, application_id, department, status, created_at) VALUES ($1, $2, $3, 'open', $4)`, [id, applicationId, department, at]);
    return id;
  }

  async rectifications(departments: readonly string[] | 'all', status: 'open' | 'answered' | undefined): Promise<RectificationRow[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (departments !== 'all') {
      params.push([...departments]);
      where.push(`x.department = ANY($${params.length})`);
    }
    if (status) {
      params.push(status);
      where.push(`x.status = $${params.length}`);
    }
    const rows: unknown[] = await this.dataSource.query(
      `SELECT x.id, x.application_id, a.case_number, a.item_name, x.department, r.level, r.reasons, r.comment, x.status, x.response, x.created_at, x.answered_at, a.applicant_subject
       FROM rectification x JOIN application a ON a.id = x.application_id JOIN rating r ON r.application_id = x.application_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY x.status = 'open' DESC, x.created_at DESC LIMIT 200`, params);
    return rows.map((row) => rectificationRow.parse(row));
  }

  async rectification(id: string, db: Db): Promise<RectificationRow | null> {
    if (!z.string().uuid().safeParse(id).success) return null;
    const rows: unknown[] = await db.query(
      `SELECT x.id, x.application_id, a.case_number, a.item_name, x.department, r.level, r.reasons, r.comment, x.status, x.response, x.created_at, x.answered_at, a.applicant_subject
       FROM rectification x JOIN application a ON a.id = x.application_id JOIN rating r ON r.application_id = x.application_id WHERE x.id = $1 FOR UPDATE OF x`, [id]);
    return rows[0] === undefined ? null : rectificationRow.parse(rows[0]);
  }

  async answerRectification(id: string, response: string, by: string, at: Date, db: Db): Promise<void> {
    await db.query(`UPDATE rectification SET status = 'answered', response = $2, answered_by = $3, answered_at = $4 WHERE id = $1`, [id, response, by, at]);
  }

  // ---- notifications

  async insertNotification(n: { recipientSubject: string; applicationId: string | null; caseNumber: string | null; title: string; body: string; at: Date }, db?: Db): Promise<void> {
    await this.db(db).query(
      'INSERT INTO notification (id, recipient_subject, application_id, case_number, title, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [randomUUID(), n.recipientSubject, n.applicationId, n.caseNumber, n.title, n.body, n.at]);
  }

  async notifications(subject: string): Promise<{ items: NotificationRow[]; unread: number }> {
    const rows: unknown[] = await this.dataSource.query(
      'SELECT id, application_id, case_number, title, body, created_at, read_at FROM notification WHERE recipient_subject = $1 ORDER BY created_at DESC, id LIMIT 100', [subject]);
    const unread: unknown[] = await this.dataSource.query('SELECT count(*) AS n FROM notification WHERE recipient_subject = $1 AND read_at IS NULL', [subject]);
    return { items: rows.map((row) => notificationRow.parse(row)), unread: z.object({ n: z.coerce.number() }).parse(unread[0]).n };
  }

  async markRead(subject: string, id: string, at: Date): Promise<boolean> {
    if (!z.string().uuid().safeParse(id).success) return false;
    // For UPDATE, TypeORM's postgres driver answers [rows, affected].
    const result: unknown = await this.dataSource.query(
      'UPDATE notification SET read_at = coalesce(read_at, $3) WHERE id = $1 AND recipient_subject = $2', [id, subject, at]);
    return z.tuple([z.unknown(), z.number()]).parse(result)[1] > 0;
  }
}
