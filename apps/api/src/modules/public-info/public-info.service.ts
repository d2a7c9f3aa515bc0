import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type PublicInfo, type PublicInfoInput, publicInfoInputSchema, type PublicInfoQuery } from '@gov/contracts';
import { DataSource, type Repository } from 'typeorm';
import { NotFoundError } from '../../common/app-error.js';
import { PublicInfoEntry } from './public-info-entry.js';
import { PUBLIC_INFO_SEED } from './public-info.seed.js';

export function toView(entry: PublicInfoEntry): PublicInfo {
  return {
    id: entry.id,
    kind: entry.kind,
    title: entry.title,
    summary: entry.summary,
    body: entry.body,
    documentNumber: entry.documentNumber,
    issuer: entry.issuer,
    publishedOn: entry.publishedOn,
    contact: entry.contact,
    url: entry.url,
    published: entry.published,
    updatedAt: entry.updatedAt.toISOString(),
    updatedBy: entry.updatedBy,
  };
}

@Injectable()
export class PublicInfoService implements OnApplicationBootstrap {
  private readonly logger = new Logger(PublicInfoService.name);
  private readonly entries: Repository<PublicInfoEntry>;

  constructor(@Inject(DataSource) dataSource: DataSource) {
    this.entries = dataSource.getRepository(PublicInfoEntry);
  }

  /** Seeds a fresh platform; existing rows (edited or unpublished by admins) are left alone. */
  async onApplicationBootstrap(): Promise<void> {
    const now = new Date();
    const rows = PUBLIC_INFO_SEED.map(({ id, ...input }) => ({ id, ...publicInfoInputSchema.parse(input), updatedAt: now, updatedBy: null }));
    const result = await this.entries.createQueryBuilder().insert().values(rows).orIgnore().execute();
    const inserted = result.identifiers.filter(Boolean).length;
    if (inserted > 0) this.logger.log(`seeded ${inserted} public information entries`);
  }

  async list(query: PublicInfoQuery, onlyPublished: boolean): Promise<PublicInfo[]> {
    const qb = this.entries.createQueryBuilder('p').orderBy('p.published_on', 'DESC').addOrderBy('p.title', 'ASC');
    if (onlyPublished) qb.andWhere('p.published = true');
    if (query.kind) qb.andWhere('p.kind = :kind', { kind: query.kind });
    if (query.q) qb.andWhere('(p.title ILIKE :q OR p.summary ILIKE :q OR p.document_number ILIKE :q)', { q: `%${query.q.replace(/[\\%_]/g, '\\$&')}%` });
    return (await qb.getMany()).map(toView);
  }

  async get(id: string, onlyPublished: boolean): Promise<PublicInfo> {
    const entry = await this.entries.findOneBy({ id });
    if (!entry || (onlyPublished && !entry.published)) throw new NotFoundError(`No public information entry ${id}.`, 'PUBLIC_INFO_NOT_FOUND');
    return toView(entry);
  }

  async create(input: PublicInfoInput, actor: string): Promise<PublicInfo> {
    const entry = this.entries.create({ id: randomUUID(), ...publicInfoInputSchema.parse(input), updatedAt: new Date(), updatedBy: actor });
    return toView(await this.entries.save(entry));
  }

  async update(id: string, input: PublicInfoInput, actor: string): Promise<PublicInfo> {
    await this.get(id, false);
    await this.entries.update({ id }, { ...publicInfoInputSchema.parse(input), updatedAt: new Date(), updatedBy: actor });
    return this.get(id, false);
  }

  async remove(id: string): Promise<void> {
    await this.get(id, false);
    await this.entries.delete({ id });
  }
}
