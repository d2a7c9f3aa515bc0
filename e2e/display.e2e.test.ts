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
});
