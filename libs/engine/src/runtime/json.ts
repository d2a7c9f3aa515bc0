export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isJsonObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Converts an arbitrary value (e.g. a FEEL result) into JSON: temporal values become ISO strings. */
export function toJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'function') return null;
  if (isRecord(value)) {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      // FEEL temporal values (date, time, duration) render as ISO 8601 through toString().
      const render: unknown = Reflect.get(value, 'toString');
      const rendered: unknown = typeof render === 'function' ? Reflect.apply(render, value, []) : null;
      return typeof rendered === 'string' ? rendered : null;
    }
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJson(v);
    return out;
  }
  return null;
}

export function toJsonObject(value: unknown): JsonObject {
  const json = toJson(value);
  return isJsonObject(json) ? json : {};
}

/** Parses a JSON document of variables; an empty string means no variables (as in Zeebe). */
export function parseVariablesDocument(text: string): { ok: true; value: JsonObject } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: true, value: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `Expected document to be valid JSON, but parsing failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!isRecord(parsed)) return { ok: false, error: `Expected document to be a root level object, but was '${Array.isArray(parsed) ? 'ARRAY' : parsed === null ? 'NIL' : typeof parsed}'` };
  const value: JsonObject = {};
  for (const [k, v] of Object.entries(parsed)) value[k] = toJson(v);
  return { ok: true, value };
}
