import { AuditEntry } from '../modules/audit/audit-entry.js';
import { CalendarDayRecord } from '../modules/calendar/calendar-day.js';
import { CatalogueEntry, CatalogueRevision } from '../modules/catalogue/catalogue-entry.js';
import { PublicInfoEntry } from '../modules/public-info/public-info-entry.js';

/** Every entity, listed explicitly (no globbing). */
export const ENTITIES = [AuditEntry, CatalogueEntry, CatalogueRevision, CalendarDayRecord, PublicInfoEntry];
