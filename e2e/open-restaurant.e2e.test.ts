// Parallel multi-department approval (R10) in the browser with real Keycloak: a company applies to
// open a restaurant (开办餐饮店“一件事”); the one-stop window accepts it; market supervision, fire
// and environment decide in parallel in their own inboxes — market supervision asks for the layout
// plan to be corrected while the other two approve; the company corrects; market supervision
// approves; the case ends approved after the results went to two department systems, and the
// company sees each department's decision.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityViolations, launchBrowser, login, newContext } from './support/browser.js';
import { pdf, upload, waitSaved } from './support/residencePermit.js';

const ITEM = '210100-GG-00001-G';

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser.close(); });

async function loggedIn(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await login(page, username);
  return { context, page };
}

/** Opens the case's open step in the approver's department view (refreshing until it is there). */
async function openStep(page: Page, caseNumber: string, view: 'department' | 'mine' = 'department'): Promise<string> {
  await page.goto(`${inject('baseUrl')}/inbox?caseNumber=${caseNumber}${view === 'mine' ? '&view=mine' : ''}`);
  const row = page.locator(`[data-testid^="inbox-row-"][data-case-number="${caseNumber}"]`);
  await expect.poll(async () => {
    await page.getByTestId('inbox-refresh').click();
    return row.count();
  }, { timeout: 60_000, interval: 1_000 }).toBe(1);
  const taskKey = ((await row.getAttribute('data-testid')) ?? '').replace('inbox-row-', '');
  await page.getByTestId(`inbox-open-${taskKey}`).click();
  await expect.poll(() => page.getByTestId('decision-panel').isVisible(), { timeout: 20_000 }).toBe(true);
  await expect.poll(() => page.getByTestId('case-file-form').isVisible(), { timeout: 20_000 }).toBe(true);
  return taskKey;
}

async function approve(page: Page, opinion: string): Promise<void> {
  await page.getByTestId('decision-opinion').fill(opinion);
  await page.getByTestId('decision-submit').click();
  await page.waitForURL((url) => url.pathname === '/inbox', { timeout: 30_000 });
}

