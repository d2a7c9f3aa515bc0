import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AuditChainReport, AuditQuery } from '@gov/contracts';
import { DataSource } from 'typeorm';
import { AuditEntry, type AuditOutcome } from './audit-entry.js';

export interface AuditRecord {
  occurredAt: Date;
  requestId: string | null;
  actorId: string | null;
  actorName: string | null;
  actorRoles: string[];
  action: string;
  target: string | null;
  method: string;
  path: string;
  status: number;
  outcome: AuditOutcome;
  clientIp: string | null;
}

const GENESIS = '0'.repeat(64);
const CHAIN_LOCK = 7_340_001; // advisory lock id serialising appends to the hash chain

export function auditHash(prevHash: string, record: AuditRecord): string {
  const canonical = JSON.stringify([
    record.occurredAt.toISOString(), record.requestId, record.actorId, record.actorName, record.actorRoles,
    record.action, record.target, record.method, record.path, record.status, record.outcome, record.clientIp,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

@Injectable()
export class AuditRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Appends one entry, chained to the previous one. */
  async append(record: AuditRecord): Promise<AuditEntry> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
      const last = await manager.getRepository(AuditEntry).find({ order: { seq: 'DESC' }, take: 1, select: { hash: true } });
      const prevHash = last[0]?.hash ?? GENESIS;
      const entry = manager.getRepository(AuditEntry).create({ ...record, prevHash, hash: auditHash(prevHash, record) });
      return manager.getRepository(AuditEntry).save(entry);
    });
  }

  async search(query: AuditQuery): Promise<AuditEntry[]> {
    const qb = this.dataSource.getRepository(AuditEntry).createQueryBuilder('a').orderBy('a.seq', 'DESC').take(query.limit);
    if (query.actor) qb.andWhere('(a.actor_id = :actor OR a.actor_name = :actor)', { actor: query.actor });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.outcome) qb.andWhere('a.outcome = :outcome', { outcome: query.outcome });
    if (query.from) qb.andWhere('a.occurred_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('a.occurred_at < :to', { to: query.to });
    if (query.before) qb.andWhere('a.seq < :before', { before: query.before });
    return qb.getMany();
  }

  /** Recomputes the hash chain from the start, in batches. */
  async verifyChain(batchSize = 1000): Promise<AuditChainReport> {
    let prevHash = GENESIS;
    let after = '0';
    let entries = 0;
    for (;;) {
      const batch = await this.dataSource.getRepository(AuditEntry).createQueryBuilder('a')
        .where('a.seq > :after', { after }).orderBy('a.seq', 'ASC').take(batchSize).getMany();
      for (const entry of batch) {
        entries += 1;
        if (entry.prevHash !== prevHash || auditHash(prevHash, entry) !== entry.hash) {
          return { entries, intact: false, firstBrokenSeq: Number(entry.seq) };
        }
        prevHash = entry.hash;
        after = entry.seq;
      }
      if (batch.length < batchSize) return { entries, intact: true, firstBrokenSeq: null };
    }
  }
}
