// The e-licence library (issue 10), the "done when" path in Chromium with the real Keycloak:
// enterprise1's individual business registration (个体工商户设立登记) is approved and its 营业执照
// lands in the wallet; the later food business licence application (食品经营许可) fills its
// "营业执照" material from the wallet with one click — no upload — and the approver sees it as a
// verified e-licence in the case file; approval issues the 食品经营许可证, whose QR verification page
// says valid; an uploaded copy verifies, a tampered one does not; revoking the licence makes the
// verification fail; the data-use ledger shows each use; with the holder's standing consent a new
// draft is filled from the wallet on opening. enterprise1, not citizen1 (applications.e2e
// needs citizen1 without earlier cases).
import type { ApplicationView, CaseTask, ELicence, MaterialFile } from '@gov/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityViolations, captureBearerToken, launchBrowser, login, newContext } from './support/browser.js';
import { staffApi, type StaffApi } from './support/staffApi.js';

const BUSINESS = '210100-XK-00001-D'; // 个体工商户设立登记 → 营业执照
const FOOD = '210100-XK-00002-B'; // 食品经营许可 → 食品经营许可证

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser.close(); });

const pdf = (label: string) => Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n`, 'latin1');

/** enterprise1's logged-in page and an API caller with the token the web app uses (materials need multipart). */
async function holder(): Promise<{ page: Page; call: <T>(method: string, path: string, body?: unknown) => Promise<T>; bytes: (path: string) => Promise<Buffer> }> {
  const context = await newContext(browser);
  const page = await context.newPage();
  const token = captureBearerToken(page);
  await login(page, 'enterprise1');
  await expect.poll(token, { timeout: 15_000 }).not.toBeNull();
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${inject('baseUrl')}${path}`, {
      method,
      headers: { authorization: `Bearer ${token() ?? ''}`, ...(body === undefined || body instanceof FormData ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    });
    const text = await response.text();
    expect(response.ok, `${method} ${path}: ${response.status} ${text}`).toBe(true);
    return JSON.parse(text) as T;
  };
  const bytes = async (path: string) => {
    const response = await fetch(`${inject('baseUrl')}${path}`, { headers: { authorization: `Bearer ${token() ?? ''}` } });
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  };
  return { page, call, bytes };
}

type Holder = Awaited<ReturnType<typeof holder>>;

async function draftWithUploads(h: Holder, itemCode: string, formData: Record<string, unknown>, skip: string[] = []): Promise<ApplicationView> {
  const draft = await h.call<ApplicationView>('POST', '/api/applications', { itemCode });
  await h.call('PUT', `/api/applications/${draft.id}/form`, { formData: { ...draft.formData, ...formData } });
  for (const material of draft.materials.filter((m) => m.requirement === 'mandatory' && !skip.includes(m.materialId))) {
    const form = new FormData();
    form.append('file', new Blob([pdf(`${draft.id}-${material.materialId}`)], { type: 'application/pdf' }), `${material.name}.pdf`);
    const file = await h.call<MaterialFile>('POST', '/api/files', form);
    await h.call('PUT', `/api/applications/${draft.id}/materials/${material.materialId}`, { fileIds: [file.id] });
  }
  return draft;
}

/** The case's open step `elementId`, once the approver can see it. */
async function openTask(approver: StaffApi, applicationId: string, elementId: string): Promise<CaseTask> {
  let task: CaseTask | undefined;
  await expect.poll(async () => {
    const tasks = await approver.call<CaseTask[]>('GET', `/api/applications/${applicationId}/tasks`);
    task = tasks.status === 200 ? tasks.body.find((t) => t.elementId === elementId) : undefined;
    return task?.elementId;
  }, { timeout: 30_000, interval: 500 }).toBe(elementId);
  if (!task) throw new Error(`no open step ${elementId}`);
  return task;
}

async function approve(approver: StaffApi, applicationId: string, elementId: string): Promise<void> {
  const task = await openTask(approver, applicationId, elementId);
  const decided = await approver.call('POST', `/api/applications/${applicationId}/tasks/${task.taskKey}/decision`, { decision: 'approve', opinion: '符合条件，同意' });
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
}

/** Uploads a file through the verify page's (antd) upload button and waits for the answer. */
async function verifyUpload(page: Page, content: Buffer, name: string): Promise<void> {
  const answered = page.waitForResponse((response) => response.url().endsWith('/api/verify/document'), { timeout: 20_000 });
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'application/pdf', buffer: content });
  await answered;
}