describe('opening a restaurant: three departments in parallel (issue 7, R10)', () => {
  it('the company applies, the window accepts, three departments decide in parallel with one correction, and the company gets the result', { timeout: 600_000 }, async () => {
    const company = await loggedIn('enterprise1');
    const staff: BrowserContext[] = [company.context];
    try {
      // ---- the company applies online
      const page = company.page;
      await page.goto(`${inject('baseUrl')}/portal?item=${ITEM}`);
      await expect.poll(() => page.getByTestId('apply-online').textContent(), { timeout: 20_000 }).toMatch(/在线办理|重新申请/);
      await page.getByTestId('apply-online').click();
      await page.waitForURL(/\/portal\/applications\/[0-9a-f-]{36}$/, { timeout: 20_000 });
      const form = page.getByTestId('application-form');
      await expect.poll(() => form.getByLabel('经营者名称').inputValue(), { timeout: 20_000 }).toBe('沈阳市和平区味之源餐饮有限公司');
      await form.getByLabel('经营者（法定代表人）身份证号码').fill('210102198806153019');
      await form.getByLabel('联系电话').fill('13800000002');
      await form.getByLabel('经营场所地址').fill('沈阳市和平区中华路8号');
      await form.getByLabel('营业面积（平方米）').fill('120');
      await form.getByLabel('座位数').fill('40');
      await form.getByLabel('热食类食品制售').check();
      await form.getByLabel('我已阅读并承诺履行消防安全告知承诺书').check();
      // The last change is pending (autosaved a second later); wait for that save, not an earlier one.
      await expect.poll(() => page.getByTestId('autosave-status').getAttribute('data-state'), { timeout: 5_000 }).not.toBe('saved');
      await waitSaved(page);
      expect(await form.getByLabel('联系电话').inputValue()).toBe('13800000002');
      for (const [material, file] of [['application', '联办申请表.pdf'], ['operator-id', '法人身份证.pdf'], ['premises', '租赁合同.pdf'], ['layout', '平面布局图.pdf'], ['fire-commitment', '消防承诺书.pdf'], ['eia-registration', '环评登记表.pdf']] as const) {
        await upload(page, material, file);
      }
      await page.getByTestId('submit-application').click();
      // Either the case number, or the refused submission's problems (shown, so a failure says why).
      await expect.poll(async () => (await page.getByTestId('submit-problems').count()) > 0 ? page.getByTestId('submit-problems').textContent() : page.getByTestId('case-number').textContent({ timeout: 1_000 }).catch(() => ''), { timeout: 30_000 }).toMatch(/\d{6,}/);
      const caseNumber = (await page.getByTestId('case-number').textContent()) ?? '';

      // ---- one window accepts (一口受理)
      const window = await loggedIn('approver-gso');
      staff.push(window.context);
      await openStep(window.page, caseNumber);
      expect(await window.page.getByTestId('task-stage').getAttribute('data-stage')).toBe('pre-review');
      await approve(window.page, '材料齐全，予以受理，分送各部门并联办理');

      // ---- market supervision's department admin hands its step to an approver (bulk reassign in the
      // list; the colleagues offered, and accepted, are those who have signed in)
      const amr = await loggedIn('approver-amr');
      staff.push(amr.context);
      const admin = await loggedIn('deptadmin-amr');
      staff.push(admin.context);
      await admin.page.goto(`${inject('baseUrl')}/inbox?caseNumber=${caseNumber}`);
      const adminRow = admin.page.locator(`[data-testid^="inbox-row-"][data-case-number="${caseNumber}"]`);
      await expect.poll(async () => {
        await admin.page.getByTestId('inbox-refresh').click();
        return adminRow.count();
      }, { timeout: 60_000, interval: 1_000 }).toBe(1);
      await adminRow.locator('input[type="checkbox"]').check();
      await admin.page.getByTestId('inbox-bulk-assignee').fill('approver-amr');
      await expect.poll(() => admin.page.locator('.ant-select-item-option').filter({ hasText: 'approver-amr' }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await admin.page.getByTestId('inbox-bulk-assign').click();
      await expect.poll(() => admin.page.locator('.ant-message').textContent(), { timeout: 15_000 }).toContain('改派给 approver-amr');

      // ---- the three departments, each logged in to its own inbox, work at the same time
      const [fire, environment] = await Promise.all([loggedIn('approver-fr'), loggedIn('approver-ee')]);
      staff.push(fire.context, environment.context);
      const [, fireKey] = await Promise.all([openStep(amr.page, caseNumber, 'mine'), openStep(fire.page, caseNumber), openStep(environment.page, caseNumber)]);
      expect(await amr.page.getByTestId('task-step').textContent()).toBe('食品经营许可审查');
      // Market supervision asks for the layout plan to be corrected: its step allows a correction notice.
      expect(await amr.page.getByTestId('decision-correct').isDisabled()).toBe(false);
      await amr.page.getByTestId('decision-correct').check();
      await amr.page.getByTestId('decision-opinion').fill('平面布局图需补正');
      await amr.page.getByTestId('problem-target-0').selectOption({ label: '经营场所平面布局图及操作流程说明' });
      await amr.page.getByTestId('problem-reason-0').fill('平面布局图须标明加工操作间与就餐区的分隔');
      await amr.page.getByTestId('decision-submit').click();
      await amr.page.waitForURL((url) => url.pathname === '/inbox', { timeout: 30_000 });
      // Environment decides meanwhile. Fire types its opinion (kept as a draft on the server) but is
      // held up: a supervisor sends a supervision notice on its step, which fire answers first.
      // Environment attaches its filing receipt to the opinion.
      await environment.page.getByTestId('decision-panel').locator('input[type=file]').setInputFiles({ name: '环评备案回执.pdf', mimeType: 'application/pdf', buffer: pdf('环评备案回执') });
      await expect.poll(() => environment.page.locator('[data-testid^="decision-attachment-"]').count(), { timeout: 15_000 }).toBe(1);
      await approve(environment.page, '环评登记表已备案');
      await fire.page.getByTestId('decision-opinion').fill('消防安全检查合格');
      await expect.poll(() => fire.page.getByTestId('decision-draft-saved').count(), { timeout: 15_000 }).toBe(1);
      const supervisor = await loggedIn('supervisor1');
      staff.push(supervisor.context);
      await supervisor.page.goto(`${inject('baseUrl')}/inbox/tasks/${fireKey}`);
      await expect.poll(() => supervisor.page.getByTestId('supervision-form').isVisible(), { timeout: 20_000 }).toBe(true);
      await supervisor.page.getByTestId('supervision-text').fill('请于两个工作日内完成消防检查并反馈');
      await supervisor.page.getByTestId('supervision-send').click();
      await expect.poll(() => supervisor.page.locator('.ant-message').textContent(), { timeout: 10_000 }).toContain('已发出督办通知');
      await fire.page.goto(`${inject('baseUrl')}/inbox`);
      const notice = fire.page.locator('[data-testid^="supervision-notice-"][data-status="open"]');
      await expect.poll(() => notice.count(), { timeout: 20_000 }).toBe(1);
      expect(await notice.textContent()).toContain('请于两个工作日内完成消防检查并反馈');
      await notice.locator('textarea').fill('已安排今日现场检查，检查合格后即办结');
      await notice.locator('[data-testid^="supervision-submit-"]').click();
      await expect.poll(() => fire.page.locator('[data-testid^="supervision-notice-"][data-status="answered"]').count(), { timeout: 15_000 }).toBe(1);
      // Back on the step, the opinion typed before is still there.
      await openStep(fire.page, caseNumber);
      await expect.poll(() => fire.page.getByTestId('decision-opinion').inputValue(), { timeout: 15_000 }).toBe('消防安全检查合格');
      await fire.page.getByTestId('decision-submit').click();
      await fire.page.waitForURL((url) => url.pathname === '/inbox', { timeout: 30_000 });

      // ---- the company corrects the one material and resubmits
      await page.reload();
      await expect.poll(() => page.getByTestId('correction-notice').isVisible(), { timeout: 30_000 }).toBe(true);
      expect(await page.getByTestId('correction-notice').textContent()).toContain('平面布局图须标明加工操作间与就餐区的分隔');
      const layout = page.getByTestId('material-layout');
      const remove = layout.locator('[data-testid^="remove-file-"]');
      for (let left = await remove.count(); left > 0; left -= 1) {
        await remove.first().click();
        await expect.poll(() => remove.count(), { timeout: 15_000 }).toBe(left - 1);
      }
      await upload(page, 'layout', '平面布局图（修改）.pdf');
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByTestId('resubmit-application').click();
      await expect.poll(() => page.getByTestId('application-status').textContent(), { timeout: 30_000 }).toBe('已受理，审查中');

      // ---- market supervision decides again on the corrected file
      await openStep(amr.page, caseNumber);
      await approve(amr.page, '布局合理，准予食品经营许可');

      // ---- the company sees the result and every department's decision
      await expect.poll(async () => {
        await page.reload();
        await page.getByTestId('case-summary').waitFor({ timeout: 20_000 });
        return page.getByTestId('application-status').textContent();
      }, { timeout: 120_000, interval: 3_000 }).toBe('已办结（准予）');
      const result = (await page.getByTestId('case-result').textContent()) ?? '';
      for (const department of ['市场监督管理局', '消防救援支队', '生态环境局']) expect(result).toContain(department);
      expect(await page.getByTestId('case-timeline').textContent()).toContain('附件：环评备案回执.pdf');
      expect(await accessibilityViolations(page)).toEqual([]);
    } finally {
      await Promise.all(staff.map((context) => context.close()));
    }
  });
});
