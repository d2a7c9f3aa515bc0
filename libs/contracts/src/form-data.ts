// Application form data (R7): which fields a service item's form-js schema asks for, and whether
// what a citizen entered fits them. The API checks on submit; the portal uses the same rules to
// show every problem at once; messages are in plain Chinese because they reach the applicant.
import { z } from 'zod';

/** form-js component types that carry a value into the submitted data. */
export const FORM_FIELD_TYPES = ['textfield', 'textarea', 'number', 'datetime', 'checkbox', 'checklist', 'radio', 'select', 'taglist'] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

export interface FormField {
  /** Where the value sits in the data; dotted when the field is inside a group with a `path`. */
  key: string;
  label: string;
  type: FormFieldType;
  required: boolean;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  /** Allowed values of a radio, select, checklist or taglist with static options. */
  options?: string[];
}

export interface FormDataProblem {
  /** `formData.<key>` */
  path: string;
  message: string;
}

// ---------------------------------------------------------------- reading the schema

// Lenient on purpose: a form the designer saved with an odd property must still yield its fields,
// so every optional property falls back to "absent" instead of failing the whole schema.
const optionalNumber = z.number().finite().optional().catch(undefined);
const optionalString = z.string().optional().catch(undefined);

const componentSchema = z.object({
  type: z.string(),
  key: optionalString,
  path: optionalString,
  label: optionalString,
  validate: z.object({
    required: z.boolean().optional().catch(undefined),
    pattern: optionalString,
    minLength: optionalNumber,
    maxLength: optionalNumber,
    min: optionalNumber,
    max: optionalNumber,
  }).optional().catch(undefined),
  values: z.array(z.unknown()).optional().catch(undefined),
  components: z.array(z.unknown()).optional().catch(undefined),
});
type Component = z.infer<typeof componentSchema>;

const optionSchema = z.object({ value: z.string() });
const formSchema = z.object({ components: z.array(z.unknown()) });

function isFieldType(type: string): type is FormFieldType {
  return FORM_FIELD_TYPES.some((known) => known === type);
}

function usablePattern(pattern: string | undefined): string | undefined {
  if (pattern === undefined || pattern === '') return undefined;
  // A pattern the browser cannot compile is not enforced by form-js either; dropping it keeps
  // validation from throwing at a citizen.
  try {
    new RegExp(pattern);
    return pattern;
  } catch {
    return undefined;
  }
}

function toField(component: Component, type: FormFieldType, key: string): FormField {
  const validate = component.validate ?? {};
  const field: FormField = { key, label: component.label?.trim() || key, type, required: validate.required === true };
  const pattern = usablePattern(validate.pattern);
  if (pattern !== undefined) field.pattern = pattern;
  if (validate.minLength !== undefined) field.minLength = validate.minLength;
  if (validate.maxLength !== undefined) field.maxLength = validate.maxLength;
  if (validate.min !== undefined) field.min = validate.min;
  if (validate.max !== undefined) field.max = validate.max;
  if (hasOptions(type) && component.values !== undefined) {
    field.options = component.values.flatMap((value) => {
      const option = optionSchema.safeParse(value);
      return option.success ? [option.data.value] : [];
    });
  }
  return field;
}

function hasOptions(type: FormFieldType): boolean {
  return type === 'radio' || type === 'select' || type === 'checklist' || type === 'taglist';
}

function collect(components: unknown[], prefix: string, into: FormField[], seen: Set<string>): void {
  for (const raw of components) {
    const parsed = componentSchema.safeParse(raw);
    if (!parsed.success) continue;
    const component = parsed.data;
    // A dynamic list repeats its children as an array of rows; these forms do not use it and the
    // checks below do not model it, so its data is left unknown rather than half-validated.
    if (component.type === 'dynamiclist') continue;
    if (component.components !== undefined) {
      const path = component.path?.trim();
      collect(component.components, path ? `${prefix}${path}.` : prefix, into, seen);
      continue;
    }
    const key = component.key?.trim();
    if (!isFieldType(component.type) || !key) continue;
    const fullKey = prefix + key;
    if (seen.has(fullKey)) continue;
    seen.add(fullKey);
    into.push(toField(component, component.type, fullKey));
  }
}

/** The data-carrying fields of a form-js schema, in form order; [] when it is not a form. */
export function formFieldsOf(schema: unknown): FormField[] {
  const form = formSchema.safeParse(schema);
  if (!form.success) return [];
  const fields: FormField[] = [];
  collect(form.data.components, '', fields, new Set());
  return fields;
}

// ---------------------------------------------------------------- checking values

function valueAt(data: Record<string, unknown>, key: string): unknown {
  let current: unknown = data;
  for (const segment of key.split('.')) {
    if (!isRecord(current)) return undefined;
    current = current[segment];
  }
  return current;
}

