/**
 * Uniform service item code (事项编码): one code per item across the city.
 *
 *   210100-XK-00001-K
 *   │      │  │     └ check character: Luhn mod 36 over the preceding 13 characters (0-9, A-Z)
 *   │      │  └ serial number within division and type, 5 digits
 *   │      └ item type, 2 letters (see ITEM_TYPE_CODES): XK 行政许可, QR 行政确认, GF 行政给付, …
 *   └ administrative division code (GB/T 2260) of the city that owns the catalogue: 210100 沈阳市
 *
 * The check character catches every single mistyped character and almost every swap of two
 * neighbouring characters, so a code copied by hand from a paper guide is checked before use.
 */
export const ITEM_CODE_PATTERN = /^(\d{6})-([A-Z]{2})-(\d{5})-([0-9A-Z])$/;

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Luhn mod N (N = 36) check character for a string over 0-9A-Z. */
export function luhn36(payload: string): string {
  const n = ALPHABET.length;
  let factor = 2;
  let sum = 0;
  for (let i = payload.length - 1; i >= 0; i -= 1) {
    const value = ALPHABET.indexOf(payload.charAt(i));
    if (value < 0) throw new Error(`"${payload.charAt(i)}" cannot appear in an item code`);
    let addend = factor * value;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / n) + (addend % n);
    sum += addend;
  }
  return ALPHABET.charAt((n - (sum % n)) % n);
}

export type ItemCodeCheck = { valid: true } | { valid: false; reason: string };

export function checkItemCode(code: string): ItemCodeCheck {
  const match = ITEM_CODE_PATTERN.exec(code);
  if (!match) return { valid: false, reason: 'must look like 210100-XK-00001-K (division-type-serial-check)' };
  const [, division = '', type = '', serial = '', check = ''] = match;
  if (!ITEM_TYPE_CODE_VALUES.includes(type)) return { valid: false, reason: `unknown item type code "${type}"` };
  const expected = luhn36(division + type + serial);
  if (check !== expected) return { valid: false, reason: `check character should be ${expected}, not ${check}` };
  return { valid: true };
}

/** Builds a code with its check character. */
export function makeItemCode(division: string, type: string, serial: number): string {
  const serialText = String(serial).padStart(5, '0');
  return `${division}-${type}-${serialText}-${luhn36(division + type + serialText)}`;
}

/** Item type (事项类型) → the two letters used in codes. */
export const ITEM_TYPE_CODES = {
  licence: 'XK', // 行政许可
  confirmation: 'QR', // 行政确认
  payment: 'GF', // 行政给付
  levy: 'ZS', // 行政征收
  reward: 'JL', // 行政奖励
  adjudication: 'CJ', // 行政裁决
  'public-service': 'GG', // 公共服务
  other: 'QT', // 其他行政权力
} as const;

const ITEM_TYPE_CODE_VALUES: readonly string[] = Object.values(ITEM_TYPE_CODES);
