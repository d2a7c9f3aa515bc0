// Where material files and generated documents live. Content-addressed by SHA-256, so the same
// bytes are stored once. Local folder by default; an S3-compatible adapter implements the same port.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface FileStorage {
  /** Stores the bytes (idempotent for equal content) and returns the storage key. */
  put(sha256: string, content: Buffer): Promise<string>;
  get(key: string): Promise<Buffer>;
}
export const FILE_STORAGE = Symbol('FILE_STORAGE');

/** Hook point for a virus scanner: throw to refuse a file. The default accepts everything. */
export interface MaterialScanner {
  scan(content: Buffer, name: string): Promise<{ clean: true } | { clean: false; reason: string }>;
}
export const MATERIAL_SCANNER = Symbol('MATERIAL_SCANNER');
export const acceptAllScanner: MaterialScanner = { scan: () => Promise.resolve({ clean: true }) };

export class LocalFileStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!/^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(key)) throw new Error(`not a storage key: ${key}`);
    return path.join(this.root, key);
  }

  async put(sha256: string, content: Buffer): Promise<string> {
    const key = `${sha256.slice(0, 2)}/${sha256}`;
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    // Write then rename, so a reader never sees half a file.
    const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, content);
    await rename(temporary, target);
    return key;
  }

  get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }
}
