// The public catalogue and service guides as an anonymous visitor sees them (with axe checks on
// every public page), and an admin's published edit reaching the public guide.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityViolations, launchBrowser, login, withPage } from './support/browser.js';

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser.close(); });

const portal = (query = '') => `${inject('baseUrl')}/portal${query}`;

async function resultNames(page: Page): Promise<string[]> {
  await expect.poll(() => page.getByTestId('catalogue-count').isVisible(), { timeout: 20_000 }).toBe(true);
  return page.locator('.catalogue-result-title').allTextContents();
}

describe('public portal (no login)', () => {
  it('lists the published services, searches and filters them, with no accessibility violations', async () => {
    await withPage(browser, async (page) => {
      await page.goto(portal());
      expect(await resultNames(page)).toContain('食品经营许可');
      expect(await page.getByTestId('catalogue-count').textContent()).toMatch(/共 \d+ 个事项/);
      expect(await accessibilityViolations(page)).toEqual([]);

      await page.getByTestId('catalogue-search').fill('居住证');
      await page.getByTestId('catalogue-search-submit').click();
      await expect.poll(() => resultNames(page), { timeout: 15_000 }).toEqual(['居住证核发']);

      await page.goto(portal('?online=false'));
      await expect.poll(() => resultNames(page), { timeout: 15_000 }).toEqual(['内地居民结婚登记']);
      await page.goto(portal('?theme=birth&level=city'));
      await expect.poll(() => resultNames(page), { timeout: 15_000 }).toEqual(['新生儿出生“一件事”']);
      expect(await accessibilityViolations(page)).toEqual([]);
    });
  });

  it('opens a printable guide with materials and a downloadable template, with no accessibility violations', async () => {
    await withPage(browser, async (page) => {
      await page.goto(portal(`?q=${encodeURIComponent('食品经营')}`));
      await expect.poll(() => resultNames(page), { timeout: 15_000 }).toContain('食品经营许可');
      await page.getByRole('link', { name: '食品经营许可', exact: true }).click();
      await expect.poll(() => page.getByTestId('guide-title').textContent(), { timeout: 15_000 }).toBe('食品经营许可');
      expect(await page.getByTestId('guide-statutory-days').textContent()).toBe('10 个工作日');
      expect(await page.getByTestId('guide-materials').textContent()).toContain('食品经营许可申请书');
      expect(await page.getByTestId('print-guide').isVisible()).toBe(true);
      // the statutory clock's calendar: the promised 5 working days counted from today
      await expect.poll(() => page.getByTestId('guide-due-date').textContent(), { timeout: 15_000 }).toMatch(/5 个工作日内、即 \d{4}-\d{2}-\d{2} 前办结/);
      const template = await page.getByTestId('template-application').getAttribute('href');
      const file = await page.request.get(`${inject('baseUrl')}${template}`);
      expect(file.status()).toBe(200);
      expect(await file.text()).toContain('食品经营许可申请书');
      expect(await accessibilityViolations(page)).toEqual([]);

      await page.goto(portal('?item=210100-QR-00001-K'));
      await expect.poll(() => page.getByTestId('guide-offline-reason').textContent(), { timeout: 15_000 }).toContain('亲自到婚姻登记机关');
      expect(await accessibilityViolations(page)).toEqual([]);

      await page.goto(portal('?item=210100-XK-99999-0'));
      await expect.poll(() => page.getByTestId('guide-not-found').isVisible(), { timeout: 15_000 }).toBe(true);
    });
  });

  it('works in English too', async () => {
    await withPage(browser, async (page) => {
      await page.goto(portal('?item=210100-GG-00003-C'));
      await expect.poll(() => page.getByTestId('guide-title').isVisible(), { timeout: 15_000 }).toBe(true);
      await page.getByTestId('lang-switch').click();
      await expect.poll(() => page.getByTestId('back-to-catalogue').textContent()).toContain('Back to the services');
      expect(await accessibilityViolations(page)).toEqual([]);
    });
  });
});

describe('catalogue administration', () => {
  it('an admin edits and publishes an item, and the public guide shows the change', async () => {
    const code = '210100-GG-00003-C';
    await withPage(browser, async (page) => {
      await login(page, 'admin1');
      await page.goto(`${inject('baseUrl')}/admin`);
      await expect.poll(() => page.getByTestId(`edit-${code}`).isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByTestId(`edit-${code}`).click();
      await expect.poll(() => page.getByTestId('editor-title').textContent(), { timeout: 15_000 }).toBe('居住证核发');
      await page.getByTestId('item-promised-days').fill('7');
      await page.getByTestId('save-item').click();
      await expect.poll(() => page.getByTestId('publish-item').isVisible(), { timeout: 15_000 }).toBe(true);
      await page.getByTestId('publish-item').click();
      await expect.poll(() => page.getByTestId('publish-item').count(), { timeout: 15_000 }).toBe(0);
      await page.getByRole('tab', { name: '变更记录' }).click();
      await expect.poll(() => page.getByTestId('item-history').textContent(), { timeout: 15_000 }).toContain('admin1');
    });
    await withPage(browser, async (page) => {
      await page.goto(portal(`?item=${code}`));
      await expect.poll(() => page.getByTestId('guide-promised-days').textContent(), { timeout: 15_000 }).toBe('7 个工作日');
    });
  });

  it('a department admin sees only their department’s items', async () => {
    await withPage(browser, async (page) => {
      await login(page, 'deptadmin-amr');
      await page.goto(`${inject('baseUrl')}/admin`);
      await expect.poll(() => page.getByTestId('edit-210100-XK-00002-B').isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await page.getByTestId('edit-210100-GG-00003-C').count()).toBe(0);
    });
  });
});
