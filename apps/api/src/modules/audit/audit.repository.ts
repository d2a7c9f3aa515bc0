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

/** Most entries written in one transaction. */
const BATCH_SIZE = 200;

@Injectable()
export class AuditRepository {
  /** Entries waiting to be written, each with the promise its writer awaits. */
  private queue: { record: AuditRecord; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private flushing: Promise<void> | null = null;

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Appends one entry, chained to the previous one. Entries are written in batches by one writer per
   * process (one transaction, one chain lock, one connection per batch), so a burst of requests does
   * not park a pool connection each on the chain lock. Resolves once the entry is committed.
   */
  append(record: AuditRecord): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      this.flushing ??= this.flush().finally(() => {
        this.flushing = null;
      });
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, BATCH_SIZE);
      try {
        await this.writeBatch(batch.map((b) => b.record));
        batch.forEach((b) => b.resolve());
      } catch (error: unknown) {
        batch.forEach((b) => b.reject(error));
      }
    }
  }

  private async writeBatch(records: readonly AuditRecord[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // Other API processes append to the same chain: the lock keeps it one line.
      await manager.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
      const last = await manager.getRepository(AuditEntry).find({ order: { seq: 'DESC' }, take: 1, select: { hash: true } });
      let prevHash = last[0]?.hash ?? GENESIS;
      const entries = records.map((record) => {
        const hash = auditHash(prevHash, record);
        const entry = manager.getRepository(AuditEntry).create({ ...record, prevHash, hash });
        prevHash = hash;
        return entry;
      });
      // One multi-row INSERT; seq (bigserial) follows the VALUES order.
      await manager.getRepository(AuditEntry).insert(entries);
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
