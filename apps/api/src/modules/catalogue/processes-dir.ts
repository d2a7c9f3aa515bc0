import { fileURLToPath } from 'node:url';

/** Injection token: the folder holding processes/<item-code>/ (item.json, .bpmn, .form, files/). */
export const PROCESSES_DIR = Symbol('PROCESSES_DIR');

/** processes/ at the repository root (from src/ or dist/ alike); the PROCESSES_DIR variable overrides it. */
export function processesDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.PROCESSES_DIR ?? fileURLToPath(new URL('../../../../../processes/', import.meta.url));
}