describe('e-licence library (issue 10)', () => {
  it('issues, verifies, reuses, detects tampering, revokes, and shows each use in the ledger', { timeout: 360_000 }, async () => {
    const h = await holder();
    const approver = await staffApi(browser, 'approver-amr');
    const deptAdmin = await staffApi(browser, 'deptadmin-amr');
    const page = h.page;
    const base = inject('baseUrl');

    // ---- the registration is approved: the 营业执照 appears in the wallet as a signed e-licence
    const registration = await draftWithUploads(h, BUSINESS, {
      operatorName: '赵强', operatorIdNumber: '210102198806153019', phone: '13800000002', businessName: '和平区味之源小吃店', organisationForm: 'individual',
      businessScope: '小吃店经营', premisesAddress: '沈阳市和平区中华路8号', capital: 10, employees: 3,
    });
    await h.call('POST', `/api/applications/${registration.id}/submit`);
    await approve(approver, registration.id, 'pre-review');
    await approve(approver, registration.id, 'review');
    await page.goto(`${base}/portal/licences`);
    const businessCard = page.locator('[data-testid^="licence-SY"]', { hasText: '营业执照' });
    await expect.poll(async () => {
      await page.reload();
      await page.getByTestId('wallet').waitFor({ timeout: 10_000 });
      return businessCard.count();
    }, { timeout: 45_000, interval: 1_000 }).toBe(1);
    const business = (await h.call<ELicence[]>('GET', '/api/licences')).find((l) => l.type === 'individual-business-licence');
    expect(business?.status).toBe('valid');
    expect(await page.getByTestId(`licence-status-${business?.licenceNo ?? ''}`).textContent()).toBe('有效');
    expect(await accessibilityViolations(page)).toEqual([]);

    // ---- the food business licence application uses it for "营业执照" with one click, no upload
    const food = await draftWithUploads(h, FOOD, {
      operatorName: '沈阳市和平区味之源餐饮有限公司', creditCode: '91210102MA0Q123453', premisesAddress: '沈阳市和平区中华路8号', businessItems: ['hot-food'],
      safetyManager: '王芳', phone: '13800000002',
    }, ['business-licence']);
    await page.goto(`${base}/portal/applications/${food.id}`);
    await page.getByTestId('use-licence-business-licence').click();
    await page.getByTestId(`elicence-verified-${business?.licenceNo ?? ''}`).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('material-business-licence').textContent()).toContain('电子证照 · 已核验');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByTestId('submit-application').click();
    await expect.poll(async () => (await h.call<ApplicationView>('GET', `/api/applications/${food.id}`)).status, { timeout: 20_000 }).toBe('submitted');

    // ---- the approver's case file shows the material as an e-licence, verified
    const preReview = await openTask(approver, food.id, 'pre-review');
    await approver.page.goto(`${base}/inbox/tasks/${preReview.taskKey}`);
    await approver.page.getByTestId(`elicence-verified-${business?.licenceNo ?? ''}`).waitFor({ timeout: 20_000 });
    expect(await approver.page.getByTestId('case-material-business-licence').textContent()).toContain('电子证照 · 已核验');
    await approve(approver, food.id, 'pre-review');
    await approve(approver, food.id, 'review');
    await approve(approver, food.id, 'decide');

    // ---- the 食品经营许可证 is in the wallet; its QR verification page says valid
    let licence: ELicence | undefined;
    await expect.poll(async () => {
      licence = (await h.call<ELicence[]>('GET', '/api/licences')).find((l) => l.type === 'food-business-licence');
      return licence?.status;
    }, { timeout: 30_000, interval: 500 }).toBe('valid');
    const licenceNo = licence?.licenceNo ?? '';
    expect(licence?.verifyUrl).toBe(`${base}/verify/${licenceNo}`); // what the QR code encodes
    await page.goto(`${base}/portal/licences`);
    await page.getByTestId(`licence-${licenceNo}`).waitFor({ timeout: 15_000 });
    await page.getByTestId(`licence-verify-${licenceNo}`).click();
    await page.waitForURL(`**/verify/${licenceNo}`);
    await expect.poll(() => page.getByTestId('verify-result').getAttribute('data-valid'), { timeout: 15_000 }).toBe('true');
    expect(await page.getByTestId('verify-result').textContent()).toContain('食品经营许可证');

    // ---- anyone (no login) checks a copy: the original verifies, a tampered one does not
    const original = await h.bytes(licence?.pdfUrl ?? '');
    const visitor = await (await newContext(browser)).newPage();
    await visitor.goto(licence?.verifyUrl ?? '');
    await expect.poll(() => visitor.getByTestId('verify-result').getAttribute('data-valid'), { timeout: 15_000 }).toBe('true');
    expect(await accessibilityViolations(visitor)).toEqual([]);
    await verifyUpload(visitor, original, 'licence.pdf');
    await expect.poll(() => visitor.getByTestId('verify-document-result').getAttribute('data-valid'), { timeout: 15_000 }).toBe('true');
    const text = original.toString('latin1');
    const at = text.indexOf(' Tj ET', text.indexOf('stream'));
    const tampered = Buffer.from(`${text.slice(0, at - 2)}${text[at - 2] === '0' ? '1' : '0'}${text.slice(at - 1)}`, 'latin1');
    await verifyUpload(visitor, tampered, 'tampered.pdf');
    await expect.poll(() => visitor.getByTestId('verify-document-result').getAttribute('data-valid'), { timeout: 15_000 }).toBe('false');
    expect(await visitor.getByTestId('verify-document-result').textContent()).toContain('篡改');
    expect(await accessibilityViolations(visitor)).toEqual([]);

    // ---- the department's admin revokes it in 系统管理 › 电子证照: verification fails
    const adminPage = deptAdmin.page;
    await adminPage.goto(`${base}/admin?tab=licences`);
    await adminPage.getByTestId('licence-admin-search').locator('input').fill(licenceNo);
    await adminPage.getByTestId('licence-admin-search').locator('input').press('Enter');
    const card = adminPage.getByTestId(`licence-admin-${licenceNo}`);
    await card.waitFor({ timeout: 15_000 });
    await card.getByText('吊销', { exact: true }).click();
    await card.locator('textarea').fill('经营场所不符合食品安全要求');
    expect(await accessibilityViolations(adminPage)).toEqual([]);
    await adminPage.getByTestId('licence-admin-submit').click();
    await adminPage.getByTestId('licence-admin-done').waitFor({ timeout: 15_000 });
    expect(await card.textContent()).toContain('已吊销');
    await visitor.reload();
    await expect.poll(() => visitor.getByTestId('verify-result').getAttribute('data-valid'), { timeout: 15_000 }).toBe('false');
    expect(await visitor.getByTestId('verify-result').textContent()).toContain('已吊销');

    // ---- a department system asks the library instead of asking for paper, with its service account
    // (client credentials of the gov-worker client at the real Keycloak; client role gov-api/service)
    const caseNumber = (await h.call<ApplicationView>('GET', `/api/applications/${food.id}`)).caseNumber ?? '';
    const grant = await fetch(`${inject('keycloakUrl')}/realms/gov/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'gov-worker', client_secret: 'gov-worker-dev-secret' }),
    });
    expect(grant.status).toBe(200);
    const { access_token: serviceToken } = (await grant.json()) as { access_token: string };
    const query = await fetch(`${base}/api/department/licences/query`, {
      method: 'POST',
      headers: { authorization: `Bearer ${serviceToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        holderId: '91210102MA0Q123453', type: 'individual-business-licence', caseNumber, department: '/沈阳市/市场监督管理局', basis: 'consent', purpose: '核验主体资格',
      }),
    });
    const answer = (await query.json()) as { licences: ELicence[]; verified: boolean };
    expect(query.status, JSON.stringify(answer)).toBe(200);
    expect(answer.verified).toBe(true);
    expect(answer.licences.map((l) => l.licenceNo)).toEqual([business?.licenceNo]);

    // ---- the ledger shows the use of the 营业执照 for the food licence case, and the department's query
    await page.goto(`${base}/portal/ledger`);
    await page.getByTestId('ledger').waitFor({ timeout: 15_000 });
    const row = page.locator('[data-testid="ledger"] tr', { hasText: business?.licenceNo ?? '' });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    expect(await row.first().textContent()).toContain(caseNumber);
    expect(await row.first().textContent()).toContain('持证人授权');
    expect(await page.locator('[data-testid="ledger"] tr', { hasText: '核验主体资格' }).count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);

    // ---- with the holder's standing consent (the wallet's switch), a new draft is filled on opening
    await page.goto(`${base}/portal/licences`);
    await page.getByTestId('licence-autofill').click();
    await expect.poll(() => page.getByTestId('licence-autofill').getAttribute('aria-checked'), { timeout: 10_000 }).toBe('true');
    const permit = await h.call<ApplicationView>('POST', '/api/applications', { itemCode: '210100-GG-00003-C' }); // 居住证核发: 就业证明 (营业执照等)
    await page.goto(`${base}/portal/applications/${permit.id}`);
    await page.getByTestId('licence-autofilled').waitFor({ timeout: 20_000 });
    await page.getByTestId(`elicence-verified-${business?.licenceNo ?? ''}`).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('material-employment-proof').textContent()).toContain('电子证照 · 已核验');
    await page.goto(`${base}/portal/licences`);
    await page.getByTestId('licence-autofill').click();
    await expect.poll(() => page.getByTestId('licence-autofill').getAttribute('aria-checked'), { timeout: 10_000 }).toBe('false');

    await approver.close();
    await deptAdmin.close();
  });
});
