// Process designer: drafts with revision history, lint on save and deploy, deployment to the engine
// linked to the catalogue item, versions with their running cases, sandboxed test runs.
import { Inject, Injectable } from '@nestjs/common';
import type {
  BundleImport, BundleImportResult, DesignerItemSummary, DesignResourceDraft, DesignResourceKind, DesignResourceSummary, DraftRevision, DraftRevisionSummary, DraftSave, LintReport,
  ProcessBundle, ProcessDraftView, ProcessVersions, ResourceSave, TestRunStart, TestRunView,
} from '@gov/contracts';
import { PROCESS_BUNDLE_FORMAT } from '@gov/contracts';
import {
  decisionProblems, emptyDecision, emptyFormSchema, formSchemaProblems, linkProblems, lintXml, type ModelLinks, modelLinks, sandboxModel,
} from '@gov/process-lint';
import type { FieldProblem } from '../../common/app-error.js';
import type { Principal } from '../../common/auth/principal.js';
import type { DepartmentScope } from '../catalogue/catalogue.repository.js';
import { type Actor, CatalogueService } from '../catalogue/catalogue.service.js';
import { ItemFiles } from '../catalogue/item-files.js';
import { DesignerEngine, type EngineResource, EngineRejectedModelError } from './designer-engine.js';
import {
  BundleInvalidError, DecisionInvalidError, DeployRefusedError, DraftChangedError, DraftRevisionNotFoundError, FormInvalidError, ItemWithoutProcessError, ModelInvalidError,
  NotDesignerError, TestRunNotFoundError,
} from './designer.errors.js';
import { type DeployedResourceRow, DesignerRepository, type DraftResource, type DraftRevisionRow, PROCESS } from './designer.repository.js';

/** Sandboxed test runs: their process ids and job / message names start with these, so production never meets them. */
export const SANDBOX_PROCESS_PREFIX = 'sandbox-';
export const SANDBOX_NAME_PREFIX = 'sandbox.';

export interface DesignerActor extends Actor {
  mayDeploy: boolean;
}

/** Designers work on every item; department admins on their own departments' items (drafts only). */
export function designerActorOf(principal: Principal): DesignerActor {
  const designer = principal.roles.includes('designer');
  const scope: DepartmentScope = designer ? { kind: 'all' } : { kind: 'departments', paths: principal.departments.map((d) => d.path) };
  return { id: principal.subject, name: principal.username, scope, mayDeploy: designer };
}

const problemsOf = (lint: LintReport): FieldProblem[] => lint.parseError
  ? [{ path: 'model', message: lint.parseError }]
  : lint.problems.filter((p) => p.category === 'error').map((p) => ({ path: p.elementId ?? 'model', message: `${p.message} (${p.rule})` }));

/** The id of the model's (single) process, read without a full parse. */
function processIdIn(xml: string): string | null {
  return /<(?:\w+:)?process\b[^>]*\bid="([^"]+)"/.exec(xml)?.[1] ?? null;
}

interface DesignedItem {
  name: string;
  bpmnProcessId: string;
  /** The application form (catalogue process.formId) and eligibility rules (process.eligibilityDecisionId). */
  formId: string | null;
  eligibilityDecisionId: string | null;
}

const resourceKey = (kind: DesignResourceKind, id: string): DraftResource => (kind === 'form' ? `form:${id}` : `decision:${id}`);
const fileName = (kind: DesignResourceKind, id: string) => (kind === 'form' ? `${id}.form` : `${id}.dmn`);
const kindOf = (resource: DraftResource): { kind: DesignResourceKind; id: string } | null => {
  if (resource.startsWith('form:')) return { kind: 'form', id: resource.slice(5) };
  if (resource.startsWith('decision:')) return { kind: 'decision', id: resource.slice(9) };
  return null;
};

