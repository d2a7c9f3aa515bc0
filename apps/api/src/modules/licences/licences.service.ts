// The e-licence library (R9, R19, R22): issue on approval (licence.issue), lifecycle, public
// verification (by number, share link or uploaded PDF), the holder's wallet and data-use ledger,
// reuse in applications, and department queries on a recorded basis.
import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { chinaDate } from '@gov/clock';
import {
  type ApplicationView, type AutofillConsent, type DataUse, type DepartmentQuery, departmentQuerySchema, type ELicence, type LicenceOffer, type LicencePayload, licencePayloadSchema,
  type LicenceStatus, type LicenceStatusChange, type LicenceType, type LicenceTypeInput, licenceTypeInputSchema, LICENCE_ALGORITHMS, maskIdNumber, type ServiceItem, type ShareLink, type Verification,
} from '@gov/contracts';
import { z } from 'zod';
import { ValidationError } from '../../common/app-error.js';
import type { Principal } from '../../common/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { CatalogueService } from '../catalogue/catalogue.service.js';
import { ApplicationViews, isApplicant } from '../applications/application-views.js';
import { ApplicationNotFoundError, ApplicationStateError } from '../applications/applications.errors.js';
import { type ApplicationRecord, ApplicationsRepository } from '../applications/applications.repository.js';
import { FILE_STORAGE, type FileStorage } from '../applications/storage.port.js';
import { LicenceKeys } from './licence-keys.js';
import { embeddedLicence, renderLicencePdf } from './licence-pdf.js';
import { DepartmentNotBoundError, DepartmentQueryRefusedError, LicenceForbiddenError, LicenceNotAcceptedError, LicenceNotFoundError, LicenceStateError, LicenceTypeNotFoundError } from './licences.errors.js';
import { type LicenceRecord, LicencesRepository } from './licences.repository.js';

export const LICENCE_KEYS = Symbol('LICENCE_KEYS');

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The licence's status today: a valid licence past its validity period is expired. */
export function statusOf(record: Pick<LicenceRecord, 'status' | 'validUntil'>, now: Date): LicenceStatus {
  if (record.status === 'valid' && record.validUntil !== null && record.validUntil.getTime() <= now.getTime()) return 'expired';
  return record.status;
}

const STATUS_TEXT: Record<LicenceStatus, string> = { valid: '有效', suspended: '已暂停', revoked: '已吊销', expired: '已过期', replaced: '已被新版本替代' };

/** Labels of a form's options (checklist values such as "hot-food" print as "热食类食品制售"). */
function optionLabels(form: Record<string, unknown>): Map<string, string> {
  const labels = new Map<string, string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const parsed = z.object({ key: z.string(), values: z.array(z.object({ label: z.string(), value: z.string() })) }).safeParse(node);
    if (parsed.success) for (const v of parsed.data.values) labels.set(`${parsed.data.key}=${v.value}`, v.label);
    Object.values(node).forEach(walk);
  };
  walk(form);
  return labels;
}

