import { CreateAuditLog1764240000000 } from './1764240000000-CreateAuditLog.js';
import { CreateCatalogue1795786400000 } from './1795786400000-CreateCatalogue.js';
import { CreateIntegrations1795800000000 } from './1795800000000-CreateIntegrations.js';
import { CreatePublicInfo1795810000000 } from './1795810000000-CreatePublicInfo.js';
import { CreateApplications1795820000000 } from './1795820000000-CreateApplications.js';
import { CreateBreakerEvents1795834000000 } from './1795834000000-CreateBreakerEvents.js';
import { CreateInbox1795840000000 } from './1795840000000-CreateInbox.js';
import { CreateProcessDesigner1795870000000 } from './1795870000000-CreateProcessDesigner.js';

/** Every migration, in order. Listed explicitly so the build needs no file globbing. */
export const MIGRATIONS = [CreateAuditLog1764240000000, CreateCatalogue1795786400000, CreateIntegrations1795800000000, CreatePublicInfo1795810000000, CreateApplications1795820000000, CreateBreakerEvents1795834000000, CreateInbox1795840000000, CreateProcessDesigner1795870000000];