@Injectable()
export class DesignerService {
  constructor(
    @Inject(DesignerRepository) private readonly repository: DesignerRepository,
    @Inject(CatalogueService) private readonly catalogue: CatalogueService,
    @Inject(ItemFiles) private readonly files: ItemFiles,
    @Inject(DesignerEngine) private readonly engine: DesignerEngine,
  ) {}

  async items(actor: DesignerActor): Promise<DesignerItemSummary[]> {
    const drafts = await this.repository.draftRevisions();
    const deployed = await this.repository.deployedVersions();
    const result: DesignerItemSummary[] = [];
    for (let page = 1; ; page += 1) {
      const found = await this.catalogue.search(actor, { page, pageSize: 100 });
      for (const summary of found.items) {
        const managed = await this.catalogue.get(actor, summary.code);
        result.push({
          code: summary.code, name: managed.item.name, agencyName: managed.item.agency.name, bpmnProcessId: managed.item.process.bpmnProcessId,
          draftRevision: drafts.get(summary.code) ?? null, deployedVersion: deployed.get(summary.code) ?? null,
        });
      }
      if (page * 100 >= found.total) break;
    }
    return result;
  }

  private async item(actor: DesignerActor, code: string): Promise<DesignedItem> {
    const managed = await this.catalogue.get(actor, code);
    const id = managed.item.process.bpmnProcessId;
    if (!id) throw new ItemWithoutProcessError(code);
    return { name: managed.item.name, bpmnProcessId: id, formId: managed.item.process.formId, eligibilityDecisionId: managed.item.process.eligibilityDecisionId ?? null };
  }

  /** The current draft; on first open it is the deployed model, else the processes/ file, else an empty process. */
  async draft(actor: DesignerActor, code: string, now: Date): Promise<ProcessDraftView> {
    const item = await this.item(actor, code);
    let latest = await this.repository.latestRevision(code, PROCESS);
    if (!latest) {
      // Read before the lock's transaction: inside it every query must use its own connection.
      const deployed = (await this.repository.deployments(code))[0];
      latest = await this.repository.lockedDraft(code, PROCESS, async (db) => {
        const again = await this.repository.latestRevision(code, PROCESS, db);
        if (again) return again;
        const file = deployed ? null : await this.files.model(code, `${item.bpmnProcessId}.bpmn`);
        const xml = deployed?.xml ?? file?.toString('utf8') ?? emptyModel(item.bpmnProcessId, item.name);
        const source = deployed ? `deployed version ${deployed.version}` : file ? `processes/${code}/${item.bpmnProcessId}.bpmn` : 'new';
        const row: DraftRevisionRow = { itemCode: code, resource: PROCESS, revision: 1, content: xml, actorId: actor.id, actorName: actor.name, at: now, note: null, source };
        await this.repository.insertRevision(row, db);
        return row;
      });
    }
    return {
      code, name: item.name, bpmnProcessId: item.bpmnProcessId, revision: latest.revision, xml: latest.content, updatedBy: latest.actorName,
      updatedAt: latest.at.toISOString(), source: latest.source, lint: await this.lint(code, item, latest.content), mayDeploy: actor.mayDeploy,
    };
  }

  /** The shared lint set plus the platform's own link check: every linked form and decision exists. */
  private async lint(code: string, item: DesignedItem, xml: string): Promise<LintReport> {
    const report = await lintXml(xml);
    if (report.parseError) return report;
    const links = await modelLinks(xml);
    const resources = await this.resourceSummaries(code, item, links);
    const exists = (kind: DesignResourceKind) => new Set(resources.filter((r) => r.kind === kind && r.available !== 'missing').map((r) => r.id));
    const missing = linkProblems(links, { forms: exists('form'), decisions: exists('decision') });
    if (item.formId && !exists('form').has(item.formId)) {
      missing.push({ elementId: null, rule: 'gov/linked-form-exists', category: 'error', message: `The application form "${item.formId}" (catalogue process.formId) does not exist: create it in the form editor` });
    }
    return { ...report, problems: [...report.problems, ...missing], errors: report.errors + missing.length };
  }

