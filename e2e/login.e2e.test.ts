// Single sign-on through the real Keycloak: each demo role logs in on the Keycloak page, lands on
// its home, sees only its areas; the server refuses what a role may not do; logout ends the session.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityViolations, captureBearerToken, launchBrowser, login, withPage } from './support/browser.js';

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser.close(); });

const ALL_AREAS = ['portal', 'counter', 'inbox', 'designer', 'admin', 'analytics'];

const roles = [
  { username: 'citizen1', name: '张伟', home: '/portal', areas: ['portal'] },
  { username: 'clerk1', name: '王芳', home: '/counter', areas: ['counter'] },
  { username: 'approver-amr', name: '刘洋', home: '/inbox', areas: ['inbox'] },
  { username: 'deptadmin-amr', name: '赵敏', home: '/inbox', areas: ['inbox', 'admin', 'analytics'] },
  { username: 'supervisor1', name: '黄强', home: '/inbox', areas: ['inbox', 'analytics'] },
  { username: 'designer1', name: '周婷', home: '/designer', areas: ['designer'] },
  { username: 'admin1', name: '吴刚', home: '/admin', areas: ['admin', 'analytics'] },
];

describe('login through Keycloak', () => {
  it.each(roles)('$username lands on $home and sees only its areas', async ({ username, name, home, areas }) => {
    await withPage(browser, async (page) => {
      await login(page, username);
      await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe(home);
      await expect.poll(() => page.getByTestId('user-name').textContent()).toContain(name);
      for (const area of ALL_AREAS) {
        expect(await page.getByTestId(`nav-${area}`).count(), `nav-${area} for ${username}`).toBe(areas.includes(area) ? 1 : 0);
      }
      await expect.poll(() => page.getByTestId('area-title').isVisible()).toBe(true);
    });
  });
});

describe('authorisation', () => {
  it('shows a citizen who opens the inbox a forbidden page, and the API refuses them a staff-only endpoint (audit log)', async () => {
    await withPage(browser, async (page) => {
      const token = captureBearerToken(page);
      await login(page, 'citizen2');
      await page.goto(`${inject('baseUrl')}/inbox`);
      await expect.poll(() => page.getByTestId('forbidden').isVisible(), { timeout: 15_000 }).toBe(true);

      const bearer = token();
      expect(bearer).not.toBeNull();
      const me = await fetch(`${inject('baseUrl')}/api/me`, { headers: { authorization: `Bearer ${bearer}` } });
      expect(await me.json()).toMatchObject({ username: 'citizen2', roles: ['citizen'], idNumberMasked: expect.stringMatching(/^\d{6}\*+[\dX]$/) });
      const audit = await fetch(`${inject('baseUrl')}/api/audit`, { headers: { authorization: `Bearer ${bearer}` } });
      expect(audit.status).toBe(403);
      expect(audit.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(await audit.json()).toMatchObject({ status: 403, code: 'ROLE_REQUIRED' });
    });
  });
});

describe('logout', () => {
  it('ends the Keycloak session: opening a protected area afterwards asks for the password again', async () => {
    await withPage(browser, async (page) => {
      await login(page, 'approver-psb');
      await page.getByTestId('user-menu').click();
      await page.getByTestId('logout').click();
      await expect.poll(() => page.getByTestId('login').isVisible(), { timeout: 30_000 }).toBe(true);
      await page.goto(`${inject('baseUrl')}/inbox`);
      await page.waitForURL((url) => url.href.startsWith(inject('keycloakUrl')), { timeout: 30_000 });
      expect(await page.locator('#password').isVisible()).toBe(true);
    });
  });
});

describe('accessibility (WCAG 2.1 AA)', () => {
  it('the public home page has no axe violations', async () => {
    await withPage(browser, async (page) => {
      await page.goto(`${inject('baseUrl')}/`);
      await expect.poll(() => page.getByTestId('login').isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await accessibilityViolations(page)).toEqual([]);
    });
  });

  it('a citizen\'s portal page has no axe violations', async () => {
    await withPage(browser, async (page) => {
      await login(page, 'citizen1');
      await expect.poll(() => page.getByTestId('area-title').isVisible()).toBe(true);
      expect(await accessibilityViolations(page)).toEqual([]);
    });
  });
});
