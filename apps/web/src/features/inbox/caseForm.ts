import { z } from 'zod';

// The application form read-only, as label / value rows from the item's form-js schema. The inbox
// does not load the form-js viewer (nor the portal's code: areas are separate chunks); a list reads
// faster when reviewing and gives each field an anchor the correction editor can name.

/** Whatever the public form endpoint returns; read leniently below. */
export const formSchemaResponse = z.looseObject({ components: z.array(z.unknown()) });

const VALUE_TYPES = new Set(['textfield', 'textarea', 'number', 'datetime', 'checkbox', 'checklist', 'radio', 'select', 'taglist']);

const component = z.looseObject({
  type: z.string(),
  key: z.string().optional().catch(undefined),
  path: z.string().optional().catch(undefined),
  label: z.string().optional().catch(undefined),
  values: z.array(z.unknown()).optional().catch(undefined),
  components: z.array(z.unknown()).optional().catch(undefined),
});
const option = z.object({ value: z.union([z.string(), z.number(), z.boolean()]), label: z.string() });

export interface CaseField {
  /** The data key, dotted inside groups with a path (what a correction problem names). */
  key: string;
  label: string;
  /** Option value → label for radios, selects and lists. */
  options: ReadonlyMap<string, string>;
}

/** The value-carrying fields of a form-js schema, in form order; [] when it is not a form. */
export function caseFields(schema: unknown): CaseField[] {
  const parsed = formSchemaResponse.safeParse(schema);
  if (!parsed.success) return [];
  const fields: CaseField[] = [];
  const seen = new Set<string>();
  const walk = (components: unknown[], prefix: string) => {
    for (const raw of components) {
      const c = component.safeParse(raw);
      if (!c.success || c.data.type === 'dynamiclist') continue;
      if (c.data.components) {
        const path = c.data.path?.trim();
        walk(c.data.components, path ? `${prefix}${path}.` : prefix);
        continue;
      }
      const key = c.data.key?.trim();
      if (!VALUE_TYPES.has(c.data.type) || !key || seen.has(prefix + key)) continue;
      seen.add(prefix + key);
      const options = new Map<string, string>();
      for (const value of c.data.values ?? []) {
        const o = option.safeParse(value);
        if (o.success) options.set(String(o.data.value), o.data.label);
      }
      fields.push({ key: prefix + key, label: c.data.label?.trim() || prefix + key, options });
    }
  };
  walk(parsed.data.components, '');
  return fields;
}

export interface CaseFormRow {
  key: string;
  label: string;
  /** '' when not answered. */
  text: string;
}

function valueAt(data: Record<string, unknown>, key: string): unknown {
  let current: unknown = data;
  for (const segment of key.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = Object.fromEntries(Object.entries(current))[segment];
  }
  return current;
}

function readable(field: CaseField | undefined, value: unknown, words: { yes: string; no: string }): string {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (Array.isArray(value)) return value.map((v) => field?.options.get(String(v)) ?? String(v)).join('、');
  if (typeof value === 'string' || typeof value === 'number') return field?.options.get(String(value)) ?? String(value);
  return JSON.stringify(value);
}

/**
 * One row per field of the form, then any submitted data the form does not name (an older form
 * revision, a field removed since): the approver sees everything the applicant filed.
 */
export function caseFormRows(fields: readonly CaseField[], data: Record<string, unknown>, words: { yes: string; no: string }): CaseFormRow[] {
  const rows = fields.map((field) => ({ key: field.key, label: field.label, text: readable(field, valueAt(data, field.key), words) }));
  const named = new Set(fields.map((field) => field.key.split('.')[0]));
  for (const [key, value] of Object.entries(data)) {
    if (!named.has(key)) rows.push({ key, label: key, text: readable(undefined, value, words) });
  }
  return rows;
}
