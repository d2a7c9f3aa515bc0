// An operator resolves an incident from the operations console. The police's business system
// (simulated, apps/dept-sim) is made to fail at run time; a citizen's residence permit (居住证核发)
// is approved by the police, the worker's push to the police system runs out of retries and the
// case has an incident. admin1 (logged in through the real Keycloak page) sees it in the console,
// the failing calls in the exchange log and the open breaker in department health; the department
// admin of 市场监督管理局 sees none of it. The police system is restored, the operator retries with
// a corrected variable, the case goes through to its result and shows as decided in the case library
// (the admin's tab and the police approver's /inbox/cases; not to 市场监督管理局).
import type { ApplicationView, CaseTask, MaterialFile } from '@gov/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityViolations, captureBearerToken, launchBrowser, login, newContext } from './support/browser.js';
import { staffApi, type StaffApi } from './support/staffApi.js';

const ITEM = '210100-GG-00003-C'; // 居住证核发: pre-review → review → produce (dept.submit to psb) → result

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser.close(); });

const pdf = (label: string) => Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n`, 'latin1');

/** Fault injection of a simulated department (PUT /admin/departments/{code}/faults). */
async function setFaults(simUrl: string, code: string, faults: object): Promise<void> {
  const response = await fetch(`${simUrl}/admin/departments/${code}/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
  expect(response.status, await response.text()).toBe(200);
}

/**
 * enterprise1 (a citizen too) applies through the API with the token the web app uses (materials need
 * multipart, which StaffApi does not send). Not citizen1: applications.e2e needs citizen1 without
 * earlier cases, whose form data and files would prefill its new draft, whatever order the files run in.
 */
