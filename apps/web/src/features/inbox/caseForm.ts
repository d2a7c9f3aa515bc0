import { formFields, formJsSchema, valueAt } from '../../shared/forms/formSchema';

// The application form read-only, as label / value rows from the item's form-js schema. The case
// file does not draw the form-js viewer: a list reads faster when reviewing and gives each field an
// anchor the correction editor can name.

/** Whatever the public form endpoint returns; read leniently below. */
export const formSchemaResponse = formJsSchema;

export interface CaseField {
  /** The data key, dotted inside groups with a path (what a correction problem names). */
  key: string;
  label: string;
  /** Option value → label for radios, selects and lists. */
  options: ReadonlyMap<string, string>;
}

/** The value-carrying fields of a form-js schema, in form order, each key once; [] when it is not a form. */
export function caseFields(schema: unknown): CaseField[] {
  const seen = new Set<string>();
  return formFields(schema).filter((field) => !seen.has(field.key) && Boolean(seen.add(field.key))).map(({ key, label, options }) => ({ key, label, options }));
}

export interface CaseFormRow {
  key: string;
  label: string;
  /** '' when not answered. */
  text: string;
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
