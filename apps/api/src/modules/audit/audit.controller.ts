import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuditChainReport, type AuditEntryView, type AuditPage, type AuditQuery, auditQuerySchema } from '@gov/contracts';
import { Roles } from '../../common/auth/access.decorators.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import type { AuditEntry } from './audit-entry.js';
import { AuditRepository } from './audit.repository.js';

function view(entry: AuditEntry): AuditEntryView {
  return {
    seq: Number(entry.seq),
    occurredAt: entry.occurredAt.toISOString(),
    requestId: entry.requestId,
    actorId: entry.actorId,
    actorName: entry.actorName,
    actorRoles: entry.actorRoles,
    action: entry.action,
    target: entry.target,
    method: entry.method,
    path: entry.path,
    status: entry.status,
    outcome: entry.outcome,
    clientIp: entry.clientIp,
    hash: entry.hash,
  };
}

@ApiTags('audit')
@Controller('audit')
@Roles('admin', 'supervisor')
export class AuditController {
  constructor(@Inject(AuditRepository) private readonly audit: AuditRepository) {}

  @Get()
  @ApiOperation({ summary: 'Audit log, newest first (admins and supervisors)' })
  async list(@Query(new ZodPipe(auditQuerySchema, 'audit query')) query: AuditQuery): Promise<AuditPage> {
    const entries = await this.audit.search(query);
    const last = entries.at(-1);
    return { items: entries.map(view), nextBefore: entries.length === query.limit && last ? Number(last.seq) : null };
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the audit hash chain and report whether it is intact' })
  verify(): Promise<AuditChainReport> {
    return this.audit.verifyChain();
  }
}
