// SQL for the e-licence library: types, licences, their history, share links and the data-use ledger.
// Rows are parsed with zod at this edge.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DATA_USE_BASES, type DataUseBasis, LICENCE_ALGORITHMS, type LicenceType, type LicenceTypeInput, licenceTypeSchema, STORED_LICENCE_STATUSES } from '@gov/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';

type Db = Pick<EntityManager, 'query'>;

const typeRow = z.object({
  code: z.string(), name: z.string(), department_path: z.string(), department_name: z.string(), holder_kind: z.enum(['person', 'company']),
  fields: licenceTypeSchema.shape.fields, validity_years: z.number().nullable(), layout: licenceTypeSchema.shape.layout, replaces: licenceTypeSchema.shape.replaces,
}).transform((r): LicenceType => ({
  code: r.code, name: r.name, department: { path: r.department_path, name: r.department_name }, holderKind: r.holder_kind, fields: r.fields,
  validityYears: r.validity_years, layout: r.layout, replaces: r.replaces,
}));

const licenceRow = z.object({
  licence_no: z.string(), type_code: z.string(), version: z.number(), holder_kind: z.enum(['person', 'company']), holder_id: z.string(), holder_name: z.string(),
  payload: z.string(), algorithm: z.enum(LICENCE_ALGORITHMS), key_id: z.string(), signature: z.string(), pdf_sha256: z.string(), pdf_storage_key: z.string(),
  status: z.enum(STORED_LICENCE_STATUSES), status_reason: z.string().nullable(), valid_until: z.date().nullable(), issued_at: z.date(),
  case_number: z.string().nullable(), application_id: z.string().nullable(), replaces: z.string().nullable(), replaced_by: z.string().nullable(),
}).transform((r) => ({
  licenceNo: r.licence_no, typeCode: r.type_code, version: r.version, holderKind: r.holder_kind, holderId: r.holder_id, holderName: r.holder_name,
  payload: r.payload, signature: { algorithm: r.algorithm, keyId: r.key_id, value: r.signature }, pdfSha256: r.pdf_sha256, pdfStorageKey: r.pdf_storage_key,
  status: r.status, statusReason: r.status_reason, validUntil: r.valid_until, issuedAt: r.issued_at, caseNumber: r.case_number, applicationId: r.application_id,
  replaces: r.replaces, replacedBy: r.replaced_by,
}));
export type LicenceRecord = z.infer<typeof licenceRow>;

const COLUMNS = `licence_no, type_code, version, holder_kind, holder_id, holder_name, payload, algorithm, key_id, signature, pdf_sha256, pdf_storage_key,
  status, status_reason, valid_until, issued_at, case_number, application_id, replaces, replaced_by`;

const useRow = z.object({
  id: z.string(), at: z.date(), licence_no: z.string().nullable(), type_name: z.string().nullable(), material: z.string().nullable(), department: z.string(), case_number: z.string().nullable(),
  basis: z.enum(DATA_USE_BASES), basis_detail: z.string(), purpose: z.string(), actor: z.string(),
}).transform((r) => ({
  id: r.id, at: r.at.toISOString(), licenceNo: r.licence_no, typeName: r.type_name, material: r.material, department: r.department, caseNumber: r.case_number,
  basis: r.basis, basisDetail: r.basis_detail, purpose: r.purpose, actor: r.actor,
}));

export interface NewLicence {
  licenceNo: string; typeCode: string; version: number; holderKind: 'person' | 'company'; holderId: string; holderName: string; payload: string;
  signature: { algorithm: string; keyId: string; value: string }; pdfSha256: string; pdfStorageKey: string; validUntil: Date | null; issuedAt: Date;
  caseNumber: string | null; applicationId: string | null; replaces: string | null;
}

export interface NewDataUse {
  at: Date; holderId: string; licenceNo: string | null; department: string; caseNumber: string | null; applicationId: string | null;
  basis: DataUseBasis; basisDetail: string; purpose: string; actor: string;
}

