import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export const DEMO_PASSWORD = 'demo1234';

/** A fresh browser profile (no cookies, so no Keycloak session) per user. */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
}

/** Runs `fn` in a fresh page of a fresh browser profile, closing it afterwards. */
export async function withPage<T>(browser: Browser, fn: (page: Page) => Promise<T>): Promise<T> {
  const context = await newContext(browser);
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

/** Logs in through the real Keycloak login page, starting from the platform's home page. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${inject('baseUrl')}/`);
  await page.getByTestId('login').click();
  await page.waitForURL((url) => url.href.startsWith(inject('keycloakUrl')), { timeout: 30_000 });
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('#kc-login').click();
  await page.waitForURL((url) => url.href.startsWith(inject('baseUrl')), { timeout: 30_000 });
  await expect.poll(() => page.getByTestId('user-name').isVisible(), { timeout: 20_000 }).toBe(true);
}

/** Captures the bearer token the web app sends to the API, to call the API as that user. */
export function captureBearerToken(page: Page): () => string | null {
  let token: string | null = null;
  page.on('request', (request) => {
    const header = request.headers().authorization;
    if (request.url().includes('/api/') && header?.startsWith('Bearer ')) token = header.slice(7);
  });
  return () => token;
}

/** WCAG 2.1 A/AA violations on the current page, as readable strings. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}
