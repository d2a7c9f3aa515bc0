import { CreateAuditLog1764240000000 } from './1764240000000-CreateAuditLog.js';

/** Every migration, in order. Listed explicitly so the build needs no file globbing. */
export const MIGRATIONS = [CreateAuditLog1764240000000];
