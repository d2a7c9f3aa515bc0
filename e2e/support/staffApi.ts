// Calls the API as a staff member who logged in through the real Keycloak page: the bearer token is
// the one the web app itself sends (captureBearerToken), renewed by reloading the page. No client
// needs the password grant for this.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { captureBearerToken, login, newContext } from './browser.js';

export interface StaffApi {
  call<T = unknown>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** The staff member's logged-in page, for the parts of their work that have a UI. */
  page: Page;
  close(): Promise<void>;
}

/** Tokens live five minutes; a fresh one is fetched when the last is older than this. */
const TOKEN_MAX_AGE_MS = 120_000;

export async function staffApi(browser: Browser, username: string): Promise<StaffApi> {
  const context: BrowserContext = await newContext(browser);
  const page: Page = await context.newPage();
  const token = captureBearerToken(page);
  await login(page, username);
  await expect.poll(token, { timeout: 15_000 }).not.toBeNull();
  let tokenAt = Date.now();

  const freshToken = async (): Promise<string> => {
    if (Date.now() - tokenAt > TOKEN_MAX_AGE_MS) {
      const before = token();
      await page.reload();
      await expect.poll(() => token() !== before, { timeout: 20_000 }).toBe(true);
      tokenAt = Date.now();
    }
    const current = token();
    if (!current) throw new Error(`no bearer token captured for ${username}`);
    return current;
  };

  return {
    async call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) {
      const response = await fetch(`${inject('baseUrl')}${path}`, {
        method,
        headers: { authorization: `Bearer ${await freshToken()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
    page,
    close: () => context.close(),
  };
}
