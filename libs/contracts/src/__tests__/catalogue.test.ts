import { describe, expect, it } from 'vitest';
import { checkItemCode, diffJson, luhn36, makeItemCode } from '../index.js';

describe('uniform item code', () => {
  it('accepts a code whose check character matches', () => {
    expect(makeItemCode('210100', 'XK', 1)).toBe('210100-XK-00001-D');
    expect(checkItemCode('210100-XK-00001-D')).toEqual({ valid: true });
  });

  it('rejects every single mistyped character', () => {
    const code = '210100-GF-00001-H';
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let i = 0; i < code.length - 2; i += 1) {
      if (code[i] === '-') continue;
      for (const c of alphabet) {
        if (c === code[i]) continue;
        const typo = code.slice(0, i) + c + code.slice(i + 1);
        expect(checkItemCode(typo).valid, typo).toBe(false);
      }
    }
  });

  it('rejects swapped neighbouring digits in the serial', () => {
    expect(checkItemCode('210100-XK-00012-' + luhn36('210100XK00021')).valid).toBe(false);
  });

  it('explains malformed and unknown-type codes', () => {
    expect(checkItemCode('SY-0001')).toMatchObject({ valid: false, reason: expect.stringMatching(/210100-XK-00001-K/) });
    expect(checkItemCode('210100-ZZ-00001-0')).toMatchObject({ valid: false, reason: expect.stringMatching(/unknown item type/) });
  });
});

describe('diffJson', () => {
  it('names changed fields by path and compares materials by id', () => {
    const before = { name: 'A', days: 5, materials: [{ id: 'a', name: '申请书' }, { id: 'b', name: '身份证' }] };
    const after = { name: 'A', days: 3, materials: [{ id: 'new', name: '委托书' }, { id: 'a', name: '申请书' }, { id: 'b', name: '居民身份证' }] };
    expect(diffJson(before, after)).toEqual([
      { path: 'days', before: 5, after: 3 },
      { path: 'materials.[b].name', before: '身份证', after: '居民身份证' },
      { path: 'materials.[new]', before: null, after: { id: 'new', name: '委托书' } },
    ]);
  });

  it('finds no change in equal content', () => {
    expect(diffJson({ a: [1, 2], b: { c: null } }, { a: [1, 2], b: { c: null } })).toEqual([]);
  });
});
