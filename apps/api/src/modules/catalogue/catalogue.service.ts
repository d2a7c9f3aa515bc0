// Catalogue logic: who may change which item, versioning with change history, publication.
// Controllers parse and delegate; the repository owns SQL.
import { Inject, Injectable } from '@nestjs/common';
import {
  type CatalogueExport, type CatalogueQuery, diffJson, type FieldChange, type ImportResult, type ItemHistory, type ItemPage,
  type ItemRevision, type ItemSummary, type ManagedItem, type PublicFacets, type PublicItem, type ServiceItem, serviceItemSchema,
} from '@gov/contracts';
import type { EntityManager } from 'typeorm';
import { ValidationError } from '../../common/app-error.js';
import type { Principal } from '../../common/auth/principal.js';
import { CatalogueEntry, type RevisionAction } from './catalogue-entry.js';
import { ItemFiles } from './item-files.js';
import { CatalogueRepository, type DepartmentScope } from './catalogue.repository.js';
import {
  ItemCodeMismatchError, ItemCodeTakenError, ItemModelMissingError, MaterialFileNotFoundError, ItemNameTakenError, ItemNotFoundError, ItemStatusError, NotYourDepartmentError, StaleRevisionError,
} from './catalogue.errors.js';

const CONTENT_TYPES: Record<string, string> = {
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
};

function contentType(file: string): string {
  const extension = /\.[a-z0-9]+$/i.exec(file)?.[0]?.toLowerCase() ?? '';
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}

export interface Actor {
  id: string | null;
  name: string;
  scope: DepartmentScope;
}

