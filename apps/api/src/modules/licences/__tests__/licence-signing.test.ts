// Signing and tamper detection of e-licences: SM2-SM3 and Ed25519 keys in a folder, rotation, the
// PDF's embedded signature. Real crypto and a real temporary folder; no database.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LicencePayload } from '@gov/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { departmentSlug, LicenceKeys } from '../licence-keys.js';
import { embeddedLicence, renderLicencePdf } from '../licence-pdf.js';
import { replaces, statusOf } from '../licences.service.js';

const AMR = '/沈阳市/市场监督管理局';
const folders: string[] = [];
const tempKeys = (algorithm: 'SM2-SM3' | 'Ed25519', now = () => new Date('2026-11-27T10:00:00Z')) => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'licence-keys-'));
  folders.push(folder);
  return { folder, keys: new LicenceKeys(folder, algorithm, now) };
};
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const payload = (overrides: Partial<LicencePayload> = {}): LicencePayload => ({
  licenceNo: 'SY20261127000001', type: 'food-business-licence', typeName: '食品经营许可证', version: 1,
  holder: { kind: 'company', name: '沈阳市和平区味之源餐饮有限公司', id: '91210102MA0Q123453' },
  fields: [{ key: 'premisesAddress', label: '经营场所', value: '沈阳市和平区中华路8号' }, { key: 'safetyManager', label: '食品安全管理人员', value: '王芳' }],
  department: { path: AMR, name: '沈阳市市场监督管理局' }, issuedAt: '2026-11-27T10:00:00.000Z', validFrom: '2026-11-27T10:00:00.000Z', validUntil: '2031-11-26T23:59:59.000Z',
  ...overrides,
});

describe('licence signing keys', () => {
  it.each(['SM2-SM3', 'Ed25519'] as const)('signs with %s and verifies only the exact signed bytes', async (algorithm) => {
    const { keys } = tempKeys(algorithm);
    const text = JSON.stringify(payload());
    const signature = await keys.sign(AMR, Buffer.from(text));
    expect(signature.algorithm).toBe(algorithm);
    expect(await keys.verify(Buffer.from(text), signature)).toBe(true);
    expect(await keys.verify(Buffer.from(text.replace('王芳', '王芬')), signature)).toBe(false);
    expect(await keys.verify(Buffer.from(text), { ...signature, algorithm: algorithm === 'SM2-SM3' ? 'Ed25519' : 'SM2-SM3' })).toBe(false);
    expect(await keys.verify(Buffer.from(text), { ...signature, keyId: 'amr-20200101000000-abcdef' })).toBe(false);
  });

  it('creates one active key per department, the private key readable only by its owner', async () => {
    const { folder, keys } = tempKeys('SM2-SM3');
    const first = await keys.sign(AMR, Buffer.from('a'));
    const second = await keys.sign(AMR, Buffer.from('b'));
    expect(second.keyId).toBe(first.keyId);
    expect(first.keyId).toMatch(/^amr-20261127100000-[0-9a-f]{6}$/);
    const files = readdirSync(path.join(folder, 'amr')).sort();
    expect(files).toEqual(['ACTIVE', `${first.keyId}.key`, `${first.keyId}.pub.json`]);
    expect(statSync(path.join(folder, 'amr', `${first.keyId}.key`)).mode & 0o077).toBe(0);
    expect(departmentSlug('/沈阳市/某新设部门')).toMatch(/^d[0-9a-f]{12}$/);
  });

  it('keeps licences signed before a rotation verifiable, signs new ones with the new key and deletes the old private key', async () => {
    const { folder, keys } = tempKeys('SM2-SM3');
    const before = await keys.sign(AMR, Buffer.from('issued before'));
    const rotated = await keys.rotate(AMR);
    const after = await keys.sign(AMR, Buffer.from('issued after'));
    expect(after.keyId).toBe(rotated.keyId);
    expect(after.keyId).not.toBe(before.keyId);
    // A fresh process (no cache) reads the old public key from its file.
    const reopened = new LicenceKeys(folder, 'SM2-SM3');
    expect(await reopened.verify(Buffer.from('issued before'), before)).toBe(true);
    expect(await reopened.verify(Buffer.from('issued after'), after)).toBe(true);
    expect(readdirSync(path.join(folder, 'amr'))).not.toContain(`${before.keyId}.key`);
  });
});

describe('licence PDF', () => {
  it('embeds the signed payload and signature, renders the same bytes for the same licence, and names its QR link', async () => {
    const { keys } = tempKeys('SM2-SM3');
    const signedText = JSON.stringify(payload());
    const signature = await keys.sign(AMR, Buffer.from(signedText));
    const doc = { payload: payload(), signedText, signature, layout: { title: '食品经营许可证', footer: '扫描二维码核验' }, verifyUrl: 'https://zwfw.example.gov.cn/verify/SY20261127000001' };
    const pdf = renderLicencePdf(doc);
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(renderLicencePdf(doc).equals(pdf)).toBe(true);
    const embedded = embeddedLicence(pdf);
    expect(embedded).toEqual({ signedText, signature });
    expect(await keys.verify(Buffer.from(embedded?.signedText ?? ''), signature)).toBe(true);
    // A document without the entries is no licence.
    expect(embeddedLicence(Buffer.from('%PDF-1.4\n%%EOF\n'))).toBeNull();
    // Any change of a visible byte changes the digest the library compares against.
    const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    const changed = Buffer.from(pdf);
    const at = pdf.indexOf('Tj') - 3;
    changed.writeUInt8(changed.readUInt8(at) ^ 1, at);
    expect(digest(changed)).not.toBe(digest(pdf));
    expect(embeddedLicence(changed)).toEqual(embedded);
  });
});

describe('licence status and reuse rules', () => {
  it('counts a valid licence past its validity period as expired, and keeps other statuses', () => {
    const validUntil = new Date('2031-11-26T23:59:59Z');
    expect(statusOf({ status: 'valid', validUntil }, new Date('2031-11-26T00:00:00Z'))).toBe('valid');
    expect(statusOf({ status: 'valid', validUntil }, new Date('2031-11-27T00:00:00Z'))).toBe('expired');
    expect(statusOf({ status: 'valid', validUntil: null }, new Date('2099-01-01T00:00:00Z'))).toBe('valid');
    expect(statusOf({ status: 'revoked', validUntil }, new Date('2026-11-27T00:00:00Z'))).toBe('revoked');
  });

  it('lets a licence replace a material that names its type, or one its type lists', () => {
    const type = { name: '营业执照', replaces: [{ itemCode: '210100-GG-00003-C', materialId: 'employment-proof' }] } as const;
    const asType = { ...type, code: 'individual-business-licence', department: { path: AMR, name: '' }, holderKind: 'company' as const, fields: [], validityYears: null, layout: { title: '', footer: '' }, replaces: [...type.replaces] };
    expect(replaces(asType, { code: '210100-XK-00002-B' }, { id: 'business-licence', eLicenceTypes: ['营业执照'] })).toBe(true);
    expect(replaces(asType, { code: '210100-GG-00003-C' }, { id: 'employment-proof', eLicenceTypes: [] })).toBe(true);
    expect(replaces(asType, { code: '210100-XK-00002-B' }, { id: 'layout', eLicenceTypes: [] })).toBe(false);
  });
});
