// Public disclosure (R3): laws and policies, notices, complaint channels and intermediary services,
// reachable from the portal without login, with no accessibility violations.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityViolations, launchBrowser, withPage } from './support/browser.js';

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser.close(); });

describe('public information in the portal', () => {
  it('an anonymous visitor opens the laws and policies from the portal and reads the city plan', async () => {
    await withPage(browser, async (page) => {
      await page.goto(`${inject('baseUrl')}/portal`);
      await page.getByTestId('public-info-link-policy').click();
      await expect.poll(() => page.getByTestId('public-info-title').textContent(), { timeout: 15_000 }).toBe('政策法规');
      await expect.poll(() => page.getByTestId('public-info-item').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
      expect(await page.getByText('沈政发〔2017〕15号').isVisible()).toBe(true);
      expect(await accessibilityViolations(page)).toEqual([]);
    });
  });

  it.each([
    ['notice', '沈阳市政务服务平台上线试运行公告'],
    ['complaint-channel', '12345政务服务便民热线'],
    ['intermediary', '消防设施检测'],
  ])('shows the %s page with its entries and no axe violations', async (kind, title) => {
    await withPage(browser, async (page) => {
      await page.goto(`${inject('baseUrl')}/portal?info=${kind}`);
      await expect.poll(() => page.getByRole('heading', { name: title }).isVisible(), { timeout: 15_000 }).toBe(true);
      expect(await accessibilityViolations(page)).toEqual([]);
    });
  });
});
