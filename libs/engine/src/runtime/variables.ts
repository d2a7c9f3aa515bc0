// Variable scopes, propagation and input/output mappings, as documented by Camunda:
// https://docs.camunda.io/docs/components/concepts/variables/
import { evaluateProperty } from '../feel/feel.js';
import type { Mapping } from '../model/process-model.js';
import { isJsonObject, type Json, type JsonObject } from './json.js';

/** Scopes from the innermost to the root. */
export type ScopeChain = readonly string[];
export type Scopes = Record<string, JsonObject>;

/** The variables visible from the innermost scope of `chain`: inner scopes shadow outer ones. */
export function visibleVariables(scopes: Scopes, chain: ScopeChain): JsonObject {
  const out: JsonObject = {};
  for (let i = chain.length - 1; i >= 0; i--) Object.assign(out, scopes[chain[i] ?? ''] ?? {});
  return out;
}

/** Sets variables in the given scope, whether or not they existed there before. */
export function setLocal(scopes: Scopes, scope: string, variables: JsonObject): void {
  scopes[scope] = { ...(scopes[scope] ?? {}), ...variables };
}

/**
 * Merges variables into the instance: each variable is written to the innermost scope of
 * `chain` that already defines it, else it is created in the root scope.
 */
export function propagate(scopes: Scopes, chain: ScopeChain, variables: JsonObject): void {
  for (const [name, value] of Object.entries(variables)) {
    const owner = chain.find((scope) => Object.hasOwn(scopes[scope] ?? {}, name)) ?? chain[chain.length - 1];
    if (owner === undefined) continue;
    setLocal(scopes, owner, { [name]: value });
  }
}

function setPath(target: JsonObject, path: string[], value: Json): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const existing = target[head];
  const child: JsonObject = isJsonObject(existing) ? { ...existing } : {};
  setPath(child, rest, value);
  target[head] = child;
}

export type MappingResult = { ok: true; variables: JsonObject } | { ok: false; message: string };

/**
 * Applies mappings in order. Each source is evaluated against `context` plus the results of
 * the mappings before it; a dotted target merges into the existing object of that name.
 */
export function applyMappings(mappings: readonly Mapping[], context: JsonObject): MappingResult {
  const result: JsonObject = {};
  for (const mapping of mappings) {
    const evaluated = evaluateProperty(mapping.source, { ...context, ...result });
    if (!evaluated.ok) return { ok: false, message: evaluated.message };
    const path = mapping.target.split('.');
    const root = path[0] ?? '';
    if (path.length > 1 && !(root in result)) {
      const existing = context[root];
      if (isJsonObject(existing)) result[root] = existing;
    }
    setPath(result, path, evaluated.value);
  }
  return { ok: true, variables: result };
}

export function pick(variables: JsonObject, names: readonly string[]): JsonObject {
  if (names.length === 0) return variables;
  const out: JsonObject = {};
  for (const name of names) if (Object.hasOwn(variables, name)) out[name] = variables[name] ?? null;
  return out;
}
