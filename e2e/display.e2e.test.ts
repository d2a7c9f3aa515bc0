/// <reference lib="dom" />
// Large-text and high-contrast modes (WCAG 2.1 AA, 适老化): switched from the header, remembered,
// and still free of accessibility violations.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityViolations, launchBrowser, withPage } from './support/browser.js';

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser.close(); });

describe('display modes', () => {
  it('enlarges the text and raises the contrast, keeps the choice after a reload, with no axe violations', async () => {
    await withPage(browser, async (page) => {
      await page.goto(`${inject('baseUrl')}/`);
      const lead = page.locator('.lead').first();
      await lead.waitFor();
      const normalSize = await lead.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));

      await page.getByTestId('large-text-switch').click();
      await page.getByTestId('high-contrast-switch').click();
      expect(await page.getByTestId('large-text-switch').getAttribute('aria-pressed')).toBe('true');
      expect(await page.getByTestId('high-contrast-switch').getAttribute('aria-pressed')).toBe('true');
      expect(await lead.evaluate((element) => parseFloat(getComputedStyle(element).fontSize))).toBeGreaterThan(normalSize);
      expect(await page.locator('.app-header').evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(0, 0, 0)');
      expect(await accessibilityViolations(page)).toEqual([]);

      await page.reload();
      await page.locator('.lead').first().waitFor();
      expect(await page.getByTestId('large-text-switch').getAttribute('aria-pressed')).toBe('true');
      expect(await page.evaluate(() => document.documentElement.dataset.display)).toBe('large-text high-contrast');

      await page.getByTestId('large-text-switch').click();
      expect(await page.locator('.lead').first().evaluate((element) => parseFloat(getComputedStyle(element).fontSize))).toBe(normalSize);
    });
  });

  it('works by keyboard alone: skip link to the content, search the catalogue, open a guide', async () => {
    await withPage(browser, async (page) => {
      await page.goto(`${inject('baseUrl')}/portal`);
      await page.getByTestId('catalogue-search').waitFor();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.className)).toContain('skip-link');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');

      // Tab forward to the search box, type, submit with Enter.
      for (let i = 0; i < 20 && (await page.evaluate(() => document.activeElement?.id)) !== 'catalogue-search'; i += 1) {
        await page.keyboard.press('Tab');
      }
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('catalogue-search');
      await page.keyboard.type('居住证');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('catalogue-count').textContent(), { timeout: 15_000 }).toMatch(/1/);
      expect(await page.evaluate(() => document.activeElement?.id), 'focus stays in the search box').toBe('catalogue-search');

      // Tab to the guide's link and follow it with Enter.
      const focusedLink = () => page.evaluate(() => (document.activeElement?.tagName === 'A' ? document.activeElement.textContent ?? '' : ''));
      for (let i = 0; i < 40 && !(await focusedLink()).includes('居住证'); i += 1) {
        await page.keyboard.press('Tab');
      }
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('guide-title').textContent(), { timeout: 15_000 }).toContain('居住证');
    });
  });
});
