// Files that ship with an item in processes/<code>/files/ (material templates and examples).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { PROCESSES_DIR } from './processes-dir.js';

@Injectable()
export class ItemFiles {
  constructor(@Inject(PROCESSES_DIR) private readonly root: string) {}

  /** The file's bytes, or null when it does not exist. Names are plain file names (checked by the caller's schema). */
  async read(code: string, file: string): Promise<Buffer | null> {
    if (path.basename(file) !== file || path.basename(code) !== code) return null;
    return readFile(path.join(this.root, code, 'files', file)).catch(() => null);
  }

  /** A model file of the item (its .bpmn or .form), or null. */
  async model(code: string, file: string): Promise<Buffer | null> {
    if (path.basename(file) !== file || path.basename(code) !== code) return null;
    return readFile(path.join(this.root, code, file)).catch(() => null);
  }
}
