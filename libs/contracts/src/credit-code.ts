// Unified social credit code (统一社会信用代码) per GB 32100-2015: registration authority (1),
// entity type (1), administrative division (6), organisation code (9), check character (1).
// Characters come from a 31-symbol alphabet without I, O, Z, S, V; the check is MOD 31.
import { z } from 'zod';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character for the first 17 characters, or null when one is outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return ALPHABET.charAt((31 - (sum % 31)) % 31);
}

export type CreditCodeCheck = { valid: true; creditCode: string } | { valid: false; message: string };

export function checkCreditCode(input: string): CreditCodeCheck {
  const code = input.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return { valid: false, message: 'A unified social credit code has 18 characters: digits and capital letters other than I, O, Z, S, V.' };
  if (creditCodeCheckChar(code.slice(0, 17)) !== code.charAt(17)) return { valid: false, message: 'The check character of the unified social credit code does not match (GB 32100).' };
  return { valid: true, creditCode: code };
}

export const creditCodeSchema = z.string().transform((value, ctx) => {
  const result = checkCreditCode(value);
  if (!result.valid) {
    ctx.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  }
  return result.creditCode;
});

/** The company an enterprise user acts for (from the token's creditCode and companyName claims). */
export const companySchema = z.object({ creditCode: z.string(), name: z.string() });
export type Company = z.infer<typeof companySchema>;