  /**
   * Saves a new revision. A model that is not BPMN at all, or whose process id is not the item's, is
   * refused (nothing saved, the editor keeps it); lint errors are reported but do not stop a save.
   */
  async save(actor: DesignerActor, code: string, body: DraftSave, now: Date): Promise<ProcessDraftView> {
    const item = await this.item(actor, code);
    const lint = await lintXml(body.xml);
    const processId = processIdIn(body.xml);
    if (lint.parseError && (processId === null || processId === item.bpmnProcessId)) throw new ModelInvalidError(`The model is not valid BPMN XML: ${lint.parseError}. Nothing was saved.`, problemsOf(lint));
    if (processId !== item.bpmnProcessId) {
      throw new ModelInvalidError(`The process id must stay ${item.bpmnProcessId} (the catalogue item's process); the model has ${processId ?? 'none'}. Nothing was saved.`, [{ path: processId ?? 'model', message: `process id must be ${item.bpmnProcessId}` }]);
    }
    await this.insertRevision(actor, code, PROCESS, body.xml, body.baseRevision, body.note ?? null, now);
    return this.draft(actor, code, now);
  }

  private async insertRevision(actor: DesignerActor, code: string, resource: DraftResource, content: string, baseRevision: number, note: string | null, now: Date): Promise<void> {
    await this.repository.lockedDraft(code, resource, async (db) => {
      const current = await this.repository.latestRevision(code, resource, db);
      const currentRevision = current?.revision ?? 0;
      if (currentRevision !== baseRevision) throw new DraftChangedError(code, baseRevision, currentRevision);
      await this.repository.insertRevision({
        itemCode: code, resource, revision: currentRevision + 1, content, actorId: actor.id, actorName: actor.name, at: now, note, source: 'designer',
      }, db);
    });
  }

  async revisions(actor: DesignerActor, code: string, resource: DraftResource = PROCESS): Promise<DraftRevisionSummary[]> {
    await this.item(actor, code);
    return (await this.repository.revisions(code, resource)).map((r) => ({ revision: r.revision, actorName: r.actorName, at: r.at.toISOString(), note: r.note }));
  }

  async revision(actor: DesignerActor, code: string, revision: number): Promise<DraftRevision> {
    await this.item(actor, code);
    const row = await this.repository.revision(code, PROCESS, revision);
    if (!row) throw new DraftRevisionNotFoundError(code, revision);
    return { revision: row.revision, actorName: row.actorName, at: row.at.toISOString(), note: row.note, xml: row.content };
  }

  // ---- forms and decisions ----

  /** The item's forms and decisions: the application form, those the process draft links to, and any drafted. */
  async resources(actor: DesignerActor, code: string): Promise<DesignResourceSummary[]> {
    const item = await this.item(actor, code);
    const process = await this.repository.latestRevision(code, PROCESS);
    const links = process ? await modelLinks(process.content).catch(() => null) : null;
    return this.resourceSummaries(code, item, links);
  }

