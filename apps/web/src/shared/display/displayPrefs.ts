// Display preferences for readers who need them (适老化/无障碍): large text and high contrast.
// Kept in localStorage; pure helpers here, the React hook in useDisplayPrefs.ts.
import type { ThemeConfig } from 'antd';

export interface DisplayPrefs {
  largeText: boolean;
  highContrast: boolean;
}

export const DISPLAY_STORAGE_KEY = 'gov.display';
export const DEFAULT_DISPLAY: DisplayPrefs = { largeText: false, highContrast: false };

/** Reads stored preferences; anything unreadable falls back to the defaults. */
export function parseDisplayPrefs(stored: string | null): DisplayPrefs {
  if (!stored) return DEFAULT_DISPLAY;
  try {
    const value: unknown = JSON.parse(stored);
    if (typeof value !== 'object' || value === null) return DEFAULT_DISPLAY;
    return {
      largeText: 'largeText' in value && value.largeText === true,
      highContrast: 'highContrast' in value && value.highContrast === true,
    };
  } catch {
    return DEFAULT_DISPLAY;
  }
}

/** Base font size in px: antd's 14 by default, 18 in large-text mode (controls grow with it). */
export function baseFontSize(prefs: DisplayPrefs): number {
  return prefs.largeText ? 18 : 14;
}

/** The antd theme for the preferences, derived from the standard one. */
export function themeForDisplay(base: ThemeConfig, prefs: DisplayPrefs): ThemeConfig {
  const fontSize = baseFontSize(prefs);
  const token = {
    ...base.token,
    fontSize,
    ...(prefs.largeText ? { controlHeight: 40, fontSizeHeading1: 40, fontSizeHeading2: 32, fontSizeHeading3: 26 } : {}),
    // High contrast: black on white, dark blue actions, visible borders (contrast well above 7:1).
    ...(prefs.highContrast
      ? {
          colorText: '#000000',
          colorTextSecondary: '#000000',
          colorTextTertiary: '#1a1a1a',
          colorTextDescription: '#1a1a1a',
          colorPrimary: '#00307a',
          colorLink: '#00307a',
          colorBorder: '#000000',
          colorBorderSecondary: '#333333',
          colorBgLayout: '#ffffff',
        }
      : {}),
  };
  return { ...base, token };
}

/** Attribute values on <html> that global.css keys its extra rules on. */
export function htmlDisplayAttribute(prefs: DisplayPrefs): string {
  return [prefs.largeText ? 'large-text' : '', prefs.highContrast ? 'high-contrast' : ''].filter(Boolean).join(' ');
}
