import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../../src/runtime/json.js';
import { applyMappings, propagate, visibleVariables, type Scopes } from '../../src/runtime/variables.js';

const name = fc.constantFrom('a', 'b', 'c', 'amount', 'applicant', 'status');
const leaf: fc.Arbitrary<Json> = fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.string({ maxLength: 12 }), fc.boolean(), fc.constant(null));
const json: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,6}$/), tie('value'), { maxKeys: 3 })),
})).value;
const variables = fc.dictionary(name, json, { maxKeys: 4 });
/** A chain of scopes from the innermost to the root, with random contents. */
const scopes = fc.array(variables, { minLength: 1, maxLength: 4 }).map((list) => {
  const chain = list.map((_, i) => `scope-${i}`);
  const state: Scopes = Object.fromEntries(list.map((vars, i) => [chain[i]!, vars]));
  return { chain, state };
});

describe('variable propagation (property)', () => {
  it('writes each variable to the innermost scope that defines it, else to the root, and nowhere else', () => {
    fc.assert(fc.property(scopes, variables, ({ chain, state }, update) => {
      const before = structuredClone(state);
      propagate(state, chain, update);
      for (const [variable, value] of Object.entries(update)) {
        const owner = chain.find((scope) => Object.hasOwn(before[scope] ?? {}, variable)) ?? chain[chain.length - 1]!;
        expect(state[owner]?.[variable]).toEqual(value);
        for (const scope of chain) {
          if (scope !== owner) expect(state[scope]?.[variable]).toEqual(before[scope]?.[variable]);
        }
      }
      // afterwards every updated variable is visible with its new value from the innermost scope
      const visible = visibleVariables(state, chain);
      for (const [variable, value] of Object.entries(update)) expect(visible[variable]).toEqual(value);
    }));
  });

  it('lets inner scopes shadow outer ones', () => {
    fc.assert(fc.property(scopes, ({ chain, state }) => {
      const visible = visibleVariables(state, chain);
      for (const [variable, value] of Object.entries(visible)) {
        const owner = chain.find((scope) => Object.hasOwn(state[scope] ?? {}, variable));
        expect(owner).toBeDefined();
        expect(value).toEqual(state[owner!]![variable]);
      }
    }));
  });
});

describe('FEEL input/output mappings (property)', () => {
  it('copies any JSON value unchanged through a variable reference', () => {
    fc.assert(fc.property(json, (value) => {
      const result = applyMappings([{ source: '=value', target: 'copy' }], { value });
      expect(result).toEqual({ ok: true, variables: { copy: value } });
    }));
  });

  it('builds a nested target and keeps the other properties of an existing object', () => {
    fc.assert(fc.property(fc.dictionary(fc.stringMatching(/^[a-z]{1,5}$/), leaf, { maxKeys: 4 }), leaf, (existing, value) => {
      const context: JsonObject = { order: existing, value };
      const result = applyMappings([{ source: '=value', target: 'order.status' }], context);
      expect(result).toEqual({ ok: true, variables: { order: { ...existing, status: value } } });
    }));
  });

  it('treats a source without = as a static string', () => {
    fc.assert(fc.property(fc.string({ maxLength: 20 }).filter((s) => !s.trimStart().startsWith('=')), (text) => {
      expect(applyMappings([{ source: text, target: 'x' }], {})).toEqual({ ok: true, variables: { x: text } });
    }));
  });

  it('evaluates arithmetic like FEEL, and a missing variable yields null', () => {
    fc.assert(fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -1e6, max: 1e6 }), (a, b) => {
      expect(applyMappings([{ source: '=a + b', target: 'sum' }, { source: '=missing', target: 'none' }], { a, b }))
        .toEqual({ ok: true, variables: { sum: a + b, none: null } });
    }));
  });
});
