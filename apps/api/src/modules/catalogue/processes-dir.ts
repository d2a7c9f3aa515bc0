import { fileURLToPath } from 'node:url';

/** Injection token: the folder holding processes/<item-code>/ (item.json, .bpmn, .form, files/). */
export const PROCESSES_DIR = Symbol('PROCESSES_DIR');

/** The configured folder (PROCESSES_DIR), else processes/ at the repository root (from src/ or dist/ alike). */
export function processesDir(configured: string | null = null): string {
  return configured ?? fileURLToPath(new URL('../../../../../processes/', import.meta.url));
}
