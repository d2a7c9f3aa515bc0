// Counters (R14, R15) in the browser with real Keycloak: a community clerk accepts the minimum
// living allowance for a walk-in citizen (ID checked, form filled, materials scanned, on-the-spot
// pre-review with a printed one-time notice, then acceptance), and the case flows online to the
// street office and the district civil affairs bureau, each deciding in its own inbox. The hand-back
// at the window comes after a seven-day public notice; apps/api/test/counter.int.test.ts runs it with
// the engine's clock moved on.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityViolations, launchBrowser, login, newContext } from './support/browser.js';
import { pdf, waitSaved } from './support/residencePermit.js';

const WALK_IN = '210102194803124329'; // GB 11643-valid; nobody has applied with it

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser.close(); });

async function scan(page: Page, materialId: string, name: string): Promise<void> {
  const material = page.getByTestId(`material-${materialId}`);
  await material.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/pdf', buffer: pdf(name) });
  await expect.poll(() => material.textContent(), { timeout: 15_000 }).toContain(name);
}

/** The approver finds the case in the department view, opens it and approves with an opinion. */
async function approveInInbox(page: Page, caseNumber: string, opinion: string, form?: Record<string, string>): Promise<string> {
  await page.goto(`${inject('baseUrl')}/inbox?caseNumber=${caseNumber}`);
  const row = page.locator(`[data-testid^="inbox-row-"][data-case-number="${caseNumber}"]`);
  await expect.poll(async () => {
    await page.getByTestId('inbox-refresh').click();
    return row.count();
  }, { timeout: 45_000, interval: 1_000 }).toBe(1);
  const taskKey = ((await row.getAttribute('data-testid')) ?? '').replace('inbox-row-', '');
  const step = (await page.getByTestId(`inbox-stage-${taskKey}`).textContent()) ?? '';
  await page.getByTestId(`inbox-open-${taskKey}`).click();
  await expect.poll(() => page.getByTestId('decision-panel').isVisible(), { timeout: 20_000 }).toBe(true);
  // The case file shows how the case came in; the diagram where it stands.
  await expect.poll(() => page.getByTestId('case-file-form').isVisible(), { timeout: 20_000 }).toBe(true);
  await page.getByTestId('process-diagram-toggle').click();
  await expect.poll(() => page.getByTestId('process-diagram').getAttribute('data-drawn'), { timeout: 20_000 }).toBe('yes');
  expect(await page.locator('.inbox-diagram .gov-step-active').count()).toBeGreaterThan(0);
  await page.getByTestId('decision-opinion').fill(opinion);
  if (form) {
    // The step's approval form (the street's household survey): approving without it is refused,
    // the problems shown under its fields; filled in, it goes with the decision.
    const approval = page.getByTestId('decision-form');
    await expect.poll(() => approval.getByLabel(Object.keys(form)[0] ?? '').count(), { timeout: 20_000 }).toBe(1);
    await page.getByTestId('decision-submit').click();
    await expect.poll(() => approval.locator('.fjs-form-field-error').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    for (const [label, value] of Object.entries(form)) {
      const input = approval.getByLabel(label);
      await input.fill(value);
      if (/^\d{4}\/\d{1,2}\/\d{1,2}$/.test(value)) await input.press('Enter'); // a date picker takes the browser's (zh-CN) format
    }
  }
  await page.getByTestId('decision-submit').click();
  await page.waitForURL((url) => url.pathname === '/inbox', { timeout: 30_000 });
  return step;
}

describe('counter acceptance (issue 7, R14)', () => {
  it('a community clerk accepts the minimum living allowance for a walk-in citizen; it flows to the street and the district', { timeout: 420_000 }, async () => {
    const clerkContext = await newContext(browser);
    const clerk = await clerkContext.newPage();
    try {
      await login(clerk, 'clerk-community');
      await clerk.goto(`${inject('baseUrl')}/counter`);
      await expect.poll(() => clerk.getByTestId('counter-centre').textContent(), { timeout: 20_000 }).toContain('和平区太原街街道北市社区');
      expect(await accessibilityViolations(clerk)).toEqual([]);

      // ---- who stands at the window: a wrong ID number is refused readably, the right one is checked
      await clerk.getByTestId('counter-id-number').fill('210102194803124320');
      await clerk.getByTestId('counter-look-up').click();
      await expect.poll(() => clerk.getByTestId('counter-new').textContent()).toContain('身份证号码有误');
      await clerk.getByTestId('counter-id-number').fill(WALK_IN);
      await clerk.getByTestId('counter-look-up').click();
      await expect.poll(() => clerk.getByTestId('counter-person').textContent(), { timeout: 15_000 }).toContain('尚无该申请人的办件记录');
      await clerk.getByTestId('counter-start').click(); // nothing chosen yet: every missing field is named
      await expect.poll(() => clerk.getByTestId('counter-new').textContent()).toContain('请选择办理事项');
      await clerk.getByTestId('counter-item').click();
      await clerk.keyboard.type('最低生活保障');
      await clerk.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '最低生活保障审核确认' }).click();
      await clerk.getByTestId('counter-name').fill('刘桂兰');
      await clerk.getByTestId('counter-phone').fill('13912345678');
      await clerk.getByTestId('counter-start').click();
      await clerk.waitForURL(/\/counter\/applications\/[0-9a-f-]{36}$/, { timeout: 20_000 });

      // ---- the same application form as online, pre-filled from what the clerk checked
      const form = clerk.getByTestId('application-form');
      await expect.poll(() => form.getByLabel('申请人身份证号码').inputValue(), { timeout: 20_000 }).toBe(WALK_IN);
      expect(await form.getByLabel('申请人姓名').inputValue()).toBe('刘桂兰');
      expect(await form.getByLabel('联系电话').inputValue()).toBe('13912345678');
      await form.getByLabel('户籍地址').fill('沈阳市和平区北市社区6号');
      await form.getByLabel('共同生活家庭人口').fill('2');
      await form.getByLabel('家庭月总收入（元）').fill('800');
      await form.getByLabel('申请理由').fill('年老体弱，无固定收入');
      await form.getByLabel('全体家庭成员同意并授权核对家庭经济状况').check();
      await waitSaved(clerk);
      await scan(clerk, 'application', '申请书.pdf');

      // ---- on-the-spot pre-review: the one-time notice prints; submitting now names what is missing
      const [notice] = await Promise.all([clerk.waitForEvent('download', { timeout: 20_000 }), clerk.getByTestId('print-notice').click()]);
      expect(notice.suggestedFilename()).toMatch(/^notice-.*\.pdf$/);
      await clerk.getByTestId('submit-application').click();
      await expect.poll(() => clerk.getByTestId('submit-problems').textContent(), { timeout: 15_000 }).toContain('家庭经济状况核对授权书');
      expect(await accessibilityViolations(clerk)).toEqual([]);
      await scan(clerk, 'family-id', '户口簿.pdf');
      await scan(clerk, 'authorisation', '授权书.pdf');
      await clerk.getByTestId('submit-application').click();
      await expect.poll(() => clerk.getByTestId('case-number').textContent(), { timeout: 30_000 }).toMatch(/\d{6,}/);
      const caseNumber = (await clerk.getByTestId('case-number').textContent()) ?? '';
      expect(await clerk.getByTestId('application-status-tag').textContent()).toBe('已受理，审查中');

      // ---- 材料网上流转: the street office, then the district bureau, each in its own inbox
      const survey = { 入户调查日期: '2026/11/20', 核实的共同生活家庭成员人数: '3', '核实的家庭月收入（元）': '1200', 居住及生活状况: '租住平房，无固定收入' };
      for (const [username, opinion, step, form] of [['approver-street', '入户调查属实', '审查决定', survey], ['approver-ca', '符合条件，拟纳入保障', '审查决定', undefined]] as const) {
        const context = await newContext(browser);
        const page = await context.newPage();
        try {
          await login(page, username);
          expect(await approveInInbox(page, caseNumber, opinion, form)).toBe(step);
        } finally {
          await context.close();
        }
      }

      // ---- the counter follows the case: its timeline shows both departments' opinions
      await clerk.goto(`${inject('baseUrl')}/counter`);
      await clerk.getByRole('tab', { name: '办理中' }).click();
      await expect.poll(() => clerk.getByTestId('counter-cases').textContent(), { timeout: 20_000 }).toContain(caseNumber);
      await clerk.locator(`[data-testid^="counter-open-"]`).first().click();
      await expect.poll(() => clerk.getByTestId('application-title').textContent(), { timeout: 20_000 }).toBe('最低生活保障审核确认');
      const timeline = clerk.getByTestId('case-timeline');
      await expect.poll(async () => {
        await clerk.reload();
        await timeline.waitFor({ timeout: 20_000 });
        return timeline.textContent();
      }, { timeout: 60_000, interval: 2_000 }).toContain('符合条件，拟纳入保障');
      const text = (await timeline.textContent()) ?? '';
      expect(text).toContain('入户调查属实');
      expect(text).toContain('北市社区窗口受理');
      expect(await accessibilityViolations(clerk)).toEqual([]);
    } finally {
      await clerkContext.close();
    }
  });
});