  private async resourceSummaries(code: string, item: DesignedItem, links: ModelLinks | null): Promise<DesignResourceSummary[]> {
    const drafts = new Map((await this.repository.latestResourceRevisions(code)).map((r) => [r.resource, r]));
    const deployed = new Set((await this.repository.deployedResources(code)).map((r) => r.resource));
    const found = new Map<DraftResource, DesignResourceSummary>();
    const add = (kind: DesignResourceKind, id: string, role: DesignResourceSummary['roles'][number], elementId: string | null) => {
      const key = resourceKey(kind, id);
      const entry = found.get(key) ?? { kind, id, roles: [], linkedFrom: [], draftRevision: null, available: 'missing' };
      if (!entry.roles.includes(role)) entry.roles.push(role);
      if (elementId && !entry.linkedFrom.includes(elementId)) entry.linkedFrom.push(elementId);
      found.set(key, entry);
    };
    if (item.formId) add('form', item.formId, 'application', null);
    if (item.eligibilityDecisionId) add('decision', item.eligibilityDecisionId, 'eligibility', null);
    for (const link of links?.forms ?? []) add('form', link.formId, 'approval', link.elementId);
    for (const link of links?.decisions ?? []) add('decision', link.decisionId, 'decision', link.elementId);
    for (const resource of drafts.keys()) {
      const parsed = kindOf(resource);
      if (parsed && !found.has(resource)) found.set(resource, { ...parsed, roles: [], linkedFrom: [], draftRevision: null, available: 'missing' });
    }
    const result: DesignResourceSummary[] = [];
    for (const [key, entry] of found) {
      const draft = drafts.get(key);
      const file = deployed.has(key) ? null : await this.files.model(code, fileName(entry.kind, entry.id));
      result.push({ ...entry, draftRevision: draft?.revision ?? null, available: deployed.has(key) ? 'deployed' : file ? 'file' : draft ? 'draft-only' : 'missing' });
    }
    return result.sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
  }

  /** A form's or decision's current draft; on first open the deployed version, else the processes/ file, else an empty one. */
  async resourceDraft(actor: DesignerActor, code: string, kind: DesignResourceKind, id: string, now: Date): Promise<DesignResourceDraft> {
    await this.item(actor, code);
    const resource = resourceKey(kind, id);
    let latest = await this.repository.latestRevision(code, resource);
    if (!latest) {
      // Read before the lock's transaction: inside it every query must use its own connection.
      const deployed = (await this.repository.deployedResources(code)).find((r) => r.resource === resource);
      latest = await this.repository.lockedDraft(code, resource, async (db) => {
        const again = await this.repository.latestRevision(code, resource, db);
        if (again) return again;
        const file = deployed ? null : await this.files.model(code, fileName(kind, id));
        const content = deployed?.content ?? file?.toString('utf8') ?? (kind === 'form' ? emptyFormSchema(id) : emptyDecision(id, id));
        const source = deployed ? `deployed (draft revision ${deployed.draftRevision})` : file ? `processes/${code}/${fileName(kind, id)}` : 'new';
        const row: DraftRevisionRow = { itemCode: code, resource, revision: 1, content, actorId: actor.id, actorName: actor.name, at: now, note: null, source };
        await this.repository.insertRevision(row, db);
        return row;
      });
    }
    return { kind, id, revision: latest.revision, content: latest.content, updatedBy: latest.actorName, updatedAt: latest.at.toISOString(), source: latest.source };
  }

  /** Saves a form (form-js schema JSON) or decision (DMN XML) revision; content that is neither is refused and nothing is saved. */
  async saveResource(actor: DesignerActor, code: string, kind: DesignResourceKind, id: string, body: ResourceSave, now: Date): Promise<DesignResourceDraft> {
    await this.item(actor, code);
    if (kind === 'form') {
      const { problems } = formSchemaProblems(body.content, id);
      if (problems.length > 0) throw new FormInvalidError(`The form ${id} is not a valid form-js schema: ${problems.join('; ')}. Nothing was saved.`, problems.map((message) => ({ path: id, message })));
    } else {
      const problems = await decisionProblems(body.content, id);
      if (problems.length > 0) throw new DecisionInvalidError(`The decision ${id} is not valid DMN: ${problems.join('; ')}. Nothing was saved.`, problems.map((message) => ({ path: id, message })));
    }
    await this.insertRevision(actor, code, resourceKey(kind, id), body.content, body.baseRevision, body.note ?? null, now);
    return this.resourceDraft(actor, code, kind, id, now);
  }

  // ---- export / import: the files of processes/<code>/ ----

