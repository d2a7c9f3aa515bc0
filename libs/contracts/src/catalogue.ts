// Service item catalogue (R1, R2): the single source from which guide, materials list, form and
// process are derived. `serviceItemSchema` is the content an admin edits and `item.json` holds.
import { z } from 'zod';
import { checkItemCode, ITEM_TYPE_CODES } from './item-code.js';

export const ITEM_TYPES = ['licence', 'confirmation', 'payment', 'levy', 'reward', 'adjudication', 'public-service', 'other'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** Administrative levels (R1): city, district/county, street/town, community/village. */
export const LEVELS = ['city', 'district', 'street', 'community'] as const;
export type Level = (typeof LEVELS)[number];

export const AUDIENCES = ['personal', 'enterprise'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Life-event themes (主题) by which the portal is browsed. */
export const THEMES = [
  'birth', 'marriage', 'household', 'social-security', 'social-assistance', 'residence', 'housing',
  'business-startup', 'food-safety', 'construction', 'public-safety',
] as const;
export type Theme = (typeof THEMES)[number];

export const ITEM_STATUSES = ['draft', 'published', 'retired'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().default(null);

export const itemCodeSchema = z.string().superRefine((code, ctx) => {
  const check = checkItemCode(code);
  if (!check.valid) ctx.addIssue({ code: 'custom', message: `invalid item code: ${check.reason}` });
});

/** A Keycloak department group, e.g. /沈阳市/市场监督管理局. */
export const agencySchema = z.object({
  path: z.string().regex(/^(\/[^/\s]+)+$/, 'must be a department group path such as /沈阳市/市场监督管理局'),
  name: text(100),
}).strict();

export const legalBasisSchema = z.object({
  law: text(200),
  articles: text(200),
}).strict();

/** A downloadable file: an absolute http(s) URL, or a file the platform serves from processes/<code>/files/. */
export const fileLinkSchema = z.string().max(500).refine(
  (link) => /^https?:\/\/\S+$/.test(link) || /^\/api\/public\/catalogue\/items\/[\w-]+\/files\/[\w.\-\u4e00-\u9fff]+$/.test(link),
  'must be an http(s) URL or /api/public/catalogue/items/<code>/files/<file>',
);

export const materialSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a short lower-case identifier'),
  name: text(200),
  form: z.enum(['original', 'copy', 'original-and-copy']),
  copies: z.number().int().min(1).max(20),
  medium: z.enum(['paper', 'electronic', 'either']),
  requirement: z.enum(['mandatory', 'conditional']),
  condition: optionalText(500),
  /** E-licence types (电子证照) that replace this material when the applicant holds one. */
  eLicenceTypes: z.array(text(100)).max(10).default([]),
  templateUrl: fileLinkSchema.nullable().default(null),
  exampleUrl: fileLinkSchema.nullable().default(null),
  notes: optionalText(500),
}).strict().superRefine((material, ctx) => {
  if (material.requirement === 'conditional' && !material.condition) {
    ctx.addIssue({ code: 'custom', path: ['condition'], message: 'a conditional material must state its condition' });
  }
});
export type Material = z.infer<typeof materialSchema>;

export const feeSchema = z.object({
  name: text(200),
  amount: text(100),
  basis: text(300),
}).strict();

export const flowStepSchema = z.object({
  name: text(100),
  description: text(1000),
}).strict();

export const serviceItemSchema = z.object({
  code: itemCodeSchema,
  name: text(100),
  type: z.enum(ITEM_TYPES),
  levels: z.array(z.enum(LEVELS)).min(1, 'at least one level').refine((l) => new Set(l).size === l.length, 'levels must not repeat'),
  agency: agencySchema,
  /** Further departments taking part (parallel approval, "one thing" items). */
  coAgencies: z.array(agencySchema).max(10).default([]),
  audiences: z.array(z.enum(AUDIENCES)).min(1),
  themes: z.array(z.enum(THEMES)).max(5).default([]),
  legalBasis: z.array(legalBasisSchema).min(1, 'at least one law with article numbers'),
  scope: text(2000),
  conditions: z.array(text(1000)).min(1),
  materials: z.array(materialSchema).max(50).refine((m) => new Set(m.map((x) => x.id)).size === m.length, 'material ids must be unique'),
  statutoryDays: z.number().int().min(0).max(365),
  promisedDays: z.number().int().min(0).max(365),
  fees: z.array(feeSchema).max(20).default([]),
  flow: z.array(flowStepSchema).min(1),
  online: z.boolean(),
  /** Required when the item cannot be handled online. */
  offlineReason: optionalText(1000),
  /** Most visits to a hall the applicant needs (0 = none: 零跑动). */
  maxVisits: z.number().int().min(0).max(5),
  /** Whether street and community service centres may accept applications (R14). */
  counterAcceptance: z.object({ street: z.boolean(), community: z.boolean() }).strict(),
  contact: z.object({
    phone: text(50),
    address: text(300),
    hours: text(200),
    complaint: text(300),
  }).strict(),
  /** The linked process model (BPMN process id) and start form (form-js id). */
  process: z.object({
    bpmnProcessId: z.string().regex(/^[A-Za-z_][\w.-]*$/).nullable(),
    formId: z.string().regex(/^[A-Za-z_][\w.-]*$/).nullable(),
    /**
     * A DMN decision (processes/<code>/<id>.dmn, hit policy COLLECT, one string output) run by the
     * automatic pre-review with the form data: each matching rule's output is a reason the applicant
     * is not eligible; no match means eligible.
     */
    eligibilityDecisionId: z.string().regex(/^[A-Za-z_][\w.-]*$/).nullable().default(null),
  }).strict(),
  faqs: z.array(z.object({ question: text(300), answer: text(2000) }).strict()).max(30).default([]),
}).strict().superRefine((item, ctx) => {
  if (!item.online && !item.offlineReason) {
    ctx.addIssue({ code: 'custom', path: ['offlineReason'], message: 'an offline item must state why it cannot be handled online' });
  }
  if (item.promisedDays > item.statutoryDays) {
    ctx.addIssue({ code: 'custom', path: ['promisedDays'], message: 'the promised time limit cannot exceed the statutory one' });
  }
  const typeInCode = item.code.split('-')[1];
  if (typeInCode && typeInCode !== ITEM_TYPE_CODES[item.type]) {
    ctx.addIssue({ code: 'custom', path: ['code'], message: `the code's type letters ${typeInCode} do not match the item type ${item.type} (${ITEM_TYPE_CODES[item.type]})` });
  }
});
/** What item.json and the admin form hold. */
export type ServiceItemInput = z.input<typeof serviceItemSchema>;
export type ServiceItem = z.infer<typeof serviceItemSchema>;

/** An item as admins see it: its current content plus state. */
export const managedItemSchema = z.object({
  item: serviceItemSchema,
  status: z.enum(ITEM_STATUSES),
  revision: z.number().int(),
  publishedRevision: z.number().int().nullable(),
  /** True when the content was edited after the last publication. */
  unpublishedChanges: z.boolean(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type ManagedItem = z.infer<typeof managedItemSchema>;

/** The published guide of an item, as the public portal shows it. */
export const publicItemSchema = z.object({
  item: serviceItemSchema,
  revision: z.number().int(),
  publishedAt: z.string(),
});
export type PublicItem = z.infer<typeof publicItemSchema>;

export const itemSummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  type: z.enum(ITEM_TYPES),
  levels: z.array(z.enum(LEVELS)),
  agency: agencySchema,
  audiences: z.array(z.enum(AUDIENCES)),
  themes: z.array(z.enum(THEMES)),
  online: z.boolean(),
  promisedDays: z.number().int(),
  statutoryDays: z.number().int(),
  status: z.enum(ITEM_STATUSES),
  revision: z.number().int(),
  unpublishedChanges: z.boolean(),
});
export type ItemSummary = z.infer<typeof itemSummarySchema>;

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const catalogueQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  level: z.enum(LEVELS).optional(),
  department: z.string().max(200).optional(),
  theme: z.enum(THEMES).optional(),
  audience: z.enum(AUDIENCES).optional(),
  online: booleanQuery.optional(),
  status: z.enum(ITEM_STATUSES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
}).strict();
export type CatalogueQuery = z.infer<typeof catalogueQuerySchema>;
export const publicCatalogueQuerySchema = catalogueQuerySchema.omit({ status: true });

export const itemPageSchema = z.object({
  items: z.array(itemSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ItemPage = z.infer<typeof itemPageSchema>;

/** Departments that implement at least one published item, for the portal's filter. */
export const publicFacetsSchema = z.object({
  departments: z.array(agencySchema.extend({ items: z.number().int() })),
});
export type PublicFacets = z.infer<typeof publicFacetsSchema>;

export const CHANGE_ACTIONS = ['create', 'edit', 'publish', 'retire', 'import', 'seed'] as const;

export const fieldChangeSchema = z.object({
  path: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type FieldChange = z.infer<typeof fieldChangeSchema>;

/** One entry of an item's change history: who, when, what. */
export const itemVersionSchema = z.object({
  revision: z.number().int(),
  action: z.enum(CHANGE_ACTIONS),
  actorName: z.string(),
  at: z.string(),
  changes: z.array(fieldChangeSchema),
});
export type ItemVersion = z.infer<typeof itemVersionSchema>;
export const itemHistorySchema = z.object({ code: z.string(), versions: z.array(itemVersionSchema) });
export type ItemHistory = z.infer<typeof itemHistorySchema>;

export const itemRevisionSchema = z.object({ revision: z.number().int(), item: serviceItemSchema });
export type ItemRevision = z.infer<typeof itemRevisionSchema>;

export const catalogueExportSchema = z.object({
  format: z.literal('gov-catalogue/1'),
  exportedAt: z.string(),
  items: z.array(serviceItemSchema),
});
export type CatalogueExport = z.infer<typeof catalogueExportSchema>;

export const catalogueImportSchema = z.object({
  format: z.literal('gov-catalogue/1').optional(),
  items: z.array(z.unknown()).min(1).max(500),
}).passthrough();

export const importResultSchema = z.object({
  created: z.array(z.string()),
  updated: z.array(z.string()),
  unchanged: z.array(z.string()),
});
export type ImportResult = z.infer<typeof importResultSchema>;

/**
 * Field-by-field difference of two JSON values, as dotted paths (materials.2.name). Arrays of
 * objects with an `id` are compared by id so that inserting a material does not mark every
 * following one as changed.
 */
export function diffJson(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (Object.is(before, after)) return [];
  const beforeList = asList(before);
  const afterList = asList(after);
  if (beforeList && afterList) {
    return diffLists(beforeList, afterList, path);
  }
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => diffJson(before[key], after[key], join(path, key)));
  }
  return [{ path: path || '(root)', before: before ?? null, after: after ?? null }];
}

function asList(value: unknown): unknown[] | null {
  return Array.isArray(value) ? value.map((element: unknown) => element) : null;
}

function diffLists(before: unknown[], after: unknown[], path: string): FieldChange[] {
  {
    const keyed = [...before, ...after].every((e) => isRecord(e) && typeof e.id === 'string');
    if (keyed) {
      const byId = (list: unknown[]) => new Map(list.flatMap((e) => (isRecord(e) && typeof e.id === 'string' ? [[e.id, e] as const] : [])));
      const a = byId(before);
      const b = byId(after);
      const ids = [...new Set([...a.keys(), ...b.keys()])];
      const changes = ids.flatMap((id) => diffJson(a.get(id), b.get(id), join(path, `[${id}]`)));
      const order = (list: unknown[]) => list.map((e) => (isRecord(e) ? e.id : null));
      if (changes.length === 0 && JSON.stringify(order(before)) !== JSON.stringify(order(after))) {
        return [{ path: join(path, '(order)'), before: order(before), after: order(after) }];
      }
      return changes;
    }
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, i) => diffJson(before[i], after[i], join(path, String(i)))).flat();
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---- Working-day calendar (statutory clock) ----

export const calendarDayKinds = ['holiday', 'workday'] as const;
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'must be a real calendar date');

export const calendarDaySchema = z.object({
  date: isoDateSchema,
  /** holiday: a weekday without work; workday: an adjusted working day (调休) on a weekend. */
  kind: z.enum(calendarDayKinds),
  name: text(100),
});
export type CalendarDay = z.infer<typeof calendarDaySchema>;
export const calendarDayInputSchema = calendarDaySchema.omit({ date: true }).strict();

export const calendarYearSchema = z.object({
  year: z.number().int(),
  days: z.array(calendarDaySchema.extend({ updatedBy: z.string() })),
});
export type CalendarYear = z.infer<typeof calendarYearSchema>;

export const dueDateQuerySchema = z.object({
  start: isoDateSchema,
  days: z.coerce.number().int().min(0).max(365),
}).strict();
export const dueDateSchema = z.object({ start: isoDateSchema, days: z.number().int(), dueDate: isoDateSchema });
export type DueDate = z.infer<typeof dueDateSchema>;

/** Body of PUT /api/catalogue/items/:code; `baseRevision` refuses an edit based on stale content. */
export const itemUpdateSchema = z.object({
  item: serviceItemSchema,
  baseRevision: z.number().int().min(1).optional(),
}).strict();
export type ItemUpdate = z.input<typeof itemUpdateSchema>;
