// SQL for drafts (every saved revision kept, per resource of an item: its process model, forms and
// decisions) and deployments (the process model plus the form / decision versions published with it).
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** What a draft holds: the item's process model, or one of its forms or decisions. */
export type DraftResource = 'process' | `form:${string}` | `decision:${string}`;
export const PROCESS: DraftResource = 'process';

export interface DraftRevisionRow {
  itemCode: string;
  resource: DraftResource;
  revision: number;
  /** BPMN or DMN XML, or form-js schema JSON. */
  content: string;
  actorId: string | null;
  actorName: string;
  at: Date;
  note: string | null;
  source: string;
}

export interface DeploymentRow {
  itemCode: string;
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: string;
  draftRevision: number;
  xml: string;
  actorId: string | null;
  actorName: string;
  at: Date;
}

/** A form or decision published with a deployment. */
export interface DeployedResourceRow {
  resource: DraftResource;
  draftRevision: number;
  content: string;
}

interface RawRevision { item_code: string; resource: DraftResource; revision: number; content: string; actor_id: string | null; actor_name: string; at: Date; note: string | null; source: string }
interface RawDeployment { item_code: string; bpmn_process_id: string; version: number; process_definition_key: string; draft_revision: number; xml: string; actor_id: string | null; actor_name: string; at: Date }

const revisionOf = (r: RawRevision): DraftRevisionRow => ({
  itemCode: r.item_code, resource: r.resource, revision: r.revision, content: r.content, actorId: r.actor_id, actorName: r.actor_name, at: r.at, note: r.note, source: r.source,
});
const deploymentOf = (r: RawDeployment): DeploymentRow => ({
  itemCode: r.item_code, bpmnProcessId: r.bpmn_process_id, version: r.version, processDefinitionKey: r.process_definition_key,
  draftRevision: r.draft_revision, xml: r.xml, actorId: r.actor_id, actorName: r.actor_name, at: r.at,
});

const LOCK_DRAFTS = 7_340_109; // advisory lock namespace: one draft save per item resource at a time

@Injectable()
export class DesignerRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Runs the work with the item resource's draft locked (saves of one draft are serialised). */
  lockedDraft<T>(code: string, resource: DraftResource, work: (db: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (db) => {
      await db.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_DRAFTS, `${code}/${resource}`]);
      return work(db);
    });
  }

  async latestRevision(code: string, resource: DraftResource, db: EntityManager = this.dataSource.manager): Promise<DraftRevisionRow | null> {
    const rows: RawRevision[] = await db.query('SELECT * FROM process_draft_revision WHERE item_code = $1 AND resource = $2 ORDER BY revision DESC LIMIT 1', [code, resource]);
    return rows[0] ? revisionOf(rows[0]) : null;
  }

  /** The latest revision of every form and decision draft of the item. */
  async latestResourceRevisions(code: string): Promise<DraftRevisionRow[]> {
    const rows: RawRevision[] = await this.dataSource.query(
      `SELECT DISTINCT ON (resource) * FROM process_draft_revision WHERE item_code = $1 AND resource <> 'process' ORDER BY resource, revision DESC`, [code],
    );
    return rows.map(revisionOf);
  }

  async revision(code: string, resource: DraftResource, revision: number): Promise<DraftRevisionRow | null> {
    const rows: RawRevision[] = await this.dataSource.query('SELECT * FROM process_draft_revision WHERE item_code = $1 AND resource = $2 AND revision = $3', [code, resource, revision]);
    return rows[0] ? revisionOf(rows[0]) : null;
  }

  async revisions(code: string, resource: DraftResource): Promise<DraftRevisionRow[]> {
    const rows: RawRevision[] = await this.dataSource.query('SELECT * FROM process_draft_revision WHERE item_code = $1 AND resource = $2 ORDER BY revision DESC', [code, resource]);
    return rows.map(revisionOf);
  }

  /** Latest process draft revision per item. */
  async draftRevisions(): Promise<Map<string, number>> {
    const rows: { item_code: string; revision: number }[] = await this.dataSource.query(`SELECT item_code, max(revision)::int AS revision FROM process_draft_revision WHERE resource = 'process' GROUP BY item_code`);
    return new Map(rows.map((r) => [r.item_code, r.revision]));
  }

  async insertRevision(row: DraftRevisionRow, db: EntityManager): Promise<void> {
    await db.query(
      'INSERT INTO process_draft_revision (item_code, resource, revision, content, actor_id, actor_name, at, note, source) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [row.itemCode, row.resource, row.revision, row.content, row.actorId, row.actorName, row.at, row.note, row.source],
    );
  }

  /** Appends one revision to each of several drafts in one transaction (an import): all or none. */
  async appendRevisions(rows: Omit<DraftRevisionRow, 'revision'>[]): Promise<DraftRevisionRow[]> {
    return this.dataSource.transaction(async (db) => {
      const saved: DraftRevisionRow[] = [];
      for (const row of [...rows].sort((a, b) => a.resource.localeCompare(b.resource))) { // one lock order: no deadlock between imports
        await db.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_DRAFTS, `${row.itemCode}/${row.resource}`]);
        const revision = ((await this.latestRevision(row.itemCode, row.resource, db))?.revision ?? 0) + 1;
        await this.insertRevision({ ...row, revision }, db);
        saved.push({ ...row, revision });
      }
      return saved;
    });
  }

  /** Records a deployment with the forms and decisions published with it, in one transaction. */
  async insertDeployment(row: DeploymentRow, resources: DeployedResourceRow[]): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      const inserted: { id: string }[] = await db.query(
        `INSERT INTO process_deployment (item_code, bpmn_process_id, version, process_definition_key, draft_revision, xml, actor_id, actor_name, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [row.itemCode, row.bpmnProcessId, row.version, row.processDefinitionKey, row.draftRevision, row.xml, row.actorId, row.actorName, row.at],
      );
      const id = inserted[0]?.id;
      for (const resource of resources) {
        await db.query('INSERT INTO process_deployment_resource (deployment_id, resource, draft_revision, content) VALUES ($1, $2, $3, $4)', [id, resource.resource, resource.draftRevision, resource.content]);
      }
    });
  }

  async deployments(code: string): Promise<DeploymentRow[]> {
    const rows: RawDeployment[] = await this.dataSource.query('SELECT * FROM process_deployment WHERE item_code = $1 ORDER BY id DESC', [code]);
    return rows.map(deploymentOf);
  }

  /** The newest deployed version of each form and decision of the item. */
  async deployedResources(code: string): Promise<DeployedResourceRow[]> {
    const rows: { resource: DraftResource; draft_revision: number; content: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (r.resource) r.resource, r.draft_revision, r.content FROM process_deployment_resource r
         JOIN process_deployment d ON d.id = r.deployment_id WHERE d.item_code = $1 ORDER BY r.resource, d.id DESC`, [code],
    );
    return rows.map((r) => ({ resource: r.resource, draftRevision: r.draft_revision, content: r.content }));
  }

  /** Latest deployed version per item. */
  async deployedVersions(): Promise<Map<string, number>> {
    const rows: { item_code: string; version: number }[] = await this.dataSource.query(
      'SELECT DISTINCT ON (item_code) item_code, version FROM process_deployment ORDER BY item_code, id DESC',
    );
    return new Map(rows.map((r) => [r.item_code, r.version]));
  }
}
