// The applicant's material library: uploads checked by content and size, kept by SHA-256 behind the
// storage port, reused across applications, and served only to whoever may see them.
import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { LibraryFile, MaterialFile, MaterialMediaType } from '@gov/contracts';
import type { Principal } from '../../common/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { ApplicationViews, fileView, isApplicant, isCounterClerkOf, isStaffOf } from './application-views.js';
import { ApplicationNotFoundError, FileNotFoundError, FileRefusedError, FileTooLargeError, LibraryFullError, UnsupportedFileError } from './applications.errors.js';
import { ApplicationsRepository } from './applications.repository.js';
import { detectMediaType } from './file-type.js';
import { FILE_STORAGE, type FileStorage, MATERIAL_SCANNER, type MaterialScanner } from './storage.port.js';

/** Keeps what a person can read of a name; drops paths and control characters. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).at(-1) ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|*?]/g, '').trim().slice(0, 200);
  return cleaned === '' ? 'file' : cleaned;
}

@Injectable()
export class MaterialsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ApplicationsRepository) private readonly repository: ApplicationsRepository,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(MATERIAL_SCANNER) private readonly scanner: MaterialScanner,
    @Inject(ApplicationViews) private readonly views: ApplicationViews,
  ) {}

  /**
   * Whose library a file goes to: the caller's own, or — for a clerk scanning materials at the
   * counter — the citizen's of the counter application `forApplication`.
   */
  private async libraryOwner(principal: Principal, forApplication: string | undefined): Promise<string> {
    if (!forApplication) return principal.subject;
    const application = await this.repository.find(forApplication);
    if (!application || !(isCounterClerkOf(principal, application) || application.applicantSubject === principal.subject)) throw new ApplicationNotFoundError(forApplication);
    return application.applicantSubject;
  }

  async upload(principal: Principal, file: { name: string; content: Buffer }, now: Date, forApplication?: string): Promise<MaterialFile> {
    const owner = await this.libraryOwner(principal, forApplication);
    const name = cleanFileName(file.name);
    if (file.content.length > this.config.applications.maxUploadBytes) throw new FileTooLargeError(this.config.applications.maxUploadBytes);
    const mediaType = detectMediaType(file.content);
    if (!mediaType) throw new UnsupportedFileError(name);
    const scan = await this.scanner.scan(file.content, name);
    if (!scan.clean) throw new FileRefusedError(name, scan.reason);
    if ((await this.repository.countFiles(owner)) >= this.config.applications.maxFilesPerApplicant) throw new LibraryFullError(this.config.applications.maxFilesPerApplicant);
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    const storageKey = await this.storage.put(sha256, file.content);
    const stored = await this.repository.insertFile({ ownerSubject: owner, name, mediaType, size: file.content.length, sha256, storageKey, uploadedAt: now });
    return fileView(stored);
  }

  async library(principal: Principal, forApplication?: string): Promise<LibraryFile[]> {
    const owner = await this.libraryOwner(principal, forApplication);
    const [files, applications] = await Promise.all([this.repository.filesOf(owner), this.repository.applicationsOf(owner)]);
    // Material names as the item listed them when each application was made.
    const names = new Map<string, string>();
    await Promise.all(applications.map(async (a) => {
      const item = await this.views.itemOf(a).catch(() => null);
      for (const m of item?.materials ?? []) names.set(`${a.id}/${m.id}`, m.name);
    }));
    return files.map((file) => ({
      ...fileView(file),
      usedIn: applications.flatMap((a) => Object.entries(a.materials)
        .filter(([, ids]) => ids.includes(file.id))
        .map(([materialId]) => ({ applicationId: a.id, caseNumber: a.caseNumber, itemName: a.itemName, materialName: names.get(`${a.id}/${materialId}`) ?? materialId }))),
    }));
  }

  /** The owner, or staff who may see a case that uses the file. */
  async content(principal: Principal, fileId: string): Promise<{ content: Buffer; mediaType: MaterialMediaType; name: string }> {
    const [file] = await this.repository.files([fileId].filter((id) => /^[0-9a-f-]{36}$/i.test(id)));
    if (!file) throw new FileNotFoundError(fileId);
    if (file.ownerSubject !== principal.subject) {
      const cases = await this.repository.applicationsUsingFile(file.id);
      // A department's own system (service account bound to the department) fetches the materials of
      // the cases its department handles: that is what the references sent by dept.submit are for.
      const forSystem = principal.serviceAccount === true
        ? cases.find((c) => c.status !== 'draft' && principal.departments.some((d) => c.departments.includes(d.path)))
        : undefined;
      if (!forSystem && !cases.some((c) => isStaffOf(principal, c) || isApplicant(principal, c))) {
        // A file attached to an opinion: staff of the case, and the applicant when they see that opinion.
        const opinions = await this.repository.applicationsWithAttachment(file.id);
        if (!opinions.some((c) => isStaffOf(principal, c) || (c.visibleToApplicant && isApplicant(principal, c)))) throw new FileNotFoundError(fileId);
      }
      // A department reading the applicant's material is a use the applicant sees in their ledger (R23).
      const handled = forSystem ?? cases.find((c) => isStaffOf(principal, c) && !isApplicant(principal, c));
      if (handled) {
        await this.repository.recordMaterialUse({
          at: new Date(), holderId: handled.applicantIdNumber, licenceNo: file.eLicence?.licenceNo ?? null, material: file.name,
          department: principal.departments.find((d) => handled.departments.includes(d.path))?.name ?? principal.name, caseNumber: handled.caseNumber, applicationId: handled.id,
          actor: principal.username,
        });
      }
    }
    return { content: await this.storage.get(file.storageKey), mediaType: file.mediaType, name: file.name };
  }
}
