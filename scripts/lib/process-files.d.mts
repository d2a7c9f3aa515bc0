// Types for process-files.mjs.
export interface ProcessBundleFile {
  format: 'gov-process-bundle/1';
  code: string;
  files: Record<string, string>;
}
export function writeBundle(root: string, bundle: unknown): string[];
export function readModelFiles(root: string, code: string): Record<string, string>;
export function pull(options: { api: string; token: string; code: string; from?: 'draft' | 'deployed'; root: string }): Promise<string[]>;
export function push(options: { api: string; token: string; code: string; root: string; note?: string }): Promise<{ code: string; revisions: { file: string; kind: string; id: string; revision: number }[] }>;
