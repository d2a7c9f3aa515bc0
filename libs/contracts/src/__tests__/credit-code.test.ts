import { describe, expect, it } from 'vitest';
import { checkCreditCode, creditCodeCheckChar } from '../credit-code.js';

describe('unified social credit code (GB 32100)', () => {
  it('accepts codes whose check character matches, in any case', () => {
    const body = '91210102MA0Q12345';
    const check = creditCodeCheckChar(body);
    expect(check).not.toBeNull();
    const code = `${body}${check ?? ''}`;
    expect(checkCreditCode(code)).toEqual({ valid: true, creditCode: code });
    expect(checkCreditCode(code.toLowerCase())).toEqual({ valid: true, creditCode: code });
  });

  it('computes the check character of a known real code', () => {
    // 91350100M000100Y43 is the code GB 32100's guidance and many registries use as their example.
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('refuses a wrong check character, forbidden letters and wrong lengths', () => {
    expect(checkCreditCode('91350100M000100Y44')).toMatchObject({ valid: false, message: expect.stringContaining('check character') });
    expect(checkCreditCode('91350100M000100I43')).toMatchObject({ valid: false, message: expect.stringContaining('18 characters') });
    expect(checkCreditCode('9135010')).toMatchObject({ valid: false });
  });
});