function setAt(data: Record<string, unknown>, key: string, value: unknown): void {
  const segments = key.split('.');
  const last = segments.pop() ?? key;
  let current = data;
  for (const segment of segments) {
    const next = current[segment];
    if (isRecord(next)) {
      current = next;
    } else {
      const created: Record<string, unknown> = {};
      current[segment] = created;
      current = created;
    }
  }
  current[last] = value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

function isIsoDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [, year = '', month = '', day = '', hour = '0', minute = '0', second = '0'] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const realDay = date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
  return realDay && Number(hour) < 24 && Number(minute) < 60 && Number(second) < 60;
}

const length = (text: string): number => [...text].length;

/** The problems with a present (non-empty) value. */
function checkValue(field: FormField, value: unknown): string[] {
  const name = `“${field.label}”`;
  switch (field.type) {
    case 'textfield':
    case 'textarea': {
      if (typeof value !== 'string') return [`${name}应填写文字`];
      const problems: string[] = [];
      if (field.pattern !== undefined && !new RegExp(field.pattern).test(value)) problems.push(`${name}格式不正确`);
      if (field.minLength !== undefined && length(value) < field.minLength) problems.push(`${name}不能少于 ${field.minLength} 个字`);
      if (field.maxLength !== undefined && length(value) > field.maxLength) problems.push(`${name}不能超过 ${field.maxLength} 个字`);
      return problems;
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return [`${name}应填写数字`];
      const problems: string[] = [];
      if (field.min !== undefined && value < field.min) problems.push(`${name}不能小于 ${field.min}`);
      if (field.max !== undefined && value > field.max) problems.push(`${name}不能大于 ${field.max}`);
      return problems;
    }
    case 'datetime':
      return typeof value === 'string' && isIsoDate(value) ? [] : [`${name}应为有效日期，例如 2024-05-01`];
    case 'checkbox':
      return typeof value === 'boolean' ? [] : [`${name}只能勾选或不勾选`];
    case 'radio':
    case 'select':
      if (typeof value !== 'string') return [`${name}的选择无效`];
      return notAnOption(field, [value]);
    case 'checklist':
    case 'taglist':
      if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) return [`${name}的选择无效`];
      return notAnOption(field, value);
    default:
      return assertNever(field.type);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled form field type ${String(value)}`);
}

/** The problems with one field's value; required checkboxes must be ticked (a consent or promise). */
function problemsOf(field: FormField, value: unknown): string[] {
  if (isEmpty(value) || (field.type === 'checkbox' && field.required && value === false)) {
    return field.required ? [missingMessage(field)] : [];
  }
  return checkValue(field, value);
}

function notAnOption(field: FormField, values: string[]): string[] {
  const options = field.options;
  if (options === undefined) return [];
  return values.filter((value) => !options.includes(value)).map((value) => `“${field.label}”中的“${value}”不是可选项`);
}

function missingMessage(field: FormField): string {
  switch (field.type) {
    case 'checkbox':
      return `请勾选“${field.label}”`;
    case 'radio':
    case 'select':
    case 'checklist':
    case 'taglist':
      return `请选择“${field.label}”`;
    default:
      return `请填写“${field.label}”`;
  }
}

/** Keys in `data` that no field of the form has (keys starting with `_` are client bookkeeping). */
function unknownKeys(fields: FormField[], data: Record<string, unknown>, prefix = ''): string[] {
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (key.startsWith('_')) continue;
    const full = prefix + key;
    if (fields.some((field) => field.key === full)) continue;
    const isGroup = fields.some((field) => field.key.startsWith(`${full}.`));
    if (isGroup && isRecord(value)) unknown.push(...unknownKeys(fields, value, `${full}.`));
    else unknown.push(full);
  }
  return unknown;
}

/** Every problem with the data at once, each at `formData.<key>`; [] when the data fits the form. */
export function validateFormData(fields: FormField[], data: Record<string, unknown>): FormDataProblem[] {
  const problems: FormDataProblem[] = [];
  for (const field of fields) {
    const path = `formData.${field.key}`;
    for (const message of problemsOf(field, valueAt(data, field.key))) problems.push({ path, message });
  }
  for (const key of unknownKeys(fields, data)) problems.push({ path: `formData.${key}`, message: `“${key}”不是本表单的字段` });
  return problems;
}

/**
 * Fills the form's fields from what the platform already knows (identity, earlier applications).
 * A known value is copied only when it would pass the field's checks, so prefilling never plants
 * an error the applicant did not make.
 */
export function prefillFormData(fields: FormField[], known: Record<string, unknown>): { data: Record<string, unknown>; prefilled: string[] } {
  const data: Record<string, unknown> = {};
  const prefilled: string[] = [];
  for (const field of fields) {
    const value = valueAt(known, field.key);
    if (isEmpty(value) || problemsOf(field, value).length > 0) continue;
    setAt(data, field.key, value);
    prefilled.push(field.key);
  }
  return { data, prefilled };
}
