// The shared inbox (issue 7, approvers' half): a citizen applies for a residence permit (居住证核发,
// 沈阳市公安局); the police approver works it entirely in the inbox UI — claims the pre-review, asks
// for correction with two problems in one notice, accepts the corrected application, approves the
// review — and a second tab deciding the same step late gets a readable 409. The citizen corrects
// through the portal and ends with the permit approved (the worker pushes to the simulated police system).
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityViolations, launchBrowser, login, newContext } from './support/browser.js';
import { applyForResidencePermit, upload, waitSaved } from './support/residencePermit.js';

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser.close(); });

/** The inbox rows of a case in the current view. */
const rowsOf = (page: Page, caseNumber: string): Locator => page.locator(`[data-testid^="inbox-row-"][data-case-number="${caseNumber}"]`);

/** Waits (refreshing the list) until the current view holds `count` rows of the case. */
async function waitForRows(page: Page, caseNumber: string, count: number): Promise<void> {
  await expect
    .poll(async () => {
      await page.getByTestId('inbox-refresh').click();
      await page.waitForResponse((response) => response.url().includes('/api/inbox/tasks?'), { timeout: 10_000 }).catch(() => undefined);
      return rowsOf(page, caseNumber).count();
    }, { timeout: 45_000, interval: 1_000 })
    .toBe(count);
}

async function taskKeyOf(row: Locator): Promise<string> {
  return ((await row.getAttribute('data-testid')) ?? '').replace('inbox-row-', '');
}

async function openView(page: Page, view: string): Promise<void> {
  await page.getByTestId(`inbox-view-${view}`).click();
  await page.waitForURL((url) => (view === 'department' ? !url.search.includes('view=') : url.search.includes(`view=${view}`)));
}

/** Picks what a correction problem concerns (a native select, grouped: materials, form fields, other). */
async function pickTarget(page: Page, index: number, label: string): Promise<void> {
  await page.getByTestId(`problem-target-${index}`).selectOption({ label });
}

/**
 * axe once antd's enter / leave animations (dialogs, dropdowns, messages) have finished: halfway
 * through a fade, text is measured against a half-transparent background.
 */
async function violations(page: Page): Promise<string[]> {
  await expect
    .poll(() => page.evaluate(() => document.getAnimations()
      .filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity)
      .map((a) => {
        const target = a.effect instanceof KeyframeEffect ? a.effect.target : null;
        return `${a instanceof CSSAnimation ? a.animationName : a instanceof CSSTransition ? a.transitionProperty : a.id} on ${target?.className?.toString() ?? '?'}`;
      })), { timeout: 5_000 })
    .toEqual([]);
  return accessibilityViolations(page);
}

/**
 * Clicks a header toggle (language, display modes) and moves the pointer away: hovered, the header's
 * ghost buttons fall short of AA contrast — the shell's business, not the inbox's.
 */
async function toggle(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.mouse.move(2, 790);
}

/** antd keeps a closed dropdown in the page while it fades out; axe runs once it is gone. */
async function dropdownsClosed(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count(), { timeout: 5_000 }).toBe(0);
}

/** Back on the list after a decision, with the success message. */
async function expectBackOnInbox(page: Page, text: string): Promise<void> {
  await page.waitForURL((url) => url.pathname === '/inbox', { timeout: 30_000 });
  await expect.poll(() => page.locator('.ant-message').textContent(), { timeout: 10_000 }).toContain(text);
}