@Injectable()
export class LicencesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  transaction<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  private db(db?: Db): Db {
    return db ?? this.dataSource;
  }

  async types(): Promise<LicenceType[]> {
    const rows: unknown[] = await this.dataSource.query('SELECT * FROM licence_type ORDER BY code');
    return rows.map((row) => typeRow.parse(row));
  }

  /** Creates or replaces a licence type (catalogue data, edited by admins). */
  async saveType(code: string, type: LicenceTypeInput): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO licence_type (code, name, department_path, department_name, holder_kind, fields, validity_years, layout, replaces)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, department_path = EXCLUDED.department_path, department_name = EXCLUDED.department_name,
         holder_kind = EXCLUDED.holder_kind, fields = EXCLUDED.fields, validity_years = EXCLUDED.validity_years, layout = EXCLUDED.layout, replaces = EXCLUDED.replaces`,
      [code, type.name, type.department.path, type.department.name, type.holderKind, JSON.stringify(type.fields), type.validityYears, JSON.stringify(type.layout), JSON.stringify(type.replaces)]);
  }

  async type(code: string, db?: Db): Promise<LicenceType | null> {
    const rows: unknown[] = await this.db(db).query('SELECT * FROM licence_type WHERE code = $1', [code]);
    return rows[0] ? typeRow.parse(rows[0]) : null;
  }

  async find(licenceNo: string, db?: Db, lock = false): Promise<LicenceRecord | null> {
    const rows: unknown[] = await this.db(db).query(`SELECT ${COLUMNS} FROM e_licence WHERE licence_no = $1${lock ? ' FOR UPDATE' : ''}`, [licenceNo]);
    return rows[0] ? licenceRow.parse(rows[0]) : null;
  }

  async forCase(caseNumber: string, typeCode: string, db?: Db): Promise<LicenceRecord | null> {
    const rows: unknown[] = await this.db(db).query(`SELECT ${COLUMNS} FROM e_licence WHERE case_number = $1 AND type_code = $2`, [caseNumber, typeCode]);
    return rows[0] ? licenceRow.parse(rows[0]) : null;
  }

  async ofHolders(holderIds: readonly string[]): Promise<LicenceRecord[]> {
    if (holderIds.length === 0) return [];
    const rows: unknown[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM e_licence WHERE holder_id = ANY($1::text[]) ORDER BY issued_at DESC, licence_no`, [[...holderIds]]);
    return rows.map((row) => licenceRow.parse(row));
  }

  /** The next serial of licence numbers starting with `prefix` (e.g. SY20261127). */
  async nextSerial(prefix: string, db: Db): Promise<number> {
    // Serialised per prefix by an advisory lock, so two issues never take the same number.
    await db.query('SELECT pg_advisory_xact_lock(7340002, hashtext($1))', [prefix]);
    const rows: unknown[] = await db.query('SELECT count(*) AS n FROM e_licence WHERE licence_no LIKE $1', [`${prefix}%`]);
    return z.object({ n: z.coerce.number() }).parse(rows[0]).n + 1;
  }

  async insert(l: NewLicence, db: Db): Promise<void> {
    await db.query(
      `INSERT INTO e_licence (licence_no, type_code, version, holder_kind, holder_id, holder_name, payload, algorithm, key_id, signature, pdf_sha256, pdf_storage_key,
         valid_until, issued_at, case_number, application_id, replaces)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [l.licenceNo, l.typeCode, l.version, l.holderKind, l.holderId, l.holderName, l.payload, l.signature.algorithm, l.signature.keyId, l.signature.value,
        l.pdfSha256, l.pdfStorageKey, l.validUntil, l.issuedAt, l.caseNumber, l.applicationId, l.replaces],
    );
  }

  async setStatus(licenceNo: string, status: (typeof STORED_LICENCE_STATUSES)[number], reason: string | null, db: Db, replacedBy: string | null = null): Promise<void> {
    await db.query('UPDATE e_licence SET status = $2, status_reason = $3, replaced_by = COALESCE($4, replaced_by) WHERE licence_no = $1', [licenceNo, status, reason, replacedBy]);
  }

  async addEvent(licenceNo: string, at: Date, kind: string, actor: string, reason: string | null, db: Db): Promise<void> {
    await db.query('INSERT INTO licence_event (licence_no, at, kind, actor, reason) VALUES ($1, $2, $3, $4, $5)', [licenceNo, at, kind, actor, reason]);
  }

  async insertShare(token: string, licenceNo: string, createdBy: string, at: Date, expiresAt: Date): Promise<void> {
    await this.dataSource.query('INSERT INTO licence_share (token, licence_no, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [token, licenceNo, createdBy, at, expiresAt]);
  }

  async share(token: string): Promise<{ licenceNo: string; expiresAt: Date } | null> {
    const rows: unknown[] = await this.dataSource.query('SELECT licence_no, expires_at FROM licence_share WHERE token = $1', [token]);
    const row = z.object({ licence_no: z.string(), expires_at: z.date() }).optional().parse(rows[0]);
    return row ? { licenceNo: row.licence_no, expiresAt: row.expires_at } : null;
  }

  async insertUse(use: NewDataUse, db?: Db): Promise<void> {
    await this.db(db).query(
      `INSERT INTO data_use (id, at, holder_id, licence_no, department, case_number, application_id, basis, basis_detail, purpose, actor)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [randomUUID(), use.at, use.holderId, use.licenceNo, use.department, use.caseNumber, use.applicationId, use.basis, use.basisDetail, use.purpose, use.actor],
    );
  }

  async uses(holderIds: readonly string[]): Promise<z.infer<typeof useRow>[]> {
    if (holderIds.length === 0) return [];
    const rows: unknown[] = await this.dataSource.query(
      // A use recorded while the application was a draft gets its case number once the case has one.
      `SELECT u.id, u.at, u.licence_no, t.name AS type_name, u.material, u.department, COALESCE(u.case_number, a.case_number) AS case_number, u.basis, u.basis_detail, u.purpose, u.actor
       FROM data_use u LEFT JOIN e_licence l ON l.licence_no = u.licence_no LEFT JOIN licence_type t ON t.code = l.type_code
       LEFT JOIN application a ON a.id = u.application_id
       WHERE u.holder_id = ANY($1::text[]) ORDER BY u.at DESC, u.id LIMIT 500`, [[...holderIds]]);
    return rows.map((row) => useRow.parse(row));
  }

  async autofillConsent(subject: string): Promise<Date | null> {
    const rows: unknown[] = await this.dataSource.query('SELECT granted_at FROM licence_autofill_consent WHERE subject = $1', [subject]);
    return z.object({ granted_at: z.date() }).optional().parse(rows[0])?.granted_at ?? null;
  }

  async setAutofillConsent(subject: string, grantedAt: Date | null): Promise<void> {
    if (grantedAt === null) await this.dataSource.query('DELETE FROM licence_autofill_consent WHERE subject = $1', [subject]);
    else await this.dataSource.query('INSERT INTO licence_autofill_consent (subject, granted_at) VALUES ($1, $2) ON CONFLICT (subject) DO NOTHING', [subject, grantedAt]);
  }

  /** Stores the licence PDF as a file of the holder's material library, marked as that licence. */
  async insertLicenceFile(file: { ownerSubject: string; name: string; size: number; sha256: string; storageKey: string; uploadedAt: Date; licenceNo: string }, db: Db): Promise<string> {
    const rows: unknown[] = await db.query(
      `INSERT INTO material_file (id, owner_subject, name, media_type, size, sha256, storage_key, uploaded_at, licence_no)
       VALUES ($1, $2, $3, 'application/pdf', $4, $5, $6, $7, $8)
       ON CONFLICT (owner_subject, sha256) DO UPDATE SET licence_no = EXCLUDED.licence_no
       RETURNING id`,
      [randomUUID(), file.ownerSubject, file.name, file.size, file.sha256, file.storageKey, file.uploadedAt, file.licenceNo],
    );
    return z.object({ id: z.string() }).parse(rows[0]).id;
  }
}
