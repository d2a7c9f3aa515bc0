// Process designer: drafts with revision history, lint on save and deploy, deployment to the engine
// linked to the catalogue item, versions with their running cases, sandboxed test runs.
import { Inject, Injectable } from '@nestjs/common';
import type {
  DesignerItemSummary, DraftRevision, DraftRevisionSummary, DraftSave, LintReport, ProcessDraftView, ProcessVersions, TestRunStart, TestRunView,
} from '@gov/contracts';
import { lintXml, sandboxModel } from '@gov/process-lint';
import type { FieldProblem } from '../../common/app-error.js';
import type { Principal } from '../../common/auth/principal.js';
import type { DepartmentScope } from '../catalogue/catalogue.repository.js';
import { type Actor, CatalogueService } from '../catalogue/catalogue.service.js';
import { ItemFiles } from '../catalogue/item-files.js';
import { DesignerEngine, EngineRejectedModelError } from './designer-engine.js';
import {
  DeployRefusedError, DraftChangedError, DraftRevisionNotFoundError, ItemWithoutProcessError, ModelInvalidError, NotDesignerError, TestRunNotFoundError,
} from './designer.errors.js';
import { DesignerRepository } from './designer.repository.js';

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

  private async item(actor: DesignerActor, code: string): Promise<{ name: string; bpmnProcessId: string }> {
    const managed = await this.catalogue.get(actor, code);
    const id = managed.item.process.bpmnProcessId;
    if (!id) throw new ItemWithoutProcessError(code);
    return { name: managed.item.name, bpmnProcessId: id };
  }

  /** The current draft; on first open it is the deployed model, else the processes/ file, else an empty process. */
  async draft(actor: DesignerActor, code: string, now: Date): Promise<ProcessDraftView> {
    const item = await this.item(actor, code);
    let latest = await this.repository.latestRevision(code);
    if (!latest) {
      latest = await this.repository.lockedDraft(code, async (db) => {
        const again = await this.repository.latestRevision(code, db);
        if (again) return again;
        const deployed = (await this.repository.deployments(code))[0];
        const file = deployed ? null : await this.files.model(code, `${item.bpmnProcessId}.bpmn`);
        const xml = deployed?.xml ?? file?.toString('utf8') ?? emptyModel(item.bpmnProcessId, item.name);
        const source = deployed ? `deployed version ${deployed.version}` : file ? `processes/${code}/${item.bpmnProcessId}.bpmn` : 'new';
        const row = { itemCode: code, revision: 1, xml, actorId: actor.id, actorName: actor.name, at: now, note: null, source };
        await this.repository.insertRevision(row, db);
        return row;
      });
    }
    return {
      code, name: item.name, bpmnProcessId: item.bpmnProcessId, revision: latest.revision, xml: latest.xml, updatedBy: latest.actorName,
      updatedAt: latest.at.toISOString(), source: latest.source, lint: await lintXml(latest.xml), mayDeploy: actor.mayDeploy,
    };
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
    await this.repository.lockedDraft(code, async (db) => {
      const current = await this.repository.latestRevision(code, db);
      const currentRevision = current?.revision ?? 0;
      if (currentRevision !== body.baseRevision) throw new DraftChangedError(code, body.baseRevision, currentRevision);
      await this.repository.insertRevision({
        itemCode: code, revision: currentRevision + 1, xml: body.xml, actorId: actor.id, actorName: actor.name, at: now, note: body.note ?? null, source: 'designer',
      }, db);
    });
    return this.draft(actor, code, now);
  }

  async revisions(actor: DesignerActor, code: string): Promise<DraftRevisionSummary[]> {
    await this.item(actor, code);
    return (await this.repository.revisions(code)).map((r) => ({ revision: r.revision, actorName: r.actorName, at: r.at.toISOString(), note: r.note }));
  }

  async revision(actor: DesignerActor, code: string, revision: number): Promise<DraftRevision> {
    await this.item(actor, code);
    const row = await this.repository.revision(code, revision);
    if (!row) throw new DraftRevisionNotFoundError(code, revision);
    return { revision: row.revision, actorName: row.actorName, at: row.at.toISOString(), note: row.note, xml: row.xml };
  }

  /** Lint errors and the engine's own check both refuse a deployment; the new version becomes the one new cases start. */
  async deploy(actor: DesignerActor, code: string, revision: number, now: Date): Promise<ProcessVersions> {
    if (!actor.mayDeploy) throw new NotDesignerError();
    const item = await this.item(actor, code);
    const row = await this.repository.revision(code, revision);
    if (!row) throw new DraftRevisionNotFoundError(code, revision);
    const lint = await lintXml(row.xml);
    if (lint.parseError || lint.errors > 0) {
      throw new DeployRefusedError(`Revision ${revision} of ${code} has ${lint.errors} lint error(s); fix them before deploying.`, problemsOf(lint));
    }
    let deployed;
    try {
      deployed = await this.engine.deploy(`${item.bpmnProcessId}.bpmn`, row.xml);
    } catch (error: unknown) {
      if (error instanceof EngineRejectedModelError) throw new DeployRefusedError(`The engine cannot run this model: ${error.message}`, [{ path: elementNamedIn(error.message) ?? 'model', message: error.message }]);
      throw error;
    }
    await this.repository.insertDeployment({
      itemCode: code, bpmnProcessId: item.bpmnProcessId, version: deployed.version, processDefinitionKey: deployed.processDefinitionKey,
      draftRevision: revision, xml: row.xml, actorId: actor.id, actorName: actor.name, at: now,
    });
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

  /** Deploys a sandboxed copy of the draft revision (own process id, prefixed job types and messages) and starts it. */
  async startTestRun(actor: DesignerActor, code: string, body: TestRunStart): Promise<TestRunView> {
    const item = await this.item(actor, code);
    const row = await this.repository.revision(code, body.revision);
    if (!row) throw new DraftRevisionNotFoundError(code, body.revision);
    const sandboxId = `${SANDBOX_PROCESS_PREFIX}${item.bpmnProcessId}`;
    let xml: string;
    try {
      xml = await sandboxModel(row.xml, { processId: sandboxId, prefix: SANDBOX_NAME_PREFIX });
    } catch (error: unknown) {
      throw new ModelInvalidError(`The model cannot be test-run: ${error instanceof Error ? error.message : String(error)}`, [{ path: 'model', message: 'cannot be read' }]);
    }
    try {
      await this.engine.deploy(`${sandboxId}.bpmn`, xml);
    } catch (error: unknown) {
      if (error instanceof EngineRejectedModelError) throw new ModelInvalidError(`The engine cannot run this model: ${error.message}`, [{ path: elementNamedIn(error.message) ?? 'model', message: error.message }], 'ENGINE_REJECTED_MODEL');
      throw error;
    }
    const key = await this.engine.start(sandboxId, { caseNumber: `SANDBOX-${Date.now()}`, ...body.variables });
    return this.testRun(actor, key);
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
