import { z } from 'zod';

// Reading a service item's form-js schema for what the portal shows around the form: labels for
// the read-only summary and the problem list, field ids for form-js's error display, and notes on
// prefilled fields. Lenient: a component we do not understand is skipped, never fatal.

/** What the form-js viewer is given: any object with components (the rest is form-js's business). */
export const formJsSchema = z.looseObject({ components: z.array(z.unknown()) });
export type FormJsSchema = z.infer<typeof formJsSchema>;

const VALUE_TYPES = new Set(['textfield', 'textarea', 'number', 'datetime', 'checkbox', 'checklist', 'radio', 'select', 'taglist']);

const component = z.looseObject({
  id: z.string().optional().catch(undefined),
  type: z.string(),
  key: z.string().optional().catch(undefined),
  path: z.string().optional().catch(undefined),
  label: z.string().optional().catch(undefined),
  description: z.string().optional().catch(undefined),
  values: z.array(z.unknown()).optional().catch(undefined),
  components: z.array(z.unknown()).optional().catch(undefined),
});
const option = z.object({ value: z.union([z.string(), z.number(), z.boolean()]), label: z.string() });

export interface FormFieldInfo {
  /** The data key, dotted inside groups with a path. */
  key: string;
  /** form-js's component id (errors and DOM ids use it). */
  id: string | undefined;
  label: string;
  type: string;
  /** Option value → label, for radios, selects and lists with static options. */
  options: Map<string, string>;
}

/** The value-carrying fields of a form-js schema, in form order. */
export function formFields(schema: unknown): FormFieldInfo[] {
  const parsed = formJsSchema.safeParse(schema);
  if (!parsed.success) return [];
  const fields: FormFieldInfo[] = [];
  const walk = (components: unknown[], prefix: string) => {
    for (const raw of components) {
      const c = component.safeParse(raw);
      if (!c.success || c.data.type === 'dynamiclist') continue;
      if (c.data.components) {
        walk(c.data.components, c.data.path ? `${prefix}${c.data.path}.` : prefix);
        continue;
      }
      if (!VALUE_TYPES.has(c.data.type) || !c.data.key) continue;
      const options = new Map<string, string>();
      for (const value of c.data.values ?? []) {
        const o = option.safeParse(value);
        if (o.success) options.set(String(o.data.value), o.data.label);
      }
      fields.push({ key: prefix + c.data.key, id: c.data.id, label: c.data.label?.trim() || c.data.key, type: c.data.type, options });
    }
  };
  walk(parsed.data.components, '');
  return fields;
}

/** The value at a dotted data key (a group's `path` nests its fields). */
export function valueAt(data: Record<string, unknown>, key: string): unknown {
  let current: unknown = data;
  for (const segment of key.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = Object.fromEntries(Object.entries(current))[segment];
  }
  return current;
}

export interface SummaryRow {
  key: string;
  label: string;
  /** The value as the applicant would read it; '' when not given. */
  text: string;
}

/** Label and readable value of every field, for the read-only summary of a submitted form. */
export function summaryRows(fields: readonly FormFieldInfo[], data: Record<string, unknown>, words: { yes: string; no: string }): SummaryRow[] {
  return fields.map((field) => ({ key: field.key, label: field.label, text: readable(field, valueAt(data, field.key), words) }));
}

function readable(field: FormFieldInfo, value: unknown, words: { yes: string; no: string }): string {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (Array.isArray(value)) return value.map((v) => field.options.get(String(v)) ?? String(v)).join('、');
  if (typeof value === 'string' || typeof value === 'number') return field.options.get(String(value)) ?? String(value);
  return JSON.stringify(value);
}

/** The label of a field key, or the key itself when the form has no such field. */
export function labelOf(fields: readonly FormFieldInfo[], key: string): string {
  return fields.find((field) => field.key === key)?.label ?? key;
}

/** Messages per form-js component id, from messages per data key (form-js shows errors by id). */
export function errorsById(fields: readonly FormFieldInfo[], byKey: Record<string, readonly string[]>): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const field of fields) {
    const messages = byKey[field.key];
    if (field.id && messages && messages.length > 0) result[field.id] = [...messages];
  }
  return result;
}

/**
 * A copy of the schema in which each prefilled field's description says where its value came
 * from (shown under the field and read out with it), so the applicant checks it rather than
 * retypes it.
 */
export function withPrefillNotes(schema: FormJsSchema, prefilled: readonly string[], note: string): FormJsSchema {
  const keys = new Set(prefilled);
  const mark = (components: unknown[], prefix: string): unknown[] =>
    components.map((raw) => {
      const c = component.safeParse(raw);
      if (!c.success) return raw;
      if (c.data.components) return { ...c.data, components: mark(c.data.components, c.data.path ? `${prefix}${c.data.path}.` : prefix) };
      if (!c.data.key || !keys.has(prefix + c.data.key)) return raw;
      return { ...c.data, description: c.data.description ? `${c.data.description}（${note}）` : note };
    });
  return { ...schema, components: mark(schema.components, '') };
}

/**
 * Fills in what the form-js viewer needs but a hand-written schema may lack: a `datetime` field
 * without `subtype` renders no input at all, and its visible label is `dateLabel`, not `label`.
 * Such fields become date fields labelled with their label, as the data checks read them.
 */
export function withViewerDefaults(schema: FormJsSchema): FormJsSchema {
  const fix = (components: unknown[]): unknown[] =>
    components.map((raw) => {
      const c = component.safeParse(raw);
      if (!c.success) return raw;
      if (c.data.components) return { ...c.data, components: fix(c.data.components) };
      if (c.data.type !== 'datetime') return raw;
      const subtype = typeof c.data.subtype === 'string' ? c.data.subtype : 'date';
      const dateLabel = typeof c.data.dateLabel === 'string' ? c.data.dateLabel : c.data.label;
      return { ...c.data, subtype, ...(subtype !== 'time' && dateLabel !== undefined ? { dateLabel } : {}) };
    });
  return { ...schema, components: fix(schema.components) };
}

/**
 * The errors form-js should show, by component id, or null when they are right already. Three
 * sources meet: form-js's own validation (English, replaced by the platform's Chinese message for
 * the field when there is one), and problems from the server, kept until the applicant edits
 * that field.
 */
export function reconcileErrors({
  current,
  server,
  edited,
  localized,
}: {
  current: Record<string, readonly string[]>;
  server: Record<string, readonly string[]>;
  edited: ReadonlySet<string>;
  localized: Record<string, readonly string[]>;
}): Record<string, string[]> | null {
  const next: Record<string, string[]> = {};
  let changed = false;
  for (const id of new Set([...Object.keys(current), ...Object.keys(server)])) {
    const now = current[id] ?? [];
    const fromServer = server[id] ?? [];
    const platform = localized[id] ?? [];
    const own = now.filter((m) => !fromServer.includes(m) && !platform.includes(m));
    const kept = now.filter((m) => platform.includes(m));
    const shown = own.length > 0 ? (platform.length > 0 ? platform : own) : kept;
    const desired = [...new Set([...(edited.has(id) ? [] : fromServer), ...shown])];
    if (desired.length > 0) next[id] = desired;
    if (desired.length !== now.length || desired.some((m, i) => m !== now[i])) changed = true;
  }
  return changed ? next : null;
}