function fieldValue(key: string, value: unknown, labels: Map<string, string>): string {
  if (Array.isArray(value)) return value.map((v) => fieldValue(key, v, labels)).join('、');
  if (typeof value === 'string') return labels.get(`${key}=${value}`) ?? value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** Whether a licence of this type can stand for the material of the item. */
export function replaces(type: LicenceType, item: Pick<ServiceItem, 'code'>, material: { id: string; eLicenceTypes: string[] }): boolean {
  return material.eLicenceTypes.includes(type.name) || type.replaces.some((r) => r.itemCode === item.code && r.materialId === material.id);
}

@Injectable()
export class LicencesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LicencesRepository) private readonly repository: LicencesRepository,
    @Inject(ApplicationsRepository) private readonly applications: ApplicationsRepository,
    @Inject(ApplicationViews) private readonly views: ApplicationViews,
    @Inject(CatalogueService) private readonly catalogue: CatalogueService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(LICENCE_KEYS) private readonly keys: LicenceKeys,
  ) {}

  verifyUrl(licenceNo: string): string {
    return `${this.config.licences.publicBaseUrl}/verify/${encodeURIComponent(licenceNo)}`;
  }

  types(): Promise<LicenceType[]> {
    return this.repository.types();
  }

  /**
   * An admin creates or edits a licence type (catalogue data). The materials it replaces must exist
   * in the items named; licences issued before keep their signed content.
   */
  async saveType(code: string, raw: LicenceTypeInput): Promise<LicenceType> {
    const input = licenceTypeInputSchema.parse(raw);
    const problems: { path: string; message: string }[] = [];
    for (const [index, target] of input.replaces.entries()) {
      const item = await this.catalogue.published(target.itemCode).then((p) => p.item).catch(() => null);
      if (!item) problems.push({ path: `replaces.${index}.itemCode`, message: `no published service item ${target.itemCode}` });
      else if (!item.materials.some((m) => m.id === target.materialId)) problems.push({ path: `replaces.${index}.materialId`, message: `${item.name} has no material "${target.materialId}"` });
    }
    if (problems.length > 0) throw new ValidationError('The licence type names materials that do not exist.', problems);
    await this.repository.saveType(code, input);
    const saved = await this.repository.type(code);
    if (!saved) throw new ValidationError('The licence type was not saved.', [{ path: 'code', message: 'not saved' }]);
    return saved;
  }

  // ---- issuing (licence.issue)

  /**
   * Issues the licence of `typeCode` for an approved case; a second call for the same case returns the
   * licence issued the first time. `mode: 'replace'` makes it the next version of the holder's current
   * licence of the type (e.g. after a change registration), which is then marked replaced.
   */
  async issueForCase(caseNumber: string, typeCode: string, mode: 'new' | 'replace', now: Date): Promise<LicenceRecord> {
    const existing = await this.repository.forCase(caseNumber, typeCode);
    if (existing) return existing;
    const type = await this.repository.type(typeCode);
    if (!type) throw new LicenceTypeNotFoundError(typeCode);
    const application = await this.applications.findByCaseNumber(caseNumber);
    if (!application) throw new ApplicationNotFoundError(caseNumber);
    const holder = application.company && type.holderKind === 'company'
      ? { kind: 'company' as const, name: application.company.name, id: application.company.creditCode }
      : { kind: 'person' as const, name: application.applicantName, id: application.applicantIdNumber };
    const labels = optionLabels(await this.views.applicationForm(application).catch(() => ({})));
    const fields = type.fields.flatMap((field) => {
      const source = field.sources.find((key) => fieldValue(key, application.formData[key], labels) !== '');
      return source ? [{ key: field.key, label: field.label, value: fieldValue(source, application.formData[source], labels) }] : [];
    });
    const previous = mode === 'replace'
      ? (await this.repository.ofHolders([holder.id])).find((l) => l.typeCode === typeCode && statusOf(l, now) === 'valid') ?? null
      : null;
    const validUntil = type.validityYears === null ? null : new Date(Date.UTC(now.getUTCFullYear() + type.validityYears, now.getUTCMonth(), now.getUTCDate()) - 1000);

    return this.repository.transaction(async (db) => {
      // SY (沈阳) + the issuing day in China + a serial of the day.
      const prefix = `SY${chinaDate(now).replace(/-/g, '')}`;
      const licenceNo = `${prefix}${String(await this.repository.nextSerial(prefix, db)).padStart(6, '0')}`;
      const payload: LicencePayload = {
        licenceNo, type: type.code, typeName: type.name, version: previous ? previous.version + 1 : 1, holder, fields, department: type.department,
        issuedAt: now.toISOString(), validFrom: now.toISOString(), validUntil: validUntil?.toISOString() ?? null,
      };
      const signedText = JSON.stringify(payload);
      const signature = await this.keys.sign(type.department.path, Buffer.from(signedText, 'utf8'));
      const pdf = renderLicencePdf({ payload, signedText, signature, layout: type.layout, verifyUrl: this.verifyUrl(licenceNo) });
      const pdfSha256 = sha256(pdf);
      const pdfStorageKey = await this.storage.put(pdfSha256, pdf);
      await this.repository.insert({
        licenceNo, typeCode, version: payload.version, holderKind: holder.kind, holderId: holder.id, holderName: holder.name, payload: signedText, signature,
        pdfSha256, pdfStorageKey, validUntil, issuedAt: now, caseNumber, applicationId: application.id, replaces: previous?.licenceNo ?? null,
      }, db);
      await this.repository.addEvent(licenceNo, now, 'issued', type.department.name, `办件 ${caseNumber}`, db);
      if (previous) {
        await this.repository.setStatus(previous.licenceNo, 'replaced', `由新版本 ${licenceNo} 替代（办件 ${caseNumber}）`, db, licenceNo);
        await this.repository.addEvent(previous.licenceNo, now, 'replaced', type.department.name, licenceNo, db);
      }
      const issued = await this.repository.find(licenceNo, db);
      if (!issued) throw new Error(`licence ${licenceNo} vanished within its own transaction`);
      return issued;
    });
  }

  // ---- views

  private holderIds(principal: Principal): string[] {
    return [principal.idNumber, principal.company?.creditCode].filter((id): id is string => typeof id === 'string' && id !== '');
  }

  private async typeOf(code: string): Promise<LicenceType> {
    const type = await this.repository.type(code);
    if (!type) throw new LicenceTypeNotFoundError(code);
    return type;
  }

  private payloadOf(record: LicenceRecord): LicencePayload {
    return licencePayloadSchema.parse(JSON.parse(record.payload));
  }

  view(record: LicenceRecord, now: Date): ELicence {
    const payload = this.payloadOf(record);
    return {
      licenceNo: record.licenceNo, type: record.typeCode, typeName: payload.typeName, version: record.version, status: statusOf(record, now), statusReason: record.statusReason,
      holder: { kind: record.holderKind, name: record.holderName, idMasked: record.holderKind === 'person' ? maskIdNumber(record.holderId) : record.holderId },
      fields: payload.fields, department: payload.department, issuedAt: payload.issuedAt, validFrom: payload.validFrom, validUntil: payload.validUntil,
      caseNumber: record.caseNumber, replacedBy: record.replacedBy, signature: record.signature,
      pdfUrl: `/api/licences/${encodeURIComponent(record.licenceNo)}/pdf`, verifyUrl: this.verifyUrl(record.licenceNo),
    };
  }

  /** A licence the caller holds (personally or for their company); 404 otherwise. */
  private async held(principal: Principal, licenceNo: string): Promise<LicenceRecord> {
    const record = await this.repository.find(licenceNo);
    if (!record || !this.holderIds(principal).includes(record.holderId)) throw new LicenceNotFoundError(licenceNo);
    return record;
  }

  async wallet(principal: Principal, now: Date): Promise<ELicence[]> {
    return (await this.repository.ofHolders(this.holderIds(principal))).map((r) => this.view(r, now));
  }

  /** A licence for its holder, or for an admin of its issuing department (or a platform admin); 404 for anyone else. */
  async one(principal: Principal, licenceNo: string, now: Date): Promise<ELicence> {
    const record = await this.repository.find(licenceNo);
    if (!record) throw new LicenceNotFoundError(licenceNo);
    const department = this.payloadOf(record).department.path;
    const mayManage = principal.roles.includes('admin') || (principal.roles.includes('dept-admin') && principal.departments.some((d) => d.path === department));
    if (!this.holderIds(principal).includes(record.holderId) && !mayManage) throw new LicenceNotFoundError(licenceNo);
    return this.view(record, now);
  }

  async pdf(principal: Principal, licenceNo: string): Promise<{ pdf: Buffer; name: string }> {
    const record = await this.held(principal, licenceNo);
    return { pdf: await this.storage.get(record.pdfStorageKey), name: `${record.licenceNo}.pdf` };
  }

  async share(principal: Principal, licenceNo: string, hours: number, now: Date): Promise<ShareLink> {
    const record = await this.held(principal, licenceNo);
    const token = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + hours * 3600_000);
    await this.repository.insertShare(token, record.licenceNo, principal.subject, now, expiresAt);
    return { token, url: `${this.verifyUrl(record.licenceNo)}?share=${token}`, expiresAt: expiresAt.toISOString() };
  }

  async ledger(principal: Principal): Promise<DataUse[]> {
    return this.repository.uses(this.holderIds(principal));
  }

  // ---- lifecycle (authorised admins)

  async changeStatus(principal: Principal, licenceNo: string, change: LicenceStatusChange, now: Date): Promise<ELicence> {
    const updated = await this.repository.transaction(async (db) => {
      const record = await this.repository.find(licenceNo, db, true);
      if (!record) throw new LicenceNotFoundError(licenceNo);
      const department = this.payloadOf(record).department;
      const admin = principal.roles.includes('admin');
      if (!admin && !principal.departments.some((d) => d.path === department.path)) {
        throw new LicenceForbiddenError(`Only administrators of ${department.name} may change its licences.`);
      }
      const current = statusOf(record, now);
      const next = { suspend: 'suspended', reinstate: 'valid', revoke: 'revoked' } as const;
      const allowed = { suspend: ['valid'], reinstate: ['suspended'], revoke: ['valid', 'suspended', 'expired'] } as const;
      if (!allowed[change.action].some((s) => s === current)) {
        throw new LicenceStateError(`The licence is ${current} (${STATUS_TEXT[current]}); it cannot be ${change.action === 'reinstate' ? 'reinstated' : `${change.action}ed`}.`);
      }
      await this.repository.setStatus(licenceNo, next[change.action], change.action === 'reinstate' ? null : change.reason, db);
      await this.repository.addEvent(licenceNo, now, change.action, principal.username, change.reason, db);
      return this.repository.find(licenceNo, db);
    });
    if (!updated) throw new LicenceNotFoundError(licenceNo);
    return this.view(updated, now);
  }

  async rotateKey(departmentPath: string): Promise<{ keyId: string; algorithm: string; createdAt: string }> {
    const key = await this.keys.rotate(departmentPath);
    return { keyId: key.keyId, algorithm: key.algorithm, createdAt: key.createdAt };
  }

  // ---- verification (public)

  private failed(failure: NonNullable<Verification['failure']>, message: string, partial: Partial<Verification> = {}): Verification {
    return {
      valid: false, licenceNo: null, status: null, statusReason: null, signatureValid: false, documentIntact: null, failure, message,
      typeName: null, holderName: null, fields: [], department: null, issuedAt: null, validUntil: null, algorithm: null, keyId: null, ...partial,
    };
  }

  /**
   * The library's answer for a licence: signature of the stored payload, status today. Only the holder's
   * name (masked for a person), the type, the department and the dates are shown, unless `showFields`
   * (a share link made by the holder, or a PDF the asker already has).
   */
  private async answer(record: LicenceRecord, now: Date, showFields: boolean, documentIntact: boolean | null): Promise<Verification> {
    const payload = this.payloadOf(record);
    const signatureValid = await this.keys.verify(Buffer.from(record.payload, 'utf8'), record.signature);
    const status = statusOf(record, now);
    const holderName = record.holderKind === 'person' && !showFields ? `${record.holderName.slice(0, 1)}${'*'.repeat(Math.max(1, record.holderName.length - 1))}` : record.holderName;
    const base = {
      licenceNo: record.licenceNo, status, statusReason: record.statusReason, signatureValid, documentIntact, typeName: payload.typeName, holderName,
      fields: showFields ? payload.fields.map((f) => ({ label: f.label, value: f.value })) : [], department: payload.department.name,
      issuedAt: payload.issuedAt, validUntil: payload.validUntil, algorithm: record.signature.algorithm, keyId: record.signature.keyId,
    };
    if (!signatureValid) return { ...base, valid: false, failure: 'bad-signature', message: '签名验证失败：证照库中的记录与发证机关的签名不符' };
    if (documentIntact === false) return { ...base, valid: false, failure: 'document-altered', message: '文件已被篡改：与证照库签发的文件不一致' };
    if (status !== 'valid') {
      return { ...base, valid: false, failure: 'status', message: `证照${STATUS_TEXT[status]}${record.statusReason ? `：${record.statusReason}` : ''}` };
    }
    return { ...base, valid: true, failure: null, message: `证照有效，签名验证通过（${record.signature.algorithm}）` };
  }

  async verifyNumber(licenceNo: string, shareToken: string | null, now: Date): Promise<Verification> {
    const record = await this.repository.find(licenceNo);
    if (!record) return this.failed('not-found', `证照库中没有编号为 ${licenceNo} 的证照`, { licenceNo });
    if (shareToken === null) return this.answer(record, now, false, null);
    const share = await this.repository.share(shareToken);
    if (!share || share.licenceNo !== record.licenceNo || share.expiresAt.getTime() <= now.getTime()) {
      const answer = await this.answer(record, now, false, null);
      return { ...answer, message: `${answer.message}。分享链接无效或已过期，仅显示公开信息` };
    }
    await this.repository.insertUse({
      at: now, holderId: record.holderId, licenceNo: record.licenceNo, department: '持证人分享的核验链接', caseNumber: null, applicationId: null,
      basis: 'holder', basisDetail: `持证人分享，有效期至 ${share.expiresAt.toISOString()}`, purpose: '通过分享链接核验证照', actor: 'verification page',
    });
    return this.answer(record, now, true, null);
  }

  /** Checks a PDF someone uploaded: embedded signature, the library's record, and that the bytes are exactly those issued. */
  async verifyDocument(pdf: Buffer, now: Date): Promise<Verification> {
    const embedded = embeddedLicence(pdf);
    if (!embedded) return this.failed('not-a-licence', '文件中没有电子证照签名信息，不是本平台签发的电子证照');
    const algorithm = z.enum(LICENCE_ALGORITHMS).safeParse(embedded.signature.algorithm);
    let payload: LicencePayload | null;
    try {
      payload = licencePayloadSchema.parse(JSON.parse(embedded.signedText));
    } catch {
      payload = null;
    }
    if (!algorithm.success || !payload) return this.failed('bad-signature', '文件中的签名信息无法解析，文件可能已被篡改');
    const signatureValid = await this.keys.verify(Buffer.from(embedded.signedText, 'utf8'), { ...embedded.signature, algorithm: algorithm.data });
    if (!signatureValid) return this.failed('bad-signature', '签名验证失败：文件中的证照内容与发证机关的签名不符，文件已被篡改', { licenceNo: payload.licenceNo });
    const record = await this.repository.find(payload.licenceNo);
    if (!record) return this.failed('not-found', `证照库中没有编号为 ${payload.licenceNo} 的证照`, { licenceNo: payload.licenceNo, signatureValid });
    const intact = sha256(pdf) === record.pdfSha256 && record.payload === embedded.signedText;
    return this.answer(record, now, intact, intact);
  }

  // ---- reuse in applications

  private async ownApplication(principal: Principal, applicationId: string): Promise<ApplicationRecord> {
    const application = await this.applications.find(applicationId);
    if (!application || application.applicantSubject !== principal.subject || !isApplicant(principal, application)) throw new ApplicationNotFoundError(applicationId);
    return application;
  }

  /** The caller's valid licences that can fill a material of the application. */
  async offers(principal: Principal, applicationId: string, now: Date): Promise<LicenceOffer[]> {
    const application = await this.ownApplication(principal, applicationId);
    const item = await this.views.itemOf(application);
    const types = new Map((await this.repository.types()).map((t) => [t.code, t]));
    const licences = (await this.repository.ofHolders(this.holderIds(principal))).filter((l) => statusOf(l, now) === 'valid');
    return item.materials.flatMap((material) => licences.flatMap((licence) => {
      const type = types.get(licence.typeCode);
      return type && replaces(type, item, material) ? [{ materialId: material.id, licenceNo: licence.licenceNo, typeName: type.name }] : [];
    }));
  }

  /**
   * Fills a material with an e-licence from the caller's wallet (the click is the holder's consent): the
   * licence must be valid and its signature and PDF check out; the licence's PDF becomes the material's
   * file, marked as that licence, and the ledger records the use for the item's department.
   */
  async autofill(principal: Principal): Promise<AutofillConsent> {
    const grantedAt = await this.repository.autofillConsent(principal.subject);
    return { enabled: grantedAt !== null, grantedAt: grantedAt?.toISOString() ?? null };
  }

  async setAutofill(principal: Principal, enabled: boolean, now: Date): Promise<AutofillConsent> {
    await this.repository.setAutofillConsent(principal.subject, enabled ? now : null);
    return this.autofill(principal);
  }

  async useInApplication(principal: Principal, applicationId: string, materialId: string, licenceNo: string, now: Date, consent = `持证人在申请中选用（${principal.name}）`): Promise<ApplicationView> {
    const application = await this.ownApplication(principal, applicationId);
    const item = await this.views.itemOf(application);
    const material = item.materials.find((m) => m.id === materialId);
    if (!material) throw new ApplicationStateError(`${item.name} has no material "${materialId}".`, 'MATERIAL_NOT_FOUND');
    const record = await this.held(principal, licenceNo);
    const type = await this.typeOf(record.typeCode);
    if (!replaces(type, item, material)) throw new LicenceNotAcceptedError(type.name, material.name);
    const status = statusOf(record, now);
    if (status !== 'valid') throw new LicenceStateError(`The e-licence ${licenceNo} is ${status} and cannot be used.`, 'LICENCE_NOT_VALID');
    const pdf = await this.storage.get(record.pdfStorageKey);
    const signatureValid = await this.keys.verify(Buffer.from(record.payload, 'utf8'), record.signature);
    if (!signatureValid || sha256(pdf) !== record.pdfSha256) throw new LicenceStateError(`The e-licence ${licenceNo} failed verification; ask ${type.department.name} to re-issue it.`, 'LICENCE_NOT_VERIFIED');
    await this.applications.transaction(async (db) => {
      const locked = await this.applications.find(applicationId, db, { lock: true });
      if (!locked || locked.applicantSubject !== principal.subject) throw new ApplicationNotFoundError(applicationId);
      if (locked.status !== 'draft' && locked.status !== 'correction-requested') {
        throw new ApplicationStateError(`The application is ${locked.status}; only drafts and applications asked for correction can be changed.`, 'APPLICATION_NOT_EDITABLE');
      }
      const fileId = await this.repository.insertLicenceFile({
        ownerSubject: principal.subject, name: `${type.name}（电子证照 ${record.licenceNo}）.pdf`, size: pdf.length, sha256: record.pdfSha256,
        storageKey: record.pdfStorageKey, uploadedAt: now, licenceNo: record.licenceNo,
      }, db);
      await this.applications.update(applicationId, { materials: { ...locked.materials, [materialId]: [fileId] }, bumpVersion: true, now }, db);
      await this.repository.insertUse({
        at: now, holderId: record.holderId, licenceNo: record.licenceNo, department: locked.agencyName, caseNumber: locked.caseNumber, applicationId: locked.id,
        basis: 'consent', basisDetail: consent, purpose: `办理“${locked.itemName}”：${material.name}`, actor: principal.username,
      }, db);
    });
    return this.views.view(principal, await this.ownApplication(principal, applicationId), now);
  }

  /**
   * Fills every material the wallet can fill that has no file yet: one click (consent for this
   * application), or `automatic` on the holder's standing consent, which must be on record.
   */
  async fillFromWallet(principal: Principal, applicationId: string, automatic: boolean, now: Date): Promise<ApplicationView> {
    const application = await this.ownApplication(principal, applicationId);
    const standing = automatic ? await this.repository.autofillConsent(principal.subject) : null;
    if (automatic && !standing) throw new LicenceForbiddenError('Filling applications automatically needs your consent; turn it on in your e-licence wallet first.');
    const consent = standing ? `持证人已授权自动引用（${standing.toISOString().slice(0, 10)}）` : `持证人一键引用（${principal.name}）`;
    const offers = await this.offers(principal, applicationId, now);
    // A material counts as given unless all it holds are e-licences that no longer verify (e.g. one carried over from an earlier application and since replaced).
    const files = new Map((await this.applications.files(Object.values(application.materials).flat())).map((f) => [f.id, f]));
    const given = (ids: readonly string[]) => ids.some((id) => {
      const file = files.get(id);
      return file !== undefined && (file.eLicence === null || file.eLicence.verified);
    });
    const filled = new Set(Object.entries(application.materials).filter(([, ids]) => given(ids)).map(([id]) => id));
    for (const offer of offers) {
      if (filled.has(offer.materialId)) continue;
      await this.useInApplication(principal, applicationId, offer.materialId, offer.licenceNo, now, consent);
      filled.add(offer.materialId);
    }
    return this.views.view(principal, await this.ownApplication(principal, applicationId), now);
  }

  // ---- department query (service accounts)

  /**
   * A department system asks for a holder's licences instead of paper. Allowed only for a case of that
   * holder at that department, on the holder's consent (given by applying) or a named legal basis;
   * every answer is written to the holder's ledger.
   */
  async departmentQuery(principal: Principal, raw: DepartmentQuery, now: Date): Promise<{ licences: ELicence[]; verified: boolean }> {
    const query = departmentQuerySchema.parse(raw);
    // A service account acts only for the departments it belongs to (its Keycloak groups).
    if (!principal.departments.some((d) => d.path === query.department)) {
      throw new DepartmentNotBoundError(query.department);
    }
    const application = await this.applications.findByCaseNumber(query.caseNumber);
    if (!application || application.status === 'draft') throw new DepartmentQueryRefusedError(`There is no case ${query.caseNumber}; a query needs the case it serves.`);
    if (!application.departments.includes(query.department)) throw new DepartmentQueryRefusedError(`${query.department} does not handle case ${query.caseNumber}.`);
    const holderOnCase = application.applicantIdNumber === query.holderId || application.company?.creditCode === query.holderId;
    if (!holderOnCase) throw new DepartmentQueryRefusedError(`The holder is not the applicant of case ${query.caseNumber}; the case records no consent or legal basis for them.`);
    const licences = (await this.repository.ofHolders([query.holderId]))
      .filter((l) => (query.type === undefined || l.typeCode === query.type) && statusOf(l, now) === 'valid');
    const checked = await Promise.all(licences.map((l) => this.keys.verify(Buffer.from(l.payload, 'utf8'), l.signature)));
    const basisDetail = query.basis === 'consent' ? `申请人申报办件 ${query.caseNumber} 时授权` : query.legalBasis;
    const uses = licences.length > 0 ? licences.map((l) => l.licenceNo) : [null];
    await this.repository.transaction(async (db) => {
      for (const licenceNo of uses) {
        await this.repository.insertUse({
          at: now, holderId: query.holderId, licenceNo, department: query.department.split('/').filter(Boolean).at(-1) ?? query.department, caseNumber: query.caseNumber, applicationId: application.id,
          basis: query.basis, basisDetail, purpose: query.purpose, actor: principal.username,
        }, db);
      }
    });
    return { licences: licences.map((l) => this.view(l, now)), verified: checked.every(Boolean) };
  }
}