  /**
   * The item's files as they are in processes/<code>/: the process model with the forms and decisions in
   * use (and, from drafts, every other drafted one). `draft`: the current drafts; `deployed`: what new
   * cases get (the deployed versions, the processes/ file where nothing was deployed).
   */
  async exportBundle(actor: DesignerActor, code: string, from: 'draft' | 'deployed', now: Date): Promise<ProcessBundle> {
    const item = await this.item(actor, code);
    const deployment = (await this.repository.deployments(code))[0];
    const processXml = from === 'draft'
      ? (await this.draft(actor, code, now)).xml
      : deployment?.xml ?? (await this.files.model(code, `${item.bpmnProcessId}.bpmn`))?.toString('utf8') ?? null;
    const files: Record<string, string> = {};
    if (processXml !== null) files[`${item.bpmnProcessId}.bpmn`] = processXml;
    const links = processXml !== null ? await modelLinks(processXml).catch(() => null) : null;
    const drafts = new Map((await this.repository.latestResourceRevisions(code)).map((r) => [r.resource, r]));
    const deployed = new Map((await this.repository.deployedResources(code)).map((r) => [r.resource, r]));
    for (const { kind, id, roles } of await this.resourceSummaries(code, item, links)) {
      const key = resourceKey(kind, id);
      if (from === 'deployed' && roles.length === 0) continue;
      const content = (from === 'draft' ? drafts.get(key)?.content : undefined) ?? deployed.get(key)?.content ?? (await this.files.model(code, fileName(kind, id)))?.toString('utf8');
      if (content !== undefined) files[fileName(kind, id)] = content;
    }
    return { format: PROCESS_BUNDLE_FORMAT, code, from, exportedAt: now.toISOString(), files };
  }

