// A citizen's residence permit (居住证核发, 210100-GG-00003-C, 沈阳市公安局) through the portal UI:
// the steps e2e/applications.e2e.test.ts takes, as helpers for tests that need such a case.
import type { Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const RESIDENCE_PERMIT = '210100-GG-00003-C';

/** A minimal PDF: the platform checks the content (magic bytes), not the file name. */
export function pdf(label: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n`, 'latin1');
}

/** A 1×1 white PNG, for a photo an approver can preview as an image. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC', 'base64');

export async function upload(page: Page, materialId: string, name: string, content: Buffer = pdf(name)): Promise<void> {
  const material = page.getByTestId(`material-${materialId}`);
  const mimeType = name.endsWith('.png') ? 'image/png' : 'application/pdf';
  await material.locator('input[type=file]').setInputFiles({ name, mimeType, buffer: content });
  await expect.poll(() => material.textContent(), { timeout: 15_000 }).toContain(name);
}

export async function fillResidenceForm(page: Page, address: string): Promise<void> {
  const form = page.getByTestId('application-form');
  await form.getByLabel('在沈居住地址').fill(address);
  const since = form.getByLabel('居住登记日期');
  await since.fill('2024/1/15'); // the browser's (zh-CN) date format
  await since.press('Enter');
  await form.getByLabel('合法稳定住所').check();
  await form.getByLabel('窗口领取').check();
  await form.getByLabel('联系电话').fill('13800138000');
}

export async function waitSaved(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('autosave-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
}

/**
 * The logged-in citizen applies from the item's guide with a complete form and the three
 * mandatory materials (the photo as a PNG) and submits; returns the case.
 */
export async function applyForResidencePermit(page: Page, address: string): Promise<{ applicationId: string; caseNumber: string }> {
  await page.goto(`${inject('baseUrl')}/portal?item=${RESIDENCE_PERMIT}`);
  await expect.poll(() => page.getByTestId('apply-online').textContent(), { timeout: 20_000 }).toMatch(/在线办理|重新申请/);
  await page.getByTestId('apply-online').click();
  await page.waitForURL(/\/portal\/applications\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  const applicationId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
  await expect.poll(() => page.getByTestId('application-form').getByLabel('姓名').inputValue(), { timeout: 20_000 }).not.toBe('');
  await fillResidenceForm(page, address);
  await waitSaved(page);
  await upload(page, 'id-card', '身份证.pdf');
  await upload(page, 'photo', '照片.png', PNG);
  await upload(page, 'residence-proof', '租赁合同.pdf');
  await page.getByTestId('submit-application').click();
  await expect.poll(() => page.getByTestId('case-number').textContent(), { timeout: 30_000 }).toMatch(/\d{6,}/);
  return { applicationId, caseNumber: (await page.getByTestId('case-number').textContent()) ?? '' };
}
