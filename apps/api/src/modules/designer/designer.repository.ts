// SQL for drafts (every saved revision kept) and deployments. Raw queries on two small tables.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface DraftRevisionRow {
  itemCode: string;
  revision: number;
  xml: string;
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

interface RawRevision { item_code: string; revision: number; xml: string; actor_id: string | null; actor_name: string; at: Date; note: string | null; source: string }
interface RawDeployment { item_code: string; bpmn_process_id: string; version: number; process_definition_key: string; draft_revision: number; xml: string; actor_id: string | null; actor_name: string; at: Date }

const revisionOf = (r: RawRevision): DraftRevisionRow => ({
  itemCode: r.item_code, revision: r.revision, xml: r.xml, actorId: r.actor_id, actorName: r.actor_name, at: r.at, note: r.note, source: r.source,
});
const deploymentOf = (r: RawDeployment): DeploymentRow => ({
  itemCode: r.item_code, bpmnProcessId: r.bpmn_process_id, version: r.version, processDefinitionKey: r.process_definition_key,
  draftRevision: r.draft_revision, xml: r.xml, actorId: r.actor_id, actorName: r.actor_name, at: r.at,
});

const LOCK_DRAFTS = 7_340_109; // advisory lock namespace: one draft save per item at a time

@Injectable()
export class DesignerRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Runs the work with the item's draft locked (saves of one item are serialised). */
  lockedDraft<T>(code: string, work: (db: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (db) => {
      await db.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_DRAFTS, code]);
      return work(db);
    });
  }

  async latestRevision(code: string, db: EntityManager = this.dataSource.manager): Promise<DraftRevisionRow | null> {
    const rows: RawRevision[] = await db.query('SELECT * FROM process_draft_revision WHERE item_code = $1 ORDER BY revision DESC LIMIT 1', [code]);
    return rows[0] ? revisionOf(rows[0]) : null;
  }

  async revision(code: string, revision: number): Promise<DraftRevisionRow | null> {
    const rows: RawRevision[] = await this.dataSource.query('SELECT * FROM process_draft_revision WHERE item_code = $1 AND revision = $2', [code, revision]);
    return rows[0] ? revisionOf(rows[0]) : null;
  }

  async revisions(code: string): Promise<DraftRevisionRow[]> {
    const rows: RawRevision[] = await this.dataSource.query('SELECT * FROM process_draft_revision WHERE item_code = $1 ORDER BY revision DESC', [code]);
    return rows.map(revisionOf);
  }

  /** Latest draft revision per item. */
  async draftRevisions(): Promise<Map<string, number>> {
    const rows: { item_code: string; revision: number }[] = await this.dataSource.query('SELECT item_code, max(revision)::int AS revision FROM process_draft_revision GROUP BY item_code');
    return new Map(rows.map((r) => [r.item_code, r.revision]));
  }

  async insertRevision(row: DraftRevisionRow, db: EntityManager): Promise<void> {
    await db.query(
      'INSERT INTO process_draft_revision (item_code, revision, xml, actor_id, actor_name, at, note, source) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [row.itemCode, row.revision, row.xml, row.actorId, row.actorName, row.at, row.note, row.source],
    );
  }

  async insertDeployment(row: DeploymentRow): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO process_deployment (item_code, bpmn_process_id, version, process_definition_key, draft_revision, xml, actor_id, actor_name, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [row.itemCode, row.bpmnProcessId, row.version, row.processDefinitionKey, row.draftRevision, row.xml, row.actorId, row.actorName, row.at],
    );
  }

  async deployments(code: string): Promise<DeploymentRow[]> {
    const rows: RawDeployment[] = await this.dataSource.query('SELECT * FROM process_deployment WHERE item_code = $1 ORDER BY id DESC', [code]);
    return rows.map(deploymentOf);
  }

  /** Latest deployed version per item. */
  async deployedVersions(): Promise<Map<string, number>> {
    const rows: { item_code: string; version: number }[] = await this.dataSource.query(
      'SELECT DISTINCT ON (item_code) item_code, version FROM process_deployment ORDER BY item_code, id DESC',
    );
    return new Map(rows.map((r) => [r.item_code, r.version]));
  }
}
