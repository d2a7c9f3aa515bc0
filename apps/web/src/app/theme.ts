import type { ThemeConfig } from 'antd';

/*
 * antd's defaults miss WCAG 2.1 AA contrast in places (#1677ff links and buttons ≈ 4.1:1,
 * 45 % grey secondary text ≈ 3.4:1); these tokens keep every text colour at ≥ 4.5:1 on white
 * and on the light-grey layout background.
 */
export const HEADER_BACKGROUND = '#0a2d6e';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    // antd derives hover colours from the primary as #2e7ae6 (4.2:1 on white): darker instead (9:1).
    colorPrimaryHover: '#003eb3',
    colorLinkHover: '#003eb3',
    colorError: '#cf1322',
    colorSuccess: '#237804',
    colorWarning: '#ad4e00',
    colorInfo: '#0958d9',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    // Placeholders are text too (a select's "choose …" prompt): antd's 25 % grey is ≈ 1.6:1.
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.62)',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', sans-serif",
  },
  components: {
    Layout: { headerBg: HEADER_BACKGROUND, headerPadding: '0 24px', footerBg: 'transparent' },
  },
};