/** Platform admins manage every item; department admins the items of their own departments. */
export function actorOf(principal: Principal): Actor {
  const scope: DepartmentScope = principal.roles.includes('admin')
    ? { kind: 'all' }
    : { kind: 'departments', paths: principal.roles.includes('dept-admin') ? principal.departments.map((d) => d.path) : [] };
  return { id: principal.subject, name: principal.username, scope };
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system (processes/ seed)', scope: { kind: 'all' } };

function mayManage(actor: Actor, agencyPath: string): boolean {
  return actor.scope.kind === 'all' || actor.scope.paths.includes(agencyPath);
}

function assertMayManage(actor: Actor, agencyPath: string): void {
  if (!mayManage(actor, agencyPath)) throw new NotYourDepartmentError(agencyPath);
}

export function summaryOf(entry: CatalogueEntry, item: ServiceItem): ItemSummary {
  return {
    code: entry.code,
    name: item.name,
    type: item.type,
    levels: item.levels,
    agency: item.agency,
    audiences: item.audiences,
    themes: item.themes,
    online: item.online,
    promisedDays: item.promisedDays,
    statutoryDays: item.statutoryDays,
    status: entry.status,
    revision: entry.revision,
    unpublishedChanges: entry.publishedRevision !== entry.revision,
  };
}

function managed(entry: CatalogueEntry): ManagedItem {
  return {
    item: entry.content,
    status: entry.status,
    revision: entry.revision,
    publishedRevision: entry.publishedRevision,
    unpublishedChanges: entry.publishedRevision !== entry.revision,
    updatedAt: entry.updatedAt.toISOString(),
    updatedBy: entry.updatedBy,
  };
}

@Injectable()
export class CatalogueService {
  constructor(
    @Inject(CatalogueRepository) private readonly repository: CatalogueRepository,
    @Inject(ItemFiles) private readonly files: ItemFiles,
  ) {}

  // ---- public ----

  async searchPublished(query: CatalogueQuery): Promise<ItemPage> {
    const { entries, total } = await this.repository.searchPublished(query);
    return {
      items: entries.flatMap((e) => (e.publishedContent ? [summaryOf(e, e.publishedContent)] : [])),
      total, page: query.page, pageSize: query.pageSize,
    };
  }

  async published(code: string): Promise<PublicItem> {
    const entry = await this.repository.find(code);
    if (!entry || entry.status !== 'published' || !entry.publishedContent || entry.publishedRevision === null || !entry.publishedAt) {
      throw new ItemNotFoundError(code);
    }
    return { item: entry.publishedContent, revision: entry.publishedRevision, publishedAt: entry.publishedAt.toISOString() };
  }

  /** A file a published item's guide links to (template or example); nothing else is served. */
  async materialFile(code: string, file: string): Promise<{ content: Buffer; type: string }> {
    const { item } = await this.published(code);
    const link = `/api/public/catalogue/items/${code}/files/${file}`;
    if (!item.materials.some((m) => m.templateUrl === link || m.exampleUrl === link)) throw new MaterialFileNotFoundError(code, file);
    const content = await this.files.read(code, file);
    if (!content) throw new MaterialFileNotFoundError(code, file);
    return { content, type: contentType(file) };
  }

  /** An item's content at a revision (what an application was made against); the published content when that revision is gone. */
  async itemAt(code: string, revision: number): Promise<ServiceItem> {
    return (await this.repository.revisionContent(code, revision)) ?? (await this.published(code)).item;
  }

  /** The application form (form-js schema) of a published item. */
  async form(code: string): Promise<Record<string, unknown>> {
    const { item } = await this.published(code);
    const formId = item.process.formId;
    if (!formId) throw new ItemModelMissingError(code, 'application form');
    return this.formById(code, formId, 'application form');
  }

  /**
   * A form of the item by its id (the application form, or an approval form a user task links): the
   * one deployed from the designer wins over the processes/ file.
   */
  async formById(code: string, formId: string, what = `form ${formId}`): Promise<Record<string, unknown>> {
    const deployed = await this.repository.latestDeployedResource(code, `form:${formId}`);
    const content = deployed !== null ? Buffer.from(deployed, 'utf8') : await this.files.model(code, `${formId}.form`);
    if (!content) throw new ItemModelMissingError(code, what);
    const parsed: unknown = JSON.parse(content.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ItemModelMissingError(code, `valid ${what}`);
    return Object.fromEntries(Object.entries(parsed));
  }

  /** The BPMN model of an item (as deployed to the engine). */
  async processModel(code: string, item: ServiceItem): Promise<{ bpmnProcessId: string; name: string; xml: Buffer }> {
    const id = item.process.bpmnProcessId;
    // A model deployed from the designer wins over the processes/ file, so a new case starts the newest version
    // (re-sending the file would make it the latest engine version again).
    const deployed = id ? await this.repository.latestDeployedModel(code) : null;
    if (id && deployed?.bpmnProcessId === id) return { bpmnProcessId: id, name: `${id}.bpmn`, xml: Buffer.from(deployed.xml, 'utf8') };
    const xml = id ? await this.files.model(code, `${id}.bpmn`) : null;
    if (!id || !xml) throw new ItemModelMissingError(code, 'process model');
    return { bpmnProcessId: id, name: `${id}.bpmn`, xml };
  }

  /** The item's eligibility rules (DMN), or null when it has none. */
  async eligibilityModel(code: string, item: ServiceItem): Promise<{ decisionId: string; name: string; xml: Buffer } | null> {
    const id = item.process.eligibilityDecisionId;
    if (!id) return null;
    // Rules deployed from the designer win over the processes/ file (pre-review evaluates the deployed decision).
    const deployed = await this.repository.latestDeployedResource(code, `decision:${id}`);
    const xml = deployed !== null ? Buffer.from(deployed, 'utf8') : await this.files.model(code, `${id}.dmn`);
    if (!xml) throw new ItemModelMissingError(code, `eligibility rules (${id}.dmn)`);
    return { decisionId: id, name: `${id}.dmn`, xml };
  }

  async facets(): Promise<PublicFacets> {
    return { departments: await this.repository.publishedDepartments() };
  }

  // ---- management ----

  async search(actor: Actor, query: CatalogueQuery): Promise<ItemPage> {
    const { entries, total } = await this.repository.search(query, actor.scope);
    return { items: entries.map((e) => summaryOf(e, e.content)), total, page: query.page, pageSize: query.pageSize };
  }

  async get(actor: Actor, code: string): Promise<ManagedItem> {
    return managed(await this.visible(actor, code));
  }

  async history(actor: Actor, code: string): Promise<ItemHistory> {
    await this.visible(actor, code);
    const rows = await this.repository.history(code);
    return {
      code,
      versions: rows.map((r) => ({ revision: r.revision, action: r.action, actorName: r.actorName, at: r.at.toISOString(), changes: r.changes })),
    };
  }

  async revision(actor: Actor, code: string, revision: number): Promise<ItemRevision> {
    await this.visible(actor, code);
    const item = await this.repository.revisionContent(code, revision);
    if (!item) throw new ItemNotFoundError(`${code} (revision ${revision})`);
    return { revision, item };
  }

  async create(actor: Actor, item: ServiceItem, now: Date): Promise<ManagedItem> {
    assertMayManage(actor, item.agency.path);
    return managed(await this.repository.transaction(async (manager) => {
      if (await this.repository.find(item.code, manager)) throw new ItemCodeTakenError(item.code);
      return this.insert(manager, actor, item, 'create', now);
    }));
  }

  async update(actor: Actor, code: string, item: ServiceItem, baseRevision: number | undefined, now: Date): Promise<ManagedItem> {
    if (item.code !== code) throw new ItemCodeMismatchError(code, item.code);
    return managed(await this.repository.transaction(async (manager) => {
      const entry = await this.repository.find(code, manager);
      if (!entry || !mayManage(actor, entry.agencyPath)) {
        if (entry) throw new NotYourDepartmentError(entry.agencyPath);
        throw new ItemNotFoundError(code);
      }
      assertMayManage(actor, item.agency.path);
      if (baseRevision !== undefined && baseRevision !== entry.revision) throw new StaleRevisionError(code, baseRevision, entry.revision);
      return (await this.change(manager, actor, entry, item, 'edit', now)) ?? entry;
    }));
  }

  async publish(actor: Actor, code: string, now: Date): Promise<ManagedItem> {
    return managed(await this.repository.transaction(async (manager) => {
      const entry = await this.manageable(manager, actor, code);
      if (entry.status === 'published' && entry.publishedRevision === entry.revision) {
        throw new ItemStatusError(`Item ${code} revision ${entry.revision} is already published.`);
      }
      return this.publishEntry(manager, actor, entry, now);
    }));
  }

  async retire(actor: Actor, code: string, now: Date): Promise<ManagedItem> {
    return managed(await this.repository.transaction(async (manager) => {
      const entry = await this.manageable(manager, actor, code);
      if (entry.status !== 'published') throw new ItemStatusError(`Only a published item can be retired; ${code} is ${entry.status}.`);
      entry.status = 'retired';
      entry.updatedAt = now;
      entry.updatedBy = actor.name;
      await this.repository.save(manager, entry);
      await this.repository.appendRevision(manager, { code, revision: entry.revision, action: 'retire', actorId: actor.id, actorName: actor.name, at: now, content: null, changes: [{ path: 'status', before: 'published', after: 'retired' }] });
      return entry;
    }));
  }

  async export(actor: Actor, now: Date): Promise<CatalogueExport> {
    const entries = await this.repository.all(actor.scope);
    return { format: 'gov-catalogue/1', exportedAt: now.toISOString(), items: entries.map((e) => e.content) };
  }

  /**
   * Imports a catalogue: every item is validated first (a bad one is reported by its index and
   * field, and nothing is written); then, in one transaction, new codes become drafts and
   * known codes get a new revision when their content differs. Nothing is published or lost.
   */
  async import(actor: Actor, raw: readonly unknown[], now: Date): Promise<ImportResult> {
    const items = raw.map((value, index) => {
      const parsed = serviceItemSchema.safeParse(value);
      if (parsed.success) return parsed.data;
      const problems = parsed.error.issues.map((issue) => ({ path: ['items', index, ...issue.path].join('.'), message: issue.message }));
      throw new ValidationError(`Item ${index} of the import is invalid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
    });
    const codes = items.map((i) => i.code);
    const duplicate = codes.find((c, i) => codes.indexOf(c) !== i);
    if (duplicate) throw new ValidationError(`The import lists ${duplicate} more than once.`, [{ path: `items.${codes.lastIndexOf(duplicate)}.code`, message: 'duplicate in this import' }]);
    for (const item of items) assertMayManage(actor, item.agency.path);
    return this.repository.transaction(async (manager) => {
      const result: ImportResult = { created: [], updated: [], unchanged: [] };
      for (const item of items) {
        const entry = await this.repository.find(item.code, manager);
        if (!entry) {
          await this.insert(manager, actor, item, 'import', now);
          result.created.push(item.code);
          continue;
        }
        assertMayManage(actor, entry.agencyPath);
        const changed = await this.change(manager, actor, entry, item, 'import', now);
        (changed ? result.updated : result.unchanged).push(item.code);
      }
      return result;
    });
  }

  /**
   * Start-up import of processes/<code>/item.json. Rule: a file creates and publishes its item
   * when the code is new; it updates (and republishes) an item only while the item's last change
   * came from the files too. Once anyone has edited, published or retired the item in the
   * platform, the database wins and the file is ignored for that item.
   */
  async syncSeed(item: ServiceItem, now: Date): Promise<'created' | 'updated' | 'unchanged' | 'kept-admin-changes'> {
    return this.repository.transaction(async (manager) => {
      const entry = await this.repository.find(item.code, manager);
      if (!entry) {
        const created = await this.insert(manager, SYSTEM_ACTOR, item, 'seed', now);
        await this.publishEntry(manager, SYSTEM_ACTOR, created, now, 'seed');
        return 'created';
      }
      if ((await this.repository.lastAction(manager, item.code)) !== 'seed') return 'kept-admin-changes';
      const changed = await this.change(manager, SYSTEM_ACTOR, entry, item, 'seed', now);
      if (!changed) return 'unchanged';
      if (changed.status === 'published') await this.publishEntry(manager, SYSTEM_ACTOR, changed, now, 'seed');
      return 'updated';
    });
  }

  // ---- helpers ----

  private async visible(actor: Actor, code: string): Promise<CatalogueEntry> {
    const entry = await this.repository.find(code);
    if (!entry) throw new ItemNotFoundError(code);
    assertMayManage(actor, entry.agencyPath);
    return entry;
  }

  private async manageable(manager: EntityManager, actor: Actor, code: string): Promise<CatalogueEntry> {
    const entry = await this.repository.find(code, manager);
    if (!entry) throw new ItemNotFoundError(code);
    assertMayManage(actor, entry.agencyPath);
    return entry;
  }

  private async assertNameFree(manager: EntityManager, item: ServiceItem): Promise<void> {
    const other = await this.repository.nameClash(manager, item);
    if (other) throw new ItemNameTakenError(item.name, item.agency.name, other);
  }

  private async insert(manager: EntityManager, actor: Actor, item: ServiceItem, action: RevisionAction, now: Date): Promise<CatalogueEntry> {
    await this.assertNameFree(manager, item);
    const entry = Object.assign(new CatalogueEntry(), {
      code: item.code, name: item.name, agencyPath: item.agency.path, levels: item.levels, status: 'draft', content: item, revision: 1,
      publishedContent: null, publishedRevision: null, publishedAt: null, createdAt: now, updatedAt: now, updatedBy: actor.name,
    } satisfies Partial<CatalogueEntry>);
    await this.repository.save(manager, entry);
    await this.repository.appendRevision(manager, { code: item.code, revision: 1, action, actorId: actor.id, actorName: actor.name, at: now, content: item, changes: diffJson({}, item) });
    return entry;
  }

  /** A new revision when the content differs; null when nothing changed. */
  private async change(manager: EntityManager, actor: Actor, entry: CatalogueEntry, item: ServiceItem, action: RevisionAction, now: Date): Promise<CatalogueEntry | null> {
    const changes: FieldChange[] = diffJson(entry.content, item);
    if (changes.length === 0) return null;
    await this.assertNameFree(manager, item);
    entry.content = item;
    entry.name = item.name;
    entry.agencyPath = item.agency.path;
    entry.levels = item.levels;
    entry.revision += 1;
    entry.updatedAt = now;
    entry.updatedBy = actor.name;
    await this.repository.save(manager, entry);
    await this.repository.appendRevision(manager, { code: entry.code, revision: entry.revision, action, actorId: actor.id, actorName: actor.name, at: now, content: item, changes });
    return entry;
  }

  private async publishEntry(manager: EntityManager, actor: Actor, entry: CatalogueEntry, now: Date, action: RevisionAction = 'publish'): Promise<CatalogueEntry> {
    const changes = diffJson(entry.publishedContent ?? {}, entry.content);
    const before = entry.status;
    entry.status = 'published';
    entry.publishedContent = entry.content;
    entry.publishedRevision = entry.revision;
    entry.publishedAt = now;
    entry.updatedAt = now;
    entry.updatedBy = actor.name;
    await this.repository.save(manager, entry);
    await this.repository.appendRevision(manager, {
      code: entry.code, revision: entry.revision, action, actorId: actor.id, actorName: actor.name, at: now, content: null,
      changes: before === 'published' ? changes : [{ path: 'status', before, after: 'published' }, ...changes],
    });
    return entry;
  }
}
