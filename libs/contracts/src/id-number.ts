// Citizen ID number (公民身份号码) per GB 11643-1999: 6-digit region code, 8-digit birth date,
// 3-digit sequence (odd = male, even = female), and an ISO 7064 MOD 11-2 check character.
import { z } from 'zod';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type IdNumberProblem = 'format' | 'region' | 'birth-date' | 'checksum';

export type IdNumberCheck =
  | { valid: true; idNumber: string; birthDate: string; sex: 'male' | 'female'; regionCode: string }
  | { valid: false; problem: IdNumberProblem; message: string };

/** Computes the check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

/**
 * Checks structure, region, birth date and checksum. `today` bounds the birth date
 * (injected so callers and tests decide what "now" is).
 */
export function checkIdNumber(input: string, today: Date = new Date()): IdNumberCheck {
  const idNumber = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(idNumber)) {
    return { valid: false, problem: 'format', message: 'ID number must be 17 digits followed by a digit or X (18 characters).' };
  }
  const regionCode = idNumber.slice(0, 6);
  const province = Number(regionCode.slice(0, 2));
  if (province < 11 || province > 91) {
    return { valid: false, problem: 'region', message: `ID number region code ${regionCode} is not a valid administrative division.` };
  }
  const year = Number(idNumber.slice(6, 10));
  const month = Number(idNumber.slice(10, 12));
  const day = Number(idNumber.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  const realDate = birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day;
  if (!realDate || year < 1890 || birth.getTime() > today.getTime()) {
    return { valid: false, problem: 'birth-date', message: `ID number birth date ${idNumber.slice(6, 14)} is not a real past date.` };
  }
  if (idNumberCheckChar(idNumber.slice(0, 17)) !== idNumber.charAt(17)) {
    return { valid: false, problem: 'checksum', message: 'ID number check character does not match (GB 11643 checksum).' };
  }
  return {
    valid: true,
    idNumber,
    regionCode,
    birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
    sex: Number(idNumber.charAt(16)) % 2 === 1 ? 'male' : 'female',
  };
}

/** Masks an ID number for display: region and check character stay, the rest is hidden. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length !== 18) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 6)}********${idNumber.slice(14, 17).replace(/./g, '*')}${idNumber.slice(17)}`;
}

/** zod schema for an ID number anywhere it enters the system; normalises a lower-case x. */
export const idNumberSchema = z.string().transform((value, ctx) => {
  const result = checkIdNumber(value);
  if (!result.valid) {
    ctx.addIssue({ code: 'custom', message: result.message, params: { problem: result.problem } });
    return z.NEVER;
  }
  return result.idNumber;
});
