import { describe, expect, it } from 'vitest';
import { DEFAULT_DISPLAY, htmlDisplayAttribute, parseDisplayPrefs, themeForDisplay } from './displayPrefs';

const base = { token: { colorPrimary: '#0958d9', fontFamily: 'sans-serif' } };

describe('display preferences', () => {
  it('reads stored preferences and ignores anything else', () => {
    expect(parseDisplayPrefs('{"largeText":true,"highContrast":false}')).toEqual({ largeText: true, highContrast: false });
    expect(parseDisplayPrefs('not json')).toEqual(DEFAULT_DISPLAY);
    expect(parseDisplayPrefs('{"largeText":"yes"}')).toEqual(DEFAULT_DISPLAY);
    expect(parseDisplayPrefs(null)).toEqual(DEFAULT_DISPLAY);
  });

  it('keeps the standard theme by default', () => {
    expect(themeForDisplay(base, DEFAULT_DISPLAY).token).toEqual({ ...base.token, fontSize: 14 });
  });

  it('enlarges text and controls in large-text mode', () => {
    const token = themeForDisplay(base, { largeText: true, highContrast: false }).token;
    expect(token?.fontSize).toBe(18);
    expect(token?.controlHeight).toBe(40);
    expect(token?.colorPrimary).toBe('#0958d9');
  });

  it('switches to black text, dark actions and visible borders in high-contrast mode', () => {
    const token = themeForDisplay(base, { largeText: false, highContrast: true }).token;
    expect(token).toMatchObject({ colorText: '#000000', colorPrimary: '#00307a', colorBorder: '#000000', fontSize: 14 });
  });

  it('marks the page for the CSS of each mode', () => {
    expect(htmlDisplayAttribute({ largeText: true, highContrast: true })).toBe('large-text high-contrast');
    expect(htmlDisplayAttribute(DEFAULT_DISPLAY)).toBe('');
  });
});
