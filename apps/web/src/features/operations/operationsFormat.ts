// Pure helpers of the operations console and the case library (no React, unit-tested).

/** Date and time in the page's language, e.g. 2026/3/2 14:05:09. */
export function formatDateTime(iso: string | null, language: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(language, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** A department group path as people read it: /沈阳市/公安局 → 沈阳市公安局. */
export function departmentName(path: string): string {
  return path.startsWith('/') ? path.split('/').filter(Boolean).join('') : path;
}

export function formatPercent(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

export type VariableEdit =
  | { ok: true; variables: Record<string, unknown> | undefined }
  | { ok: false; error: 'invalid-json' | 'not-object'; message: string };

/**
 * The variables an operator changed in the JSON editor: only top-level entries whose value differs
 * from the case's, so a retry never overwrites what the process changed meanwhile. Undefined when
 * nothing changed. (The engine cannot delete a variable: a removed entry is ignored, set it to null.)
 */
export function changedVariables(original: Record<string, unknown>, edited: string): VariableEdit {
  let parsed: unknown;
  try {
    parsed = JSON.parse(edited);
  } catch (error) {
    return { ok: false, error: 'invalid-json', message: error instanceof Error ? error.message : String(error) };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, error: 'not-object', message: '' };
  const changed = Object.fromEntries(Object.entries(parsed).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(original[key])));
  return { ok: true, variables: Object.keys(changed).length === 0 ? undefined : changed };
}

/** A query string of the filters that are set, in a stable order. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** The first and last characters of a SHA-256 hex digest, enough to compare by eye. */
export function shortHash(hash: string | null): string {
  if (!hash) return '—';
  return hash.length > 16 ? `${hash.slice(0, 8)}…${hash.slice(-8)}` : hash;
}
