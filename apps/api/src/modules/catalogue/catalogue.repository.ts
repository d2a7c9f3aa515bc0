import { Inject, Injectable } from '@nestjs/common';
import type { CatalogueQuery, FieldChange, ServiceItem } from '@gov/contracts';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { CatalogueEntry, CatalogueRevision, type RevisionAction } from './catalogue-entry.js';

export interface RevisionRecord {
  code: string;
  revision: number;
  action: RevisionAction;
  actorId: string | null;
  actorName: string;
  at: Date;
  content: ServiceItem | null;
  changes: FieldChange[];
}

/** Which items a query may see: all (admins, public), or those of some departments. */
export type DepartmentScope = { kind: 'all' } | { kind: 'departments'; paths: string[] };

const LOCK_NAMES = 7_340_101; // advisory lock id serialising name-uniqueness checks

@Injectable()
export class CatalogueRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [LOCK_NAMES]);
      return work(manager);
    });
  }

  /** The model a process designer last deployed for the item (issue 9), if any: new cases start that one. */
  async latestDeployedModel(code: string): Promise<{ bpmnProcessId: string; xml: string } | null> {
    const rows: { bpmn_process_id: string; xml: string }[] = await this.dataSource.query(
      'SELECT bpmn_process_id, xml FROM process_deployment WHERE item_code = $1 ORDER BY id DESC LIMIT 1', [code],
    );
    return rows[0] ? { bpmnProcessId: rows[0].bpmn_process_id, xml: rows[0].xml } : null;
  }

  /** The form ('form:<id>') or decision ('decision:<id>') a designer last deployed with the item, if any: it wins over the processes/ file. */
  async latestDeployedResource(code: string, resource: string): Promise<string | null> {
    const rows: { content: string }[] = await this.dataSource.query(
      `SELECT r.content FROM process_deployment_resource r JOIN process_deployment d ON d.id = r.deployment_id
        WHERE d.item_code = $1 AND r.resource = $2 ORDER BY d.id DESC LIMIT 1`, [code, resource],
    );
    return rows[0]?.content ?? null;
  }

  find(code: string, manager: EntityManager = this.dataSource.manager): Promise<CatalogueEntry | null> {
    return manager.getRepository(CatalogueEntry).findOne({ where: { code } });
  }

  /** Another item of the same agency with the same name at an overlapping level, if any. */
  async nameClash(manager: EntityManager, item: ServiceItem): Promise<string | null> {
    const rows = await manager.getRepository(CatalogueEntry).createQueryBuilder('e')
      .select('e.code', 'code')
      .where('e.name = :name AND e.agency_path = :agency AND e.code <> :code AND e.levels && CAST(:levels AS text[])', {
        name: item.name, agency: item.agency.path, code: item.code, levels: item.levels,
      })
      .limit(1)
      .getRawMany<{ code: string }>();
    return rows[0]?.code ?? null;
  }

  save(manager: EntityManager, entry: CatalogueEntry): Promise<CatalogueEntry> {
    return manager.getRepository(CatalogueEntry).save(entry);
  }

  async appendRevision(manager: EntityManager, record: RevisionRecord): Promise<void> {
    await manager.getRepository(CatalogueRevision).save(Object.assign(new CatalogueRevision(), record));
  }

  async lastAction(manager: EntityManager, code: string): Promise<RevisionAction | null> {
    const last = await manager.getRepository(CatalogueRevision).findOne({ where: { code }, order: { id: 'DESC' } });
    return last?.action ?? null;
  }

  history(code: string): Promise<CatalogueRevision[]> {
    return this.dataSource.getRepository(CatalogueRevision).find({ where: { code }, order: { id: 'DESC' } });
  }

  async revisionContent(code: string, revision: number): Promise<ServiceItem | null> {
    const row = await this.dataSource.getRepository(CatalogueRevision).createQueryBuilder('r')
      .where('r.code = :code AND r.revision = :revision AND r.content IS NOT NULL', { code, revision })
      .orderBy('r.id', 'DESC').getOne();
    return row?.content ?? null;
  }

  /** Admin list: current content, any status, within the caller's scope. */
  async search(query: CatalogueQuery, scope: DepartmentScope): Promise<{ entries: CatalogueEntry[]; total: number }> {
    const qb = this.dataSource.getRepository(CatalogueEntry).createQueryBuilder('e');
    if (scope.kind === 'departments') qb.andWhere('e.agency_path IN (:...paths)', { paths: scope.paths.length > 0 ? scope.paths : ['\u0000'] });
    if (query.status) qb.andWhere('e.status = :status', { status: query.status });
    filter(qb, 'e.content', query);
    return page(qb, query);
  }

  /** Public list: published items only, filtered on what the public sees (the published snapshot). */
  async searchPublished(query: CatalogueQuery): Promise<{ entries: CatalogueEntry[]; total: number }> {
    const qb = this.dataSource.getRepository(CatalogueEntry).createQueryBuilder('e').where("e.status = 'published'");
    filter(qb, 'e.published_content', query);
    return page(qb, query);
  }

  async publishedDepartments(): Promise<{ path: string; name: string; items: number }[]> {
    const rows = await this.dataSource.query<{ path: string; name: string; items: string }[]>(`
      SELECT published_content->'agency'->>'path' AS path, min(published_content->'agency'->>'name') AS name, count(*) AS items
      FROM catalogue_entry WHERE status = 'published'
      GROUP BY 1 ORDER BY 1`);
    return rows.map((r) => ({ path: r.path, name: r.name, items: Number(r.items) }));
  }

  all(scope: DepartmentScope): Promise<CatalogueEntry[]> {
    const qb = this.dataSource.getRepository(CatalogueEntry).createQueryBuilder('e').orderBy('e.code', 'ASC');
    if (scope.kind === 'departments') qb.where('e.agency_path IN (:...paths)', { paths: scope.paths.length > 0 ? scope.paths : ['\u0000'] });
    return qb.getMany();
  }
}

function filter(qb: SelectQueryBuilder<CatalogueEntry>, column: 'e.content' | 'e.published_content', query: CatalogueQuery): void {
  if (query.level) qb.andWhere(`${column}->'levels' @> CAST(:level AS jsonb)`, { level: JSON.stringify([query.level]) });
  if (query.theme) qb.andWhere(`${column}->'themes' @> CAST(:theme AS jsonb)`, { theme: JSON.stringify([query.theme]) });
  if (query.audience) qb.andWhere(`${column}->'audiences' @> CAST(:audience AS jsonb)`, { audience: JSON.stringify([query.audience]) });
  if (query.online !== undefined) qb.andWhere(`(${column}->>'online')::boolean = :online`, { online: query.online });
  if (query.department) qb.andWhere(`(${column}->'agency'->>'path' = :department OR ${column}->'coAgencies' @> CAST(:coAgency AS jsonb))`, {
    department: query.department, coAgency: JSON.stringify([{ path: query.department }]),
  });
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    qb.andWhere(`(${column}->>'name' ILIKE :like OR e.code ILIKE :like OR ${column}->>'scope' ILIKE :like OR ${column}->'agency'->>'name' ILIKE :like)`, { like });
  }
}

async function page(qb: SelectQueryBuilder<CatalogueEntry>, query: CatalogueQuery): Promise<{ entries: CatalogueEntry[]; total: number }> {
  const [entries, total] = await qb.orderBy('e.code', 'ASC').skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
  return { entries, total };
}
