import { z } from 'zod';

export const AUDIT_OUTCOMES = ['success', 'denied', 'rejected', 'failed'] as const;

/** Query of GET /api/audit: newest first, keyset pagination by `before` (a sequence number). */
export const auditQuerySchema = z.object({
  actor: z.string().min(1).max(200).optional(),
  action: z.string().min(1).max(200).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  occurredAt: z.string(),
  requestId: z.string().nullable(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRoles: z.array(z.string()),
  action: z.string(),
  target: z.string().nullable(),
  method: z.string(),
  path: z.string(),
  status: z.number().int(),
  outcome: z.enum(AUDIT_OUTCOMES),
  clientIp: z.string().nullable(),
  hash: z.string(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  /** Pass as `before` to get the next (older) page; null on the last page. */
  nextBefore: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

export const auditChainReportSchema = z.object({
  entries: z.number().int(),
  intact: z.boolean(),
  /** Sequence number of the first entry whose hash does not match, if any. */
  firstBrokenSeq: z.number().int().nullable(),
});
export type AuditChainReport = z.infer<typeof auditChainReportSchema>;