describe('shared inbox (issue 7)', () => {
  it('the police approver claims, asks for correction with two problems, accepts the correction and approves; the citizen gets the permit', { timeout: 420_000 }, async () => {
    const citizenContext = await newContext(browser);
    const staffContext = await newContext(browser);
    const citizen = await citizenContext.newPage();
    const staff = await staffContext.newPage();
    try {
      // ---- the citizen applies online
      // citizen2: e2e/applications.e2e.test.ts needs citizen1 without earlier cases (their data and files prefill a new draft).
      await login(citizen, 'citizen2');
      const { applicationId, caseNumber } = await applyForResidencePermit(citizen, '沈阳市和平区南京北街1号');

      // ---- the approver lands on the inbox; the pre-review waits unclaimed in the department view
      await login(staff, 'approver-psb');
      await staff.goto(`${inject('baseUrl')}/inbox`);
      await expect.poll(() => staff.getByTestId('inbox-tasks').isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await staff.getByTestId('area-title').textContent()).toBe('审批待办');
      await waitForRows(staff, caseNumber, 1);
      const preReviewRow = rowsOf(staff, caseNumber);
      const preReviewKey = await taskKeyOf(preReviewRow);
      expect(await staff.getByTestId(`inbox-stage-${preReviewKey}`).textContent()).toBe('受理预审');
      expect(await preReviewRow.textContent()).toContain('居住证核发');
      expect(await preReviewRow.textContent()).toContain('李娜');
      expect(await preReviewRow.textContent()).toContain('沈阳市公安局');
      expect(await staff.getByTestId(`inbox-assignee-${preReviewKey}`).textContent()).toBe('未认领');
      expect(await staff.getByTestId(`inbox-due-${preReviewKey}`).getAttribute('data-due')).toBe('left');
      expect(await staff.getByTestId(`inbox-due-${preReviewKey}`).textContent()).toMatch(/剩 \d+ 天/);
      expect(await staff.getByTestId('rectifications').isVisible()).toBe(true); // the rectifications card stays on the page
      expect(await violations(staff)).toEqual([]);

      // ---- filters: by case number only this case's task; by the other stage nothing
      await staff.getByTestId('inbox-filter-case-number').fill(caseNumber);
      await staff.getByTestId('inbox-search').click();
      await expect.poll(() => staff.getByTestId('inbox-total').textContent(), { timeout: 10_000 }).toBe('共 1 件');
      expect(staff.url()).toContain(`caseNumber=${caseNumber}`);
      await staff.getByTestId('inbox-filter-stage').click();
      await staff.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '审查决定' }).click();
      await staff.getByTestId('inbox-search').click();
      await expect.poll(() => staff.getByTestId('inbox-total').textContent(), { timeout: 10_000 }).toBe('共 0 件');
      await dropdownsClosed(staff);
      await staff.getByTestId('inbox-reset').click();
      await expect.poll(() => rowsOf(staff, caseNumber).count(), { timeout: 10_000 }).toBe(1);

      // ---- large text and high contrast keep the list accessible
      await toggle(staff, 'large-text-switch');
      await toggle(staff, 'high-contrast-switch');
      expect(await violations(staff)).toEqual([]);
      await toggle(staff, 'large-text-switch');
      await toggle(staff, 'high-contrast-switch');

      // ---- claimed with the keyboard, the task leaves the department view and is in "mine"
      const mineBefore = Number((await staff.getByTestId('inbox-count-mine').textContent())?.match(/\d+/)?.[0] ?? '0');
      await staff.getByTestId(`inbox-claim-${preReviewKey}`).focus();
      await staff.keyboard.press('Enter');
      await expect.poll(() => staff.locator('.ant-message').textContent(), { timeout: 10_000 }).toContain(`已认领 ${caseNumber}`);
      await expect.poll(() => rowsOf(staff, caseNumber).count(), { timeout: 15_000 }).toBe(0);
      await expect.poll(() => staff.getByTestId('inbox-count-mine').textContent(), { timeout: 20_000 }).toContain(String(mineBefore + 1));
      await openView(staff, 'mine');
      await waitForRows(staff, caseNumber, 1);
      expect(await staff.getByTestId(`inbox-assignee-${preReviewKey}`).textContent()).toBe('approver-psb（我）');
      expect(await staff.getByTestId(`inbox-unclaim-${preReviewKey}`).isVisible()).toBe(true);

      // ---- the task view: header, the case file, a material previewed
      await staff.getByTestId(`inbox-open-${preReviewKey}`).click();
      await staff.waitForURL(`**/inbox/tasks/${preReviewKey}`);
      await expect.poll(() => staff.getByTestId('case-file-form').isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await staff.getByTestId('task-case-number').textContent()).toBe(caseNumber);
      expect(await staff.getByTestId('task-step').textContent()).toBe('受理预审');
      expect(await staff.getByTestId('task-assignee').getAttribute('data-assignee')).toBe('approver-psb');
      expect(await staff.getByTestId('task-clock').textContent()).toContain('计时中');
      await expect.poll(() => staff.getByTestId('case-field-address').textContent(), { timeout: 15_000 }).toBe('沈阳市和平区南京北街1号');
      expect(await staff.getByTestId('case-field-basis').textContent()).toBe('合法稳定住所');
      const photo = staff.getByTestId('case-material-photo');
      expect(await photo.textContent()).toContain('照片.png');
      await photo.getByRole('button', { name: '预览 照片.png' }).click(); // earlier cases' files may be offered too
      await expect.poll(() => staff.getByTestId('file-preview').getAttribute('data-state'), { timeout: 15_000 }).toBe('ready');
      expect(await staff.getByTestId('file-preview').locator('img').getAttribute('alt')).toBe('照片.png');
      expect(await violations(staff)).toEqual([]);
      await staff.keyboard.press('Escape');
      await expect.poll(() => staff.getByTestId('file-preview').count(), { timeout: 10_000 }).toBe(0);
      expect(await violations(staff)).toEqual([]);

      // ---- asking for correction: every missing piece is named at once, then two problems in one notice
      await staff.getByTestId('decision-correct').check();
      await staff.getByTestId('decision-submit').click();
      const issues = await staff.getByTestId('decision-issues').textContent();
      expect(issues).toContain('须填写审批意见');
      expect(issues).toContain('问题 1：请选择涉及的材料');
      await staff.getByTestId('decision-opinion').fill('材料需补正后受理');
      await pickTarget(staff, 0, '近期一寸白底免冠彩色照片');
      await staff.getByTestId('problem-reason-0').fill('照片须为近期一寸白底免冠彩色照片，请重新上传');
      await staff.getByTestId('problem-rule-0').fill('《居住证暂行条例》第十条');
      await staff.getByTestId('problem-add').click();
      await pickTarget(staff, 1, '在沈居住地址');
      await staff.getByTestId('problem-reason-1').fill('居住地址须写明门牌号和单元房号');
      expect(await staff.getByTestId('decision-submit').textContent()).toContain('发出补正告知书（2 项）');
      expect(await violations(staff)).toEqual([]);
      await staff.getByTestId('decision-submit').click();
      await expectBackOnInbox(staff, '已向');
      expect(staff.url()).toContain('view=mine'); // back to the list it came from
      await waitForRows(staff, caseNumber, 0);
      expect(await violations(staff)).toEqual([]); // also when the view is empty

      // ---- the citizen sees one notice with both problems, corrects and resubmits
      await citizen.reload();
      await expect.poll(() => citizen.getByTestId('correction-notice').isVisible(), { timeout: 20_000 }).toBe(true);
      const notice = await citizen.getByTestId('correction-notice').textContent();
      expect(notice).toContain('照片须为近期一寸白底免冠彩色照片');
      expect(notice).toContain('居住地址须写明门牌号');
      expect(notice).toContain('《居住证暂行条例》第十条');
      const citizenPhoto = citizen.getByTestId('material-photo');
      const removeButtons = citizenPhoto.locator('[data-testid^="remove-file-"]');
      for (let left = await removeButtons.count(); left > 0; left -= 1) {
        await removeButtons.first().click();
        await expect.poll(() => removeButtons.count(), { timeout: 15_000 }).toBe(left - 1);
      }
      await upload(citizen, 'photo', '白底照片.pdf');
      await citizen.getByTestId('application-form').getByLabel('在沈居住地址').fill('沈阳市和平区南京北街1号3单元502室');
      await waitSaved(citizen);
      await citizen.getByTestId('resubmit-application').click();
      await expect.poll(() => citizen.getByTestId('application-status').textContent(), { timeout: 30_000 }).toContain('已提交');

      // ---- the new pre-review arrives unclaimed; opened straight away it is claimed on deciding
      await openView(staff, 'department');
      await waitForRows(staff, caseNumber, 1);
      const secondKey = await taskKeyOf(rowsOf(staff, caseNumber));
      expect(secondKey).not.toBe(preReviewKey);
      await staff.getByTestId(`inbox-open-${secondKey}`).click();
      await expect.poll(() => staff.getByTestId('case-file-notices').isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await staff.getByTestId('decision-unclaimed').isVisible()).toBe(true);
      await expect.poll(() => staff.getByTestId('case-file-notices').textContent(), { timeout: 15_000 }).toContain('申请人已于'); // answered
      expect(await staff.getByTestId('case-file-notices').textContent()).toContain('照片须为近期一寸白底免冠彩色照片');
      await expect.poll(() => staff.getByTestId('case-field-address').textContent(), { timeout: 15_000 }).toBe('沈阳市和平区南京北街1号3单元502室');
      expect(await staff.getByTestId('case-file-opinions').textContent()).toContain('材料需补正后受理');
      await staff.getByTestId('decision-opinion').fill('材料齐全，予以受理');
      await staff.getByTestId('decision-submit').click();
      await expectBackOnInbox(staff, '已通过');

      // ---- the review: correction is not offered there; the page reads in English too
      await waitForRows(staff, caseNumber, 1);
      const reviewKey = await taskKeyOf(rowsOf(staff, caseNumber));
      expect(await staff.getByTestId(`inbox-stage-${reviewKey}`).textContent()).toBe('审查决定');
      // claimed in bulk: the selected row goes to "mine"
      await rowsOf(staff, caseNumber).locator('input[type="checkbox"]').check();
      expect(await staff.getByTestId('inbox-bulk-claim').textContent()).toBe('认领所选（1）');
      await staff.getByTestId('inbox-bulk-claim').click();
      await expect.poll(() => staff.locator('.ant-message').textContent(), { timeout: 10_000 }).toContain('已认领 1 件任务');
      await expect.poll(() => rowsOf(staff, caseNumber).count(), { timeout: 15_000 }).toBe(0);
      await openView(staff, 'mine');
      await waitForRows(staff, caseNumber, 1);
      const late = await staffContext.newPage(); // the same step open in a second tab, decided late
      await late.goto(`${inject('baseUrl')}/inbox/tasks/${reviewKey}`);
      await expect.poll(() => late.getByTestId('decision-submit').isVisible(), { timeout: 30_000 }).toBe(true);
      // Hold back the late tab's refresh of the task, as a slower colleague's page between two refreshes.
      await late.route(`**/api/inbox/tasks/${reviewKey}`, (route) => route.abort());

      await staff.bringToFront(); // a tab in the background runs no animations: axe would wait for them forever
      await staff.getByTestId(`inbox-open-${reviewKey}`).click();
      await expect.poll(() => staff.getByTestId('decision-panel').isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await staff.getByTestId('task-stage').getAttribute('data-stage')).toBe('approval');
      expect(await staff.getByTestId('decision-correct').isDisabled()).toBe(true); // the radio input
      expect(await staff.getByTestId('decision-unclaimed').count()).toBe(0); // claimed above
      expect(await staff.getByTestId('assign-card').count()).toBe(0); // assigning is for department admins
      await toggle(staff, 'lang-switch');
      await expect.poll(() => staff.getByTestId('decision-panel').textContent()).toContain('Decision');
      expect(await staff.getByTestId('decision-submit').textContent()).toBe('Send: approve');
      expect(await staff.getByTestId('case-file-opinions').textContent()).toContain("Departments' opinions");
      expect(await violations(staff)).toEqual([]);
      await toggle(staff, 'lang-switch');
      await expect.poll(() => staff.getByTestId('decision-submit').textContent()).toBe('提交：通过');
      await staff.getByTestId('decision-opinion').fill('符合申领条件，准予办理');
      await staff.getByTestId('decision-submit').click();
      await expectBackOnInbox(staff, '已通过');

      // ---- the late tab's decision is refused with a clear message and a way back
      await late.bringToFront();
      await late.getByTestId('decision-opinion').fill('同意');
      await late.getByTestId('decision-submit').click();
      // Which 409/404 depends on how far the inbox table has caught up with the engine; each is explained.
      await expect.poll(() => late.getByTestId('decision-panel').textContent(), { timeout: 20_000 }).toMatch(/已办结或已取消|已由同事作出决定|已不再等待决定/);
      expect(['TASK_CLOSED', 'TASK_ALREADY_DECIDED', 'TASK_NOT_FOUND']).toContain(await late.getByTestId('decision-conflict').getAttribute('data-code'));
      expect(await late.getByTestId('decision-conflict').textContent()).toContain('返回待办列表');
      expect(await violations(late)).toEqual([]);
      await late.close();

      // ---- "worked on" lists the three steps the approver took part in
      await openView(staff, 'participated');
      await waitForRows(staff, caseNumber, 3);

      // ---- the worker pushes to the police system; the citizen's case ends approved
      await expect
        .poll(async () => {
          await citizen.reload();
          await citizen.getByTestId('application-status').waitFor({ timeout: 15_000 });
          return citizen.getByTestId('application-status').textContent();
        }, { timeout: 90_000, interval: 2_000 })
        .toContain('已办结');
      expect(await citizen.getByTestId('result-outcome').textContent()).toBe('准予办理');
      const timeline = await citizen.getByTestId('case-timeline').textContent();
      for (const step of ['一次性告知补正', '补正后重新提交', '受理', '办结：准予']) expect(timeline).toContain(step);
      expect(new URL(citizen.url()).pathname).toBe(`/portal/applications/${applicationId}`);
    } finally {
      await citizenContext.close();
      await staffContext.close();
    }
  });
});
