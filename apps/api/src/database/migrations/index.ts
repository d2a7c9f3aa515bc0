import { CreateAuditLog1764240000000 } from './1764240000000-CreateAuditLog.js';
import { CreateCatalogue1795786400000 } from './1795786400000-CreateCatalogue.js';

/** Every migration, in order. Listed explicitly so the build needs no file globbing. */
export const MIGRATIONS = [CreateAuditLog1764240000000, CreateCatalogue1795786400000];
