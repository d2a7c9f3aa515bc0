import { ConfigProvider } from 'antd';
import type { ReactNode } from 'react';

/*
 * antd derives hover colours from the platform's primary #0958d9 as #2e7ae6, 4.2:1 on white: short
 * of WCAG AA for text on a hovered default button and for white text on a hovered primary one (axe
 * finds it whenever the pointer rests on a button). The inbox's pages use the darker #003eb3
 * (9:1) instead. The app theme (src/app/theme.ts) now sets the same for every area; this stays so the
 * inbox keeps it even where a display mode derives its own theme.
 */
const HOVER = '#003eb3';

export function InboxTheme({ children }: { children: ReactNode }) {
  return <ConfigProvider theme={{ token: { colorPrimaryHover: HOVER, colorLinkHover: HOVER } }}>{children}</ConfigProvider>;
}
