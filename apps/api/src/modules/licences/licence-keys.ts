// The issuing departments' signing keys, kept as files outside the database (LICENCE_KEY_DIR):
//   <dir>/<department>/ACTIVE            the key id that signs new licences
//   <dir>/<department>/<keyId>.pub.json  public key, kept for ever so old licences stay verifiable
//   <dir>/<department>/<keyId>.key       private key (mode 0600), deleted when the key is rotated out
// SM2 with SM3 (GM/T 0003 / 0004, default user id 1234567812345678) through sm-crypto-v2; Ed25519
// (node:crypto) where a deployment cannot use SM2 (LICENCE_SIGNATURE_ALGORITHM).
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEPARTMENTS, type LicenceAlgorithm, LICENCE_ALGORITHMS } from '@gov/contracts';
import { sm2 } from 'sm-crypto-v2';
import { z } from 'zod';

const publicKeySchema = z.object({ keyId: z.string(), department: z.string(), algorithm: z.enum(LICENCE_ALGORITHMS), publicKey: z.string(), createdAt: z.string() });
export type PublicKeyRecord = z.infer<typeof publicKeySchema>;

const KEY_ID = /^([a-z0-9]{2,16})-(\d{14})-([0-9a-f]{6})$/;

/** The folder name of a department: its integration code, or a digest of its group path. */
export function departmentSlug(departmentPath: string): string {
  return DEPARTMENTS.find((d) => d.path === departmentPath)?.code ?? `d${createHash('sha256').update(departmentPath).digest('hex').slice(0, 12)}`;
}

function sm2Sign(message: Buffer, privateKey: string): string {
  return sm2.doSignature(new Uint8Array(message), privateKey, { hash: true, der: true });
}

function sm2Verify(message: Buffer, signature: string, publicKey: string): boolean {
  try {
    return sm2.doVerifySignature(new Uint8Array(message), signature, publicKey, { hash: true, der: true });
  } catch {
    return false;
  }
}

export class LicenceKeys {
  private readonly publicKeys = new Map<string, PublicKeyRecord>();

  constructor(
    private readonly root: string,
    private readonly algorithm: LicenceAlgorithm,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private folder(departmentPath: string): string {
    return path.join(this.root, departmentSlug(departmentPath));
  }

  private async activeKeyId(departmentPath: string): Promise<string | null> {
    try {
      const id = (await readFile(path.join(this.folder(departmentPath), 'ACTIVE'), 'utf8')).trim();
      return KEY_ID.test(id) ? id : null;
    } catch (error: unknown) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Creates a key for the department and makes it the active one; the previous private key is deleted, its public key kept. */
  async rotate(departmentPath: string): Promise<PublicKeyRecord> {
    const folder = this.folder(departmentPath);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const previous = await this.activeKeyId(departmentPath);
    const stamp = this.now().toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const keyId = `${departmentSlug(departmentPath)}-${stamp}-${randomBytes(3).toString('hex')}`;
    let publicKey: string;
    let privateKey: string;
    if (this.algorithm === 'SM2-SM3') {
      const pair = sm2.generateKeyPairHex();
      publicKey = pair.publicKey;
      privateKey = pair.privateKey;
    } else {
      const pair = generateKeyPairSync('ed25519');
      publicKey = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
      privateKey = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    }
    const record: PublicKeyRecord = { keyId, department: departmentPath, algorithm: this.algorithm, publicKey, createdAt: this.now().toISOString() };
    await writeFile(path.join(folder, `${keyId}.pub.json`), `${JSON.stringify(record, null, 2)}\n`);
    await writeFile(path.join(folder, `${keyId}.key`), privateKey, { mode: 0o600 });
    // Switch atomically: a signer reads either the old id or the new one, never half a file.
    await writeFile(path.join(folder, 'ACTIVE.tmp'), keyId);
    await rename(path.join(folder, 'ACTIVE.tmp'), path.join(folder, 'ACTIVE'));
    if (previous) await rm(path.join(folder, `${previous}.key`), { force: true });
    this.publicKeys.set(keyId, record);
    return record;
  }

  /** Signs with the department's active key, creating the department's first key when it has none. */
  async sign(departmentPath: string, message: Buffer): Promise<{ algorithm: LicenceAlgorithm; keyId: string; value: string }> {
    let keyId = await this.activeKeyId(departmentPath);
    if (!keyId) keyId = (await this.rotate(departmentPath)).keyId;
    const record = await this.publicKey(keyId);
    if (!record) throw new Error(`the public key of ${keyId} is missing from ${this.root}`);
    const privateKey = await readFile(path.join(this.folder(departmentPath), `${keyId}.key`), 'utf8');
    const value = record.algorithm === 'SM2-SM3'
      ? sm2Sign(message, privateKey.trim())
      : sign(null, message, createPrivateKey(privateKey)).toString('base64');
    return { algorithm: record.algorithm, keyId, value };
  }

  /** The public key of any key id ever issued (active or rotated out); null when unknown. */
  async publicKey(keyId: string): Promise<PublicKeyRecord | null> {
    const cached = this.publicKeys.get(keyId);
    if (cached) return cached;
    const match = KEY_ID.exec(keyId);
    if (!match?.[1]) return null;
    try {
      const record = publicKeySchema.parse(JSON.parse(await readFile(path.join(this.root, match[1], `${keyId}.pub.json`), 'utf8')));
      if (record.keyId !== keyId) return null;
      this.publicKeys.set(keyId, record);
      return record;
    } catch {
      return null;
    }
  }

  /** True when `signature` is the signature of `message` by the key `keyId` with `algorithm`. */
  async verify(message: Buffer, signature: { algorithm: LicenceAlgorithm; keyId: string; value: string }): Promise<boolean> {
    const record = await this.publicKey(signature.keyId);
    if (!record || record.algorithm !== signature.algorithm) return false;
    if (record.algorithm === 'SM2-SM3') return sm2Verify(message, signature.value, record.publicKey);
    try {
      return verify(null, message, createPublicKey(record.publicKey), Buffer.from(signature.value, 'base64'));
    } catch {
      return false;
    }
  }
}
