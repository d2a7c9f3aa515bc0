import { describe, expect, it } from 'vitest';
import { checkIdNumber, idNumberCheckChar, idNumberSchema, maskIdNumber } from '../id-number.js';

const today = new Date('2026-11-27T00:00:00Z');

describe('citizen ID number (GB 11643)', () => {
  it('accepts the standard example with an X check character', () => {
    const result = checkIdNumber('11010519491231002X', today);
    expect(result).toEqual({ valid: true, idNumber: '11010519491231002X', regionCode: '110105', birthDate: '1949-12-31', sex: 'female' });
  });

  it('normalises a lower-case x', () => {
    expect(idNumberSchema.parse('11010519491231002x')).toBe('11010519491231002X');
  });

  it('computes the ISO 7064 MOD 11-2 check character', () => {
    expect(idNumberCheckChar('21010219900307123')).toBe('3');
    expect(idNumberCheckChar('21010219851122002')).toBe('6');
  });

  it.each([
    ['21010219900307123', 'format'],
    ['2101021990030712A3', 'format'],
    ['000102199003071233', 'region'],
    ['210102199002301237', 'birth-date'],
    ['210102203001011230', 'birth-date'],
    ['210102199003071234', 'checksum'],
  ])('rejects %s as a %s problem', (input, problem) => {
    const result = checkIdNumber(input, today);
    expect(result.valid).toBe(false);
    expect(result.valid ? null : result.problem).toBe(problem);
  });

  it('reports the problem through the zod schema with a readable message', () => {
    const result = idNumberSchema.safeParse('210102199003071234');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/check character/);
  });

  it('masks all but the region and check character', () => {
    expect(maskIdNumber('210102199003071233')).toBe('210102***********3');
  });
});
