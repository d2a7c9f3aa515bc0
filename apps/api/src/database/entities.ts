import { AuditEntry } from '../modules/audit/audit-entry.js';

/** Every entity, listed explicitly (no globbing). */
export const ENTITIES = [AuditEntry];
