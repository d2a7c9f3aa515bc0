import { describe, expect, it } from 'vitest';
import { en } from './en';
import { otherLanguage, resolveLanguage } from './language';
import { zhCN } from './zhCN';

describe('resolveLanguage', () => {
  it('starts in Chinese when nothing is stored', () => {
    expect(resolveLanguage(null)).toBe('zh-CN');
  });

  it('keeps a stored English choice', () => {
    expect(resolveLanguage('en')).toBe('en');
  });

  it('ignores a stored language the platform does not offer', () => {
    expect(resolveLanguage('fr')).toBe('zh-CN');
  });

  it('switches between the two languages', () => {
    expect(otherLanguage('zh-CN')).toBe('en');
    expect(otherLanguage('en')).toBe('zh-CN');
  });
});

describe('messages', () => {
  function leaves(value: unknown, prefix = ''): [string, unknown][] {
    if (typeof value !== 'object' || value === null) return [[prefix, value]];
    return Object.entries(value).flatMap(([key, child]) => leaves(child, prefix ? `${prefix}.${key}` : key));
  }

  it('translates every Chinese string into English, none left empty', () => {
    const zhKeys = leaves(zhCN).map(([key]) => key);
    const enLeaves = leaves(en);
    expect(enLeaves.map(([key]) => key)).toEqual(zhKeys);
    for (const [key, text] of enLeaves) expect(typeof text === 'string' && text.trim() !== '', key).toBe(true);
  });
});
