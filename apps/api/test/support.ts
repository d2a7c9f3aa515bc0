// Small helpers the API's integration tests share.
import type { ApplicationView, MaterialFile } from '@gov/contracts';
import { expect } from 'vitest';

/** Retries `check` until it stops throwing (the engine and the inbox listeners work asynchronously). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The JSON body of a response that must have `status` (the body is shown when it does not). */
export async function json<T>(response: Response, status: number): Promise<T> {
  const body: unknown = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(status);
  return body as T;
}

/** The smallest file the upload check accepts as a PDF, distinct per tag. */
export const pdf = (tag: string) => Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% ${tag}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);

/**
 * Applies for an item as the token's owner and submits: the draft, the form (merged over what the
 * platform pre-filled), a small PDF for every mandatory material; returns the submitted case.
 */
export async function applyAndSubmit(
  app: { baseUrl: string; send(method: string, path: string, token: string | null, body?: unknown): Promise<Response> },
  token: string, itemCode: string, formData: Record<string, unknown>, tag = itemCode,
): Promise<ApplicationView> {
  const draft = await readyToSubmit(app, token, itemCode, formData, tag);
  return json<ApplicationView>(await app.send('POST', `/api/applications/${draft.id}/submit`, token), 200);
}

/** A draft with its form filled in and a small PDF for every mandatory material: ready to submit. */
export async function readyToSubmit(
  app: { baseUrl: string; send(method: string, path: string, token: string | null, body?: unknown): Promise<Response> },
  token: string, itemCode: string, formData: Record<string, unknown>, tag = itemCode,
): Promise<ApplicationView> {
  const draft = await json<ApplicationView>(await app.send('POST', '/api/applications', token, { itemCode }), 201);
  await json(await app.send('PUT', `/api/applications/${draft.id}/form`, token, { formData: { ...draft.formData, ...formData } }), 200);
  for (const material of draft.materials.filter((m) => m.requirement === 'mandatory')) {
    const body = new FormData();
    body.append('file', new Blob([new Uint8Array(pdf(`${tag}-${material.materialId}`))]), `${material.materialId}.pdf`);
    const file = await json<MaterialFile>(await fetch(`${app.baseUrl}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body }), 201);
    await json(await app.send('PUT', `/api/applications/${draft.id}/materials/${material.materialId}`, token, { fileIds: [file.id] }), 200);
  }
  return draft;
}