  /**
   * Imports files of processes/<code>/ as new draft revisions (the process model, forms, decisions). Every
   * file is checked first; if one is wrong nothing is imported. Deploying stays a separate step.
   */
  async importBundle(actor: DesignerActor, code: string, body: BundleImport, now: Date): Promise<BundleImportResult> {
    const item = await this.item(actor, code);
    const problems: FieldProblem[] = [];
    const rows: Omit<DraftRevisionRow, 'revision'>[] = [];
    for (const [file, content] of Object.entries(body.files)) {
      const dot = file.lastIndexOf('.');
      const id = file.slice(0, dot);
      const extension = file.slice(dot + 1);
      let resource: DraftResource;
      if (extension === 'bpmn') {
        resource = PROCESS;
        const lint = await lintXml(content);
        if (id !== item.bpmnProcessId || processIdIn(content) !== item.bpmnProcessId) problems.push({ path: file, message: `the process model must be ${item.bpmnProcessId}.bpmn with process id ${item.bpmnProcessId}` });
        else if (lint.parseError) problems.push({ path: file, message: `not valid BPMN XML: ${lint.parseError}` });
      } else if (extension === 'form') {
        resource = resourceKey('form', id);
        problems.push(...formSchemaProblems(content, id).problems.map((message) => ({ path: file, message })));
      } else {
        resource = resourceKey('decision', id);
        problems.push(...(await decisionProblems(content, id)).map((message) => ({ path: file, message })));
      }
      rows.push({ itemCode: code, resource, content, actorId: actor.id, actorName: actor.name, at: now, note: body.note ?? `imported ${file}`, source: `import of ${file}` });
    }
    if (problems.length > 0) {
      throw new BundleInvalidError(`Nothing was imported: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
    }
    const saved = await this.repository.appendRevisions(rows);
    return {
      code,
      revisions: saved.map((r) => {
        const parsed = kindOf(r.resource);
        return parsed
          ? { file: fileName(parsed.kind, parsed.id), kind: parsed.kind, id: parsed.id, revision: r.revision }
          : { file: `${item.bpmnProcessId}.bpmn`, kind: 'process' as const, id: item.bpmnProcessId, revision: r.revision };
      }),
    };
  }

  // ---- deployment ----

  /**
   * Lint errors (including links to forms or decisions that do not exist) and the engine's own check both
   * refuse a deployment. The process revision is deployed with the item's forms and decisions in use; new
   * cases start the new version and the catalogue serves the deployed forms and eligibility rules.
   */
  async deploy(actor: DesignerActor, code: string, revision: number, now: Date): Promise<ProcessVersions> {
    if (!actor.mayDeploy) throw new NotDesignerError();
    const item = await this.item(actor, code);
    const row = await this.repository.revision(code, PROCESS, revision);
    if (!row) throw new DraftRevisionNotFoundError(code, revision);
    const lint = await this.lint(code, item, row.content);
    if (lint.parseError || lint.errors > 0) {
      throw new DeployRefusedError(`Revision ${revision} of ${code} has ${lint.errors} lint error(s); fix them before deploying.`, problemsOf(lint));
    }
    // The forms and decisions in use (application form, eligibility rules, those the model links to) go with
    // it: the saved draft where there is one, else the version deployed before, else the processes/ file.
    // Drafts of unlinked ones stay drafts.
    const inUse = (await this.resourceSummaries(code, item, await modelLinks(row.content))).filter((r) => r.roles.length > 0);
    const drafts = new Map((await this.repository.latestResourceRevisions(code)).map((r) => [r.resource, r]));
    const deployedBefore = new Map((await this.repository.deployedResources(code)).map((r) => [r.resource, r]));
    const drafted: DeployedResourceRow[] = [];
    const resources: EngineResource[] = [{ name: `${item.bpmnProcessId}.bpmn`, kind: 'process', content: row.content }];
    for (const { kind, id } of inUse) {
      const key = resourceKey(kind, id);
      const draft = drafts.get(key);
      if (draft) drafted.push({ resource: key, draftRevision: draft.revision, content: draft.content });
      const content = draft?.content ?? deployedBefore.get(key)?.content ?? (await this.files.model(code, fileName(kind, id)))?.toString('utf8');
      if (content) resources.push({ name: fileName(kind, id), kind, content });
    }
    let deployed;
    try {
      deployed = await this.engine.deploy(resources);
    } catch (error: unknown) {
      if (error instanceof EngineRejectedModelError) throw new DeployRefusedError(`The engine cannot run this model: ${error.message}`, [{ path: elementNamedIn(error.message) ?? 'model', message: error.message }]);
      throw error;
    }
    await this.repository.insertDeployment({
      itemCode: code, bpmnProcessId: item.bpmnProcessId, version: deployed.version, processDefinitionKey: deployed.processDefinitionKey,
      draftRevision: revision, xml: row.content, actorId: actor.id, actorName: actor.name, at: now,
    }, drafted);
    return this.versions(actor, code);
  }

  async versions(actor: DesignerActor, code: string): Promise<ProcessVersions> {
    const item = await this.item(actor, code);
    const byKey = new Map((await this.repository.deployments(code)).map((d) => [d.processDefinitionKey, d]));
    const versions = (await this.engine.versions(item.bpmnProcessId)).map((v) => {
      const deployment = byKey.get(v.processDefinitionKey);
      return {
        version: v.version, processDefinitionKey: v.processDefinitionKey, runningCases: v.running, latest: v.latest,
        deployedBy: deployment?.actorName ?? null, deployedAt: deployment?.at.toISOString() ?? null, draftRevision: deployment?.draftRevision ?? null,
      };
    });
    return { code, bpmnProcessId: item.bpmnProcessId, versions };
  }

  /**
   * Deploys a sandboxed copy of the draft revision (own process id, prefixed job types and messages) with
   * sandboxed copies of the decisions it calls and of the processes its call activities start (each under
   * `sandbox-<id>`, so production's versions stay the latest and no production process is started), then
   * starts it.
   */
  async startTestRun(actor: DesignerActor, code: string, body: TestRunStart): Promise<TestRunView> {
    const item = await this.item(actor, code);
    const row = await this.repository.revision(code, PROCESS, body.revision);
    if (!row) throw new DraftRevisionNotFoundError(code, body.revision);
    const sandboxId = `${SANDBOX_PROCESS_PREFIX}${item.bpmnProcessId}`;
    const resources = await this.sandboxResources(code, item.bpmnProcessId, row.content);
    try {
      await this.engine.deploy(resources);
    } catch (error: unknown) {
      if (error instanceof EngineRejectedModelError) throw new ModelInvalidError(`The engine cannot run this model: ${error.message}`, [{ path: elementNamedIn(error.message) ?? 'model', message: error.message }], 'ENGINE_REJECTED_MODEL');
      throw error;
    }
    const key = await this.engine.start(sandboxId, { caseNumber: `SANDBOX-${Date.now()}`, ...body.variables });
    return this.testRun(actor, key);
  }

  /**
   * The sandboxed resources of a test run: the model, the decisions it calls and, for every call activity,
   * the called item's process (its current draft, else deployed, else processes/ file), recursively. A call
   * whose process is a FEEL expression or no item's process cannot be sandboxed and is refused.
   */
  private async sandboxResources(code: string, processId: string, xml: string): Promise<EngineResource[]> {
    const resources: EngineResource[] = [];
    const done = new Set<string>();
    let itemsByProcess: Map<string, string> | null = null;
    const visit = async (itemCode: string, id: string, content: string): Promise<void> => {
      done.add(id);
      let links: ModelLinks;
      let sandboxed: string;
      try {
        links = await modelLinks(content);
        sandboxed = await sandboxModel(content, { processId: `${SANDBOX_PROCESS_PREFIX}${id}`, prefix: SANDBOX_NAME_PREFIX, decisionPrefix: SANDBOX_PROCESS_PREFIX, calledProcessPrefix: SANDBOX_PROCESS_PREFIX });
      } catch (error: unknown) {
        throw new ModelInvalidError(`The model ${id} cannot be test-run: ${error instanceof Error ? error.message : String(error)}`, [{ path: 'model', message: 'cannot be read' }]);
      }
      if (links.dynamicCalls.length > 0) {
        throw new ModelInvalidError(
          `A test run cannot sandbox a call activity whose called process is an expression (${links.dynamicCalls.join(', ')} in ${id}): it could start a production process. Use a fixed process id to test-run it.`,
          links.dynamicCalls.map((elementId) => ({ path: elementId, message: 'called process is an expression: cannot be sandboxed' })), 'SANDBOX_CALL_REFUSED',
        );
      }
      resources.push({ name: `${SANDBOX_PROCESS_PREFIX}${id}.bpmn`, kind: 'process', content: sandboxed });
      for (const decisionId of new Set(links.decisions.map((l) => l.decisionId))) {
        const key = resourceKey('decision', decisionId);
        const dmn = (await this.repository.latestRevision(itemCode, key))?.content
          ?? (await this.repository.deployedResources(itemCode)).find((r) => r.resource === key)?.content
          ?? (await this.files.model(itemCode, fileName('decision', decisionId)))?.toString('utf8');
        const name = `${SANDBOX_PROCESS_PREFIX}${decisionId}.dmn`;
        if (dmn && !resources.some((r) => r.name === name)) resources.push({ name, kind: 'decision', content: sandboxDecision(dmn, SANDBOX_PROCESS_PREFIX) });
      }
      for (const call of links.calledProcesses) {
        if (done.has(call.processId)) continue;
        itemsByProcess ??= await this.processItems();
        const calledCode = itemsByProcess.get(call.processId);
        const calledXml = calledCode ? await this.currentModel(calledCode, call.processId) : null;
        if (!calledCode || calledXml === null) {
          throw new ModelInvalidError(
            `Call activity ${call.elementId} calls process ${call.processId}, which is no catalogue item's process: a test run cannot run a sandboxed copy of it.`,
            [{ path: call.elementId, message: `called process ${call.processId} is unknown to the designer` }], 'SANDBOX_CALL_REFUSED',
          );
        }
        await visit(calledCode, call.processId, calledXml);
      }
    };
    await visit(code, processId, xml);
    return resources;
  }

  /** Every catalogue item's process id → item code (all items: a called process may belong to another department). */
  private async processItems(): Promise<Map<string, string>> {
    const everyone: DesignerActor = { id: 'designer-sandbox', name: 'designer-sandbox', scope: { kind: 'all' }, mayDeploy: false };
    return new Map((await this.items(everyone)).flatMap((i) => (i.bpmnProcessId ? [[i.bpmnProcessId, i.code] as const] : [])));
  }

  /** An item's process model as designed now: the latest draft, else the deployed model, else the processes/ file. */
  private async currentModel(code: string, processId: string): Promise<string | null> {
    return (await this.repository.latestRevision(code, PROCESS))?.content
      ?? (await this.repository.deployments(code))[0]?.xml
      ?? (await this.files.model(code, `${processId}.bpmn`))?.toString('utf8') ?? null;
  }

  /** A sandboxed run of one of the caller's items (department admins see their departments' runs only). */
  private async sandboxRun(actor: DesignerActor, key: string): Promise<{ bpmnProcessId: string; state: string }> {
    const found = await this.engine.processIdOf(key);
    if (!found?.bpmnProcessId.startsWith(SANDBOX_PROCESS_PREFIX)) throw new TestRunNotFoundError(key);
    const processId = found.bpmnProcessId.slice(SANDBOX_PROCESS_PREFIX.length);
    if (!(await this.items(actor)).some((item) => item.bpmnProcessId === processId)) throw new TestRunNotFoundError(key);
    return found;
  }

  async testRun(actor: DesignerActor, key: string): Promise<TestRunView> {
    const run = await this.sandboxRun(actor, key);
    return this.engine.run(key, run.bpmnProcessId, run.state);
  }

  async completeUserTask(actor: DesignerActor, key: string, userTaskKey: string, variables: Record<string, unknown>): Promise<TestRunView> {
    const view = await this.testRun(actor, key);
    if (!view.userTasks.some((t) => t.userTaskKey === userTaskKey)) throw new TestRunNotFoundError(`${key} (user task ${userTaskKey})`);
    await this.engine.completeUserTask(userTaskKey, variables);
    return this.testRun(actor, key);
  }

  async completeJob(actor: DesignerActor, key: string, jobKey: string, variables: Record<string, unknown>): Promise<TestRunView> {
    const view = await this.testRun(actor, key);
    if (!view.jobs.some((j) => j.jobKey === jobKey)) throw new TestRunNotFoundError(`${key} (job ${jobKey})`);
    await this.engine.completeJob(jobKey, variables);
    return this.testRun(actor, key);
  }
}

/** The DMN with every decision id (and the references to it) prefixed, for a sandboxed test run. */
function sandboxDecision(xml: string, prefix: string): string {
  const ids = [...xml.matchAll(/<(?:\w+:)?decision\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1] ?? '').filter((id) => id !== '');
  let result = xml;
  for (const id of ids) {
    const quoted = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    result = result.replace(new RegExp(`(\\b(?:id|dmnElementRef)=")${quoted}"`, 'g'), `$1${prefix}${id}"`).replace(new RegExp(`href="#${quoted}"`, 'g'), `href="#${prefix}${id}"`);
  }
  return result;
}

/** The element id in an engine rejection ("… element 'x' of type …"), if named. */
function elementNamedIn(text: string): string | null {
  return /element '([^']+)'/i.exec(text)?.[1] ?? /'([^']+)'/.exec(text)?.[1] ?? null;
}

function emptyModel(processId: string, name: string): string {
  const escaped = name.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_${processId}" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
  <bpmn:process id="${processId}" name="${escaped}" isExecutable="true">
    <bpmn:startEvent id="start" name="提交申请" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${processId}">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="162" y="182" width="36" height="36" /></bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}