async function applyForResidencePermit(): Promise<ApplicationView> {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    const token = captureBearerToken(page);
    await login(page, 'enterprise1');
    await expect.poll(token, { timeout: 15_000 }).not.toBeNull();
    const call = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> => {
      const response = await fetch(`${inject('baseUrl')}${path}`, {
        method,
        headers: { authorization: `Bearer ${token() ?? ''}`, ...(body === undefined || body instanceof FormData ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
      });
      const text = await response.text();
      expect(response.ok, `${method} ${path}: ${response.status} ${text}`).toBe(true);
      return JSON.parse(text) as T;
    };
    const draft = await call<ApplicationView>('POST', '/api/applications', { itemCode: ITEM });
    await call('PUT', `/api/applications/${draft.id}/form`, {
      formData: { ...draft.formData, address: '沈阳市和平区中山路88号2单元301室', residentSince: '2024-01-15', basis: 'employment', delivery: 'counter', phone: '13800138000' },
    });
    for (const material of draft.materials.filter((m) => m.requirement === 'mandatory')) {
      const form = new FormData();
      form.append('file', new Blob([pdf(`${draft.id}-${material.materialId}`)], { type: 'application/pdf' }), `${material.name}.pdf`);
      const file = await call<MaterialFile>('POST', '/api/files', form);
      await call('PUT', `/api/applications/${draft.id}/materials/${material.materialId}`, { fileIds: [file.id] });
    }
    return await call<ApplicationView>('POST', `/api/applications/${draft.id}/submit`, undefined, { 'idempotency-key': `ops-e2e-${draft.id}` });
  } finally {
    await context.close();
  }
}

async function approve(approver: StaffApi, applicationId: string, elementId: string): Promise<void> {
  let task: CaseTask | undefined;
  await expect.poll(async () => {
    const tasks = await approver.call<CaseTask[]>('GET', `/api/applications/${applicationId}/tasks`);
    task = tasks.status === 200 ? tasks.body.find((t) => t.elementId === elementId) : undefined;
    return task?.elementId;
  }, { timeout: 30_000, interval: 500 }).toBe(elementId);
  const decided = await approver.call('POST', `/api/applications/${applicationId}/tasks/${task?.taskKey ?? ''}/decision`, { decision: 'approve', opinion: '符合条件，同意' });
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
}

/** Waits until antd's open/close animations are over: axe measures colours mid-fade otherwise. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'), undefined, { timeout: 10_000 });
}

/** The console row of the case's incident, once the console shows it (the list refreshes itself every 10 s). */
async function incidentRow(page: Page, caseNumber: string) {
  const row = page.locator('[data-testid^="incident-case-"]', { hasText: caseNumber });
  await expect.poll(() => row.count(), { timeout: 90_000, interval: 1_000 }).toBe(1);
  const testId = (await row.getAttribute('data-testid')) ?? '';
  return testId.replace('incident-case-', '');
}

describe('operations console (issue 8)', () => {
  it('an operator sees a department system failure as an incident, fixes it and retries; the case goes through', { timeout: 300_000 }, async () => {
    const operator = await staffApi(browser, 'admin1');
    const approver = await staffApi(browser, 'approver-psb');
    const otherAdmin = await staffApi(browser, 'deptadmin-amr');
    const page = operator.page;
    const connections = await operator.call<{ department: string; baseUrl: string }[]>('GET', '/api/integrations/connections');
    const psbUrl = connections.body.find((c) => c.department === 'psb')?.baseUrl ?? '';
    expect(psbUrl).toMatch(/\/departments\/psb$/);
    const simUrl = psbUrl.replace(/\/departments\/psb$/, '');
    try {
      // ---- the police system answers 503 to everything while the police approve a residence permit
      await setFaults(simUrl, 'psb', { errorRate: 1 });
      const submitted = await applyForResidencePermit();
      const caseNumber = submitted.caseNumber ?? '';
      expect(caseNumber).toMatch(/^210100-\d{8}-\d{6}$/);
      await approve(approver, submitted.id, 'pre-review');
      await approve(approver, submitted.id, 'review');

      // ---- the operator opens 运维监控 and finds the incident with the failing step, error and variables
      await page.goto(`${inject('baseUrl')}/admin`);
      await page.getByTestId('admin-tab-operations').click();
      await page.getByTestId('operations-console').waitFor({ timeout: 20_000 });
      const incidentKey = await incidentRow(page, caseNumber);
      const row = page.locator(`#incident-${incidentKey}`);
      expect(await row.textContent()).toContain('居住证核发');
      expect(await row.textContent()).toContain('produce');
      expect(await page.getByTestId(`incident-error-${incidentKey}`).textContent()).toContain('503');
      expect(await row.textContent()).toContain('沈阳市公安局');
      expect(await accessibilityViolations(page)).toEqual([]);

      // ---- the exchange log shows the failed calls of the case; department health the open breaker
      await page.getByTestId('ops-tab-exchanges').click();
      await page.getByTestId('exchange-filter-case').fill(caseNumber);
      await page.getByTestId('exchange-search').click();
      await expect.poll(() => page.locator('[data-testid^="exchange-outcome-"]', { hasText: '失败' }).count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(5);
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByTestId('ops-tab-health').click();
      await expect.poll(() => page.getByTestId('breaker-psb').getAttribute('data-state'), { timeout: 15_000 }).toMatch(/^(open|half-open)$/);
      expect(await page.getByTestId('health-psb').textContent()).toContain('公安局');
      expect(await accessibilityViolations(page)).toEqual([]);

      // ---- the police system's connection is there to check (secrets are never shown)
      await page.getByTestId('ops-tab-connections').click();
      expect(await page.getByTestId('connection-url-psb').textContent()).toBe(psbUrl);
      await page.getByTestId('edit-connection-psb').click();
      await expect.poll(() => page.getByTestId('connection-base-url').inputValue(), { timeout: 10_000 }).toBe(psbUrl);
      expect(await page.getByTestId('connection-api-key').inputValue()).toBe('');
      await settled(page);
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('connection-base-url').count(), { timeout: 10_000 }).toBe(0);

      // ---- the department admin of 市场监督管理局 does not see the police's incident, nor act on it
      const otherPage = otherAdmin.page;
      await otherPage.goto(`${inject('baseUrl')}/admin?tab=operations`);
      await otherPage.getByTestId('incidents-table').waitFor({ timeout: 20_000 });
      // loaded: either the empty list or other incidents of their own departments' cases
      await expect.poll(async () => (await otherPage.getByTestId('incidents-empty').isVisible()) || (await otherPage.locator('[data-testid^="incident-case-"]').count()) > 0, { timeout: 15_000 }).toBe(true);
      expect(await otherPage.locator('[data-testid^="incident-case-"]', { hasText: caseNumber }).count()).toBe(0);
      const foreign = await otherAdmin.call('POST', `/api/operations/incidents/${incidentKey}/retry`, { retries: 1 });
      expect(foreign.status).toBe(404);
      const foreignCases = await otherAdmin.call<{ total: number }>('GET', `/api/cases?caseNumber=${caseNumber}`);
      expect(foreignCases.body.total).toBe(0);

      // ---- the police system is back; the operator retries with a corrected variable
      await setFaults(simUrl, 'psb', {});
      await page.getByTestId('ops-tab-incidents').click();
      await page.getByTestId(`incident-retry-${incidentKey}`).click();
      const variables = page.getByTestId('retry-variables');
      await variables.waitFor();
      const current = JSON.parse(await variables.inputValue()) as Record<string, unknown>;
      expect(current.caseNumber).toBe(caseNumber);
      await variables.fill('{ "broken": ');
      expect(await page.getByTestId('retry-variables-error').textContent()).toContain('JSON');
      await variables.fill(JSON.stringify({ ...current, operatorNote: '公安局业务系统已恢复，重新推送' }, null, 2));
      expect(await page.getByTestId('retry-variables-summary').textContent()).toContain('operatorNote');
      await settled(page);
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByTestId('retry-confirm').click();
      await expect.poll(() => page.locator(`#incident-${incidentKey}`).count(), { timeout: 20_000 }).toBe(0);

      // ---- the case goes through (once the breaker lets the worker call again) and the breaker closes
      await expect.poll(async () => {
        const view = await approver.call<ApplicationView>('GET', `/api/applications/${submitted.id}`);
        return view.body.status;
      }, { timeout: 90_000, interval: 2_000 }).toBe('approved');
      await page.getByTestId('ops-tab-health').click();
      await expect.poll(() => page.getByTestId('breaker-psb').getAttribute('data-state'), { timeout: 30_000 }).toBe('closed');

      // ---- the case library finds it decided; opening it shows the case and its exchanges
      await page.getByTestId('admin-tab-cases').click();
      await page.getByTestId('cases-filter-case-number').fill(caseNumber);
      await page.getByTestId('cases-search').click();
      await expect.poll(() => page.getByTestId(`case-status-${submitted.id}`).textContent(), { timeout: 15_000 }).toContain('已办结（准予）');
      // The row is also in the unfiltered list shown before the search: wait for the filtered total.
      await expect.poll(() => page.getByTestId('cases-total').textContent(), { timeout: 15_000 }).toMatch(/(^|\D)1(\D|$)/);
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByTestId(`case-open-${submitted.id}`).click();
      await expect.poll(() => page.getByTestId('case-dialog-status').textContent(), { timeout: 15_000 }).toContain('已办结（准予）');
      await expect.poll(() => page.getByTestId('case-dialog-exchanges').textContent(), { timeout: 15_000 }).toContain('成功');
      expect(await page.getByTestId('case-dialog-timeline').textContent()).toContain('办结：准予');
      await settled(page);
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');

      // ---- the police's approver finds it in the case library of the inbox area; 市场监督管理局 does not
      const approverPage = approver.page;
      await approverPage.goto(`${inject('baseUrl')}/inbox/cases`);
      await approverPage.getByTestId('cases-filter-case-number').fill(caseNumber);
      await approverPage.getByTestId('cases-search').click();
      await expect.poll(() => approverPage.getByTestId(`case-status-${submitted.id}`).textContent(), { timeout: 15_000 }).toContain('已办结（准予）');
      expect(await accessibilityViolations(approverPage)).toEqual([]);
      await otherPage.goto(`${inject('baseUrl')}/admin?tab=cases`);
      await otherPage.getByTestId('cases-filter-case-number').fill(caseNumber);
      await otherPage.getByTestId('cases-search').click();
      await expect.poll(() => otherPage.getByTestId('cases-total').textContent(), { timeout: 15_000 }).toBe('共 0 件');

      // ---- the console speaks English too
      await page.getByTestId('lang-switch').first().click();
      await expect.poll(() => page.getByTestId('admin-tab-cases').textContent(), { timeout: 10_000 }).toBe('Case library');
      expect(await page.getByTestId(`case-status-${submitted.id}`).textContent()).toBe('Completed (approved)');
      await page.getByTestId('admin-tab-operations').click();
      await expect.poll(() => page.getByTestId('ops-tab-health').textContent(), { timeout: 10_000 }).toBe('Department health');
      expect(await accessibilityViolations(page)).toEqual([]);
    } finally {
      await setFaults(simUrl, 'psb', {}).catch(() => undefined);
      await Promise.all([operator.close(), approver.close(), otherAdmin.close()]);
    }
  });
});
