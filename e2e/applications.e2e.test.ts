// A citizen applies online for a residence permit (居住证核发) through the portal, is told about
// missing materials, submits, answers a one-time correction notice, and rates the result. The
// approver of 沈阳市公安局 acts through the API (the inbox UI does not exist yet).
import type { ApplicationView, CaseTask } from '@gov/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityViolations, DEMO_PASSWORD, launchBrowser, login, newContext } from './support/browser.js';
import { staffApi, type StaffApi } from './support/staffApi.js';

const ITEM = '210100-GG-00003-C';

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser.close(); });

/** A minimal PDF: the platform checks the content (magic bytes), not the file name. */
function pdf(label: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n`, 'latin1');
}

async function upload(page: Page, materialId: string, name: string): Promise<void> {
  const material = page.getByTestId(`material-${materialId}`);
  await material.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/pdf', buffer: pdf(name) });
  await expect.poll(() => material.textContent(), { timeout: 15_000 }).toContain(name);
}

async function fillResidenceForm(page: Page, address: string): Promise<void> {
  const form = page.getByTestId('application-form');
  await form.getByLabel('在沈居住地址').fill(address);
  const since = form.getByLabel('居住登记日期');
  await since.fill('2024/1/15'); // the browser's (zh-CN) date format
  await since.press('Enter');
  await form.getByLabel('合法稳定住所').check();
  await form.getByLabel('窗口领取').check();
  await form.getByLabel('联系电话').fill('13800138000');
}

async function waitSaved(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('autosave-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
}

/** The open step of the case with this element id, once the engine has created it. */
async function openTask(approver: StaffApi, applicationId: string, elementId: string): Promise<CaseTask> {
  let found: CaseTask | undefined;
  await expect
    .poll(async () => {
      const tasks = await approver.call<CaseTask[]>('GET', `/api/applications/${applicationId}/tasks`);
      found = tasks.status === 200 ? tasks.body.find((task) => task.elementId === elementId) : undefined;
      return found?.elementId;
    }, { timeout: 30_000, interval: 500 })
    .toBe(elementId);
  return found as CaseTask;
}

async function decide(approver: StaffApi, applicationId: string, task: CaseTask, decision: object): Promise<ApplicationView> {
  const answer = await approver.call<ApplicationView>('POST', `/api/applications/${applicationId}/tasks/${task.taskKey}/decision`, decision);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

describe('citizen applies online (issue 6)', () => {
  it('applies, fixes what is missing, answers the correction notice, gets the result and rates it', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    let approver: StaffApi | undefined;
    try {
      // ---- an anonymous visitor opens the guide; 在线办理 sends them to the Keycloak login and back
      await page.goto(`${inject('baseUrl')}/portal?item=${ITEM}`);
      await expect.poll(() => page.getByTestId('apply-online').textContent(), { timeout: 20_000 }).toContain('登录后在线办理');
      await page.getByTestId('apply-online').click();
      await page.waitForURL((url) => url.href.startsWith(inject('keycloakUrl')), { timeout: 30_000 });
      await page.locator('#username').fill('citizen1');
      await page.locator('#password').fill(DEMO_PASSWORD);
      await page.locator('#kc-login').click();
      await page.waitForURL((url) => url.href.startsWith(inject('baseUrl')) && url.search.includes(`item=${ITEM}`), { timeout: 30_000 });

      // ---- the citizen applies: a draft pre-filled from the verified identity
      await expect.poll(() => page.getByTestId('apply-online').textContent(), { timeout: 20_000 }).toMatch(/在线办理|重新申请/);
      await page.getByTestId('apply-online').click();
      await page.waitForURL(/\/portal\/applications\/[0-9a-f-]{36}$/, { timeout: 20_000 });
      const applicationId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
      const form = page.getByTestId('application-form');
      await expect.poll(() => form.getByLabel('姓名').inputValue(), { timeout: 20_000 }).toBe('张伟');
      expect(await form.getByLabel('公民身份号码').inputValue()).toBe('210102198503121239');
      expect(await page.getByTestId('prefilled-note').textContent()).toContain('姓名');

      await fillResidenceForm(page, '沈阳市和平区南京北街1号');
      await waitSaved(page);
      expect(await page.getByTestId('autosave-status').textContent()).toMatch(/已保存 \d{2}:\d{2}/);

      // ---- two mandatory materials uploaded; submitting names the third one that is missing
      await upload(page, 'id-card', '身份证.pdf');
      await upload(page, 'photo', '照片.pdf');
      await page.getByTestId('submit-application').click();
      await expect.poll(() => page.getByTestId('submit-problems').isVisible(), { timeout: 15_000 }).toBe(true);
      const problems = await page.getByTestId('submit-problems').textContent();
      expect(problems).toContain('居住证明');
      expect(problems).not.toContain('身份证”');
      expect(await page.getByTestId('material-problem-residence-proof').isVisible()).toBe(true);
      expect(await form.getByLabel('在沈居住地址').inputValue()).toBe('沈阳市和平区南京北街1号'); // nothing typed is lost
      expect(await accessibilityViolations(page)).toEqual([]);

      await upload(page, 'residence-proof', '租赁合同.pdf');
      await page.getByTestId('submit-application').click();
      await expect.poll(() => page.getByTestId('case-number').textContent(), { timeout: 30_000 }).toMatch(/\d{6,}/);
      const caseNumber = (await page.getByTestId('case-number').textContent()) ?? '';
      expect(await page.getByTestId('application-status').textContent()).toContain('已提交');
      const [receipt] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.getByTestId('receipt-download').click()]);
      const receiptPath = await receipt.path();
      const { readFileSync } = await import('node:fs');
      expect(readFileSync(receiptPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(await accessibilityViolations(page)).toEqual([]);

      // ---- the approver asks for correction at pre-review: one material and one field
      approver = await staffApi(browser, 'approver-psb');
      const preReview = await openTask(approver, applicationId, 'pre-review');
      const corrected = await decide(approver, applicationId, preReview, {
        decision: 'correct',
        opinion: '材料需补正后受理',
        problems: [
          { target: { kind: 'material', materialId: 'photo' }, reason: '照片须为近期一寸白底免冠彩色照片，请重新上传', rule: '《居住证暂行条例》第十条' },
          { target: { kind: 'field', key: 'address' }, reason: '居住地址须写明门牌号和单元房号', rule: null },
        ],
      });
      expect(corrected.status).toBe('correction-requested');

      // ---- the citizen sees the notice with both problems, the photo and the address highlighted
      await page.reload();
      await expect.poll(() => page.getByTestId('correction-notice').isVisible(), { timeout: 20_000 }).toBe(true);
      const notice = await page.getByTestId('correction-notice').textContent();
      expect(notice).toContain('照片须为近期一寸白底免冠彩色照片');
      expect(notice).toContain('居住地址须写明门牌号');
      expect(notice).toContain('《居住证暂行条例》第十条');
      expect(await page.getByTestId('material-correction-photo').isVisible()).toBe(true);
      await expect.poll(() => form.textContent(), { timeout: 10_000 }).toContain('需补正：居住地址须写明门牌号');
      expect(await page.getByTestId('clock-state').textContent()).toBe('已暂停计时');
      expect(await accessibilityViolations(page)).toEqual([]);

      const photo = page.getByTestId('material-photo');
      await photo.locator('[data-testid^="remove-file-"]').first().click();
      await expect.poll(() => photo.textContent(), { timeout: 15_000 }).not.toContain('照片.pdf');
      await upload(page, 'photo', '白底照片.pdf');
      await form.getByLabel('在沈居住地址').fill('沈阳市和平区南京北街1号3单元502室');
      await waitSaved(page);
      await page.getByTestId('resubmit-application').click();
      await expect.poll(() => page.getByTestId('application-status').textContent(), { timeout: 30_000 }).toContain('已提交');

      // ---- pre-review accepts, review approves; the worker has the card produced and the case ends
      await decide(approver, applicationId, await openTask(approver, applicationId, 'pre-review'), { decision: 'approve', opinion: '材料齐全，予以受理' });
      await decide(approver, applicationId, await openTask(approver, applicationId, 'review'), { decision: 'approve', opinion: '符合申领条件，准予办理' });

      await expect
        .poll(async () => {
          await page.reload();
          await page.getByTestId('application-status').waitFor({ timeout: 15_000 });
          return page.getByTestId('application-status').textContent();
        }, { timeout: 90_000, interval: 2_000 })
        .toContain('已办结');
      expect(await page.getByTestId('result-outcome').textContent()).toBe('准予办理');
      const timeline = await page.getByTestId('case-timeline').textContent();
      for (const step of ['提交申请', '一次性告知补正', '补正后重新提交', '受理', '办结：准予']) expect(timeline).toContain(step);
      expect(await page.getByTestId('case-number').textContent()).toBe(caseNumber);

      // ---- a two-star rating needs a reason; the given rating is shown afterwards
      await page.getByTestId('rating-stars').locator('li').nth(1).locator('[role="radio"]').click();
      await page.getByTestId('rating-submit').click();
      expect(await page.getByTestId('rating-form').textContent()).toContain('请至少选择一项不满意的原因');
      await page.getByTestId('rating-reason-slow').check();
      await page.getByTestId('rating-comment').fill('等待时间较长');
      await page.getByTestId('rating-submit').click();
      await expect.poll(() => page.getByTestId('rating-given').isVisible(), { timeout: 15_000 }).toBe(true);
      expect(await page.getByTestId('rating-given-level').textContent()).toBe('不满意');
      expect(await page.getByTestId('rating-given').textContent()).toContain('办理慢');
      expect(await page.getByTestId('rating-rectification').textContent()).toContain('沈阳市公安局');
      expect(await accessibilityViolations(page)).toEqual([]);

      // ---- the police answer the bad rating from their inbox; the citizen sees the answer
      const staffPage = approver.page;
      await staffPage.goto(`${inject('baseUrl')}/inbox`);
      const rectification = staffPage.locator('[data-testid^="rectification-"][data-status="open"]').filter({ hasText: caseNumber });
      await rectification.waitFor({ timeout: 15_000 });
      expect(await rectification.textContent()).toContain('办理慢');
      await rectification.getByRole('textbox').fill('已优化补正告知流程，一次告知全部问题');
      await rectification.getByRole('button', { name: '提交整改回复' }).click();
      await expect.poll(() => staffPage.locator('[data-testid^="rectification-"][data-status="answered"]').filter({ hasText: caseNumber }).count(), { timeout: 15_000 }).toBe(1);
      expect(await accessibilityViolations(staffPage)).toEqual([]);
      await page.reload();
      await expect.poll(() => page.getByTestId('rating-rectification').textContent(), { timeout: 15_000 }).toContain('已优化补正告知流程');

      // ---- my applications lists it as rated; notifications tell the story
      await page.goto(`${inject('baseUrl')}/portal/applications?rated=1`);
      await expect.poll(() => page.getByTestId(`application-link-${applicationId}`).isVisible(), { timeout: 15_000 }).toBe(true);
      expect(await page.getByTestId(`application-status-${applicationId}`).textContent()).toContain('已办结');
      expect(await accessibilityViolations(page)).toEqual([]);
      await expect.poll(() => page.getByTestId('notification-bell').getAttribute('aria-label'), { timeout: 15_000 }).toMatch(/未读/);
      await page.getByTestId('notification-bell').click();
      await expect.poll(() => page.getByTestId('notifications').textContent(), { timeout: 15_000 }).toContain(caseNumber);
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByTestId('link-my-materials').click();
      await expect.poll(() => page.getByTestId('material-library').textContent(), { timeout: 15_000 }).toContain('租赁合同.pdf');
      expect(await page.getByTestId('material-library').textContent()).toContain(caseNumber);
    } finally {
      await approver?.close();
      await context.close();
    }
  });

  it('offers to resume a draft, says why a file is refused, reloads after a conflicting edit, and withdraws a submitted case', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    try {
      await login(page, 'citizen2');
      await page.goto(`${inject('baseUrl')}/portal?item=${ITEM}`);
      await expect.poll(() => page.getByTestId('apply-online').textContent(), { timeout: 20_000 }).toContain('在线办理');
      await page.getByTestId('apply-online').click();
      await page.waitForURL(/\/portal\/applications\/[0-9a-f-]{36}$/, { timeout: 20_000 });
      const draftUrl = page.url();

      // ---- back on the guide, the open draft is offered instead of starting over
      await page.goto(`${inject('baseUrl')}/portal?item=${ITEM}`);
      await expect.poll(() => page.getByTestId('resume-draft').isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await page.getByTestId('apply-online').textContent()).toContain('重新申请');
      await page.getByTestId('resume-draft').click();
      await page.waitForURL(draftUrl, { timeout: 15_000 });

      // ---- a file that is not PDF/JPEG/PNG/OFD is refused with the server's reason
      await page.getByTestId('material-photo').locator('input[type=file]').setInputFiles({ name: '照片.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
      await expect.poll(() => page.getByTestId('upload-error-photo').textContent(), { timeout: 15_000 }).toContain('照片.txt');
      expect(await page.getByTestId('upload-error-photo').textContent()).toMatch(/PDF/);

      // ---- form-js checks as one types, in the platform's words (not form-js's English)
      const phone = page.getByTestId('application-form').getByLabel('联系电话');
      await phone.fill('123');
      await phone.blur();
      await expect.poll(() => page.getByTestId('application-form').textContent(), { timeout: 10_000 }).toContain('“联系电话”格式不正确');
      expect(await page.getByTestId('application-form').textContent()).not.toContain('Field must match');

      // ---- the same draft open in a second tab: the older tab's save is refused (409) and it reloads
      const stale = await context.newPage();
      await stale.goto(draftUrl);
      await expect.poll(() => stale.getByTestId('application-form').getByLabel('姓名').inputValue(), { timeout: 20_000 }).not.toBe('');
      await page.getByTestId('application-form').getByLabel('联系电话').fill('13900001111');
      await waitSaved(page);
      await stale.getByTestId('application-form').getByLabel('在沈居住地址').fill('旧标签页里的地址');
      await expect.poll(() => stale.getByTestId('conflict-reloaded').isVisible(), { timeout: 15_000 }).toBe(true);
      await expect.poll(() => stale.getByTestId('application-form').getByLabel('联系电话').inputValue(), { timeout: 10_000 }).toBe('13900001111');
      await stale.close();

      // ---- in English the same page reads in English
      await page.getByTestId('lang-switch').click();
      await expect.poll(() => page.getByTestId('submit-application').textContent()).toContain('Submit the application');
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByTestId('lang-switch').click();
      await expect.poll(() => page.getByTestId('submit-application').textContent()).toContain('提交申请');

      // ---- the form-js form follows large text and high contrast, still without axe violations
      await page.getByTestId('large-text-switch').click();
      await page.getByTestId('high-contrast-switch').click();
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.display)).toBe('large-text high-contrast');
      expect(await page.getByTestId('application-form').getByLabel('姓名').evaluate((input) => getComputedStyle(input).fontSize)).toBe('18px');
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByTestId('large-text-switch').click();
      await page.getByTestId('high-contrast-switch').click();

      // ---- complete, submit, then withdraw with a reason
      await fillResidenceForm(page, '沈阳市沈河区青年大街100号');
      await waitSaved(page);
      await upload(page, 'id-card', '身份证.pdf');
      await upload(page, 'photo', '照片.pdf');
      await upload(page, 'residence-proof', '房产证.pdf');
      await page.getByTestId('submit-application').click();
      await expect.poll(() => page.getByTestId('case-number').textContent(), { timeout: 30_000 }).toMatch(/\d{6,}/);
      await page.getByTestId('withdraw-application').click();
      await page.getByTestId('withdraw-reason').fill('已在窗口办理');
      await page.getByTestId('withdraw-confirm').click();
      await expect.poll(() => page.getByTestId('application-status').textContent(), { timeout: 20_000 }).toBe('已撤回');
      expect(await page.getByTestId('withdraw-application').count()).toBe(0);
      expect(await page.getByTestId('case-timeline').textContent()).toContain('已在窗口办理');
    } finally {
      await context.close();
    }
  });
});
