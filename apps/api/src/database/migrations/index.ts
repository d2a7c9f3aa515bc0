import { CreateAuditLog1764240000000 } from './1764240000000-CreateAuditLog.js';
import { CreateCatalogue1795786400000 } from './1795786400000-CreateCatalogue.js';
import { CreateIntegrations1795800000000 } from './1795800000000-CreateIntegrations.js';
import { CreatePublicInfo1795810000000 } from './1795810000000-CreatePublicInfo.js';
import { CreateApplications1795820000000 } from './1795820000000-CreateApplications.js';
import { CreateBreakerEvents1795834000000 } from './1795834000000-CreateBreakerEvents.js';
import { CreateInbox1795840000000 } from './1795840000000-CreateInbox.js';
import { CounterChannel1795850000000 } from './1795850000000-CounterChannel.js';
import { Supervision1795852000000 } from './1795852000000-Supervision.js';
import { InboxSavedFilters1795853000000 } from './1795853000000-InboxSavedFilters.js';
import { OpinionAttachments1795854000000 } from './1795854000000-OpinionAttachments.js';
import { CreateLicences1795860000000 } from './1795860000000-CreateLicences.js';
import { CreateProcessDesigner1795870000000 } from './1795870000000-CreateProcessDesigner.js';
import { InboxFanOut1795880000000 } from './1795880000000-InboxFanOut.js';
import { StaffDirectory1795881000000 } from './1795881000000-StaffDirectory.js';
import { DesignerResources1795885000000 } from './1795885000000-DesignerResources.js';
import { CreateElementTemplates1795890000000 } from './1795890000000-CreateElementTemplates.js';
import { CaseForms1795895000000 } from './1795895000000-CaseForms.js';
import { CaseRules1795896000000 } from './1795896000000-CaseRules.js';

/** Every migration, in order. Listed explicitly so the build needs no file globbing. */
export const MIGRATIONS = [CreateAuditLog1764240000000, CreateCatalogue1795786400000, CreateIntegrations1795800000000, CreatePublicInfo1795810000000, CreateApplications1795820000000, CreateBreakerEvents1795834000000, CreateInbox1795840000000, CounterChannel1795850000000, Supervision1795852000000, InboxSavedFilters1795853000000, OpinionAttachments1795854000000, CreateLicences1795860000000, CreateProcessDesigner1795870000000, InboxFanOut1795880000000, StaffDirectory1795881000000, DesignerResources1795885000000, CreateElementTemplates1795890000000, CaseForms1795895000000, CaseRules1795896000000];
