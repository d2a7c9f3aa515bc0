import { processBundleSchema } from '@gov/contracts';

const MODEL_FILE = /^[A-Za-z_][\w.-]*\.(bpmn|form|dmn)$/;

/**
 * The files to import: one exported bundle (.json, as the designer exports it) or the item's model files
 * (.bpmn, .form, .dmn) picked from processes/<code>/.
 */
export async function bundleFilesOf(picked: File[]): Promise<{ files: Record<string, string> } | { error: string }> {
  if (picked.length === 0) return { error: 'no file' };
  const bundle = picked.find((file) => file.name.endsWith('.json'));
  if (bundle) {
    if (picked.length > 1) return { error: 'pick one exported .json, or model files only' };
    let parsed: unknown;
    try {
      parsed = JSON.parse(await bundle.text());
    } catch (error: unknown) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
    const checked = processBundleSchema.safeParse(parsed);
    return checked.success ? { files: checked.data.files } : { error: checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  }
  const wrong = picked.filter((file) => !MODEL_FILE.test(file.name)).map((file) => file.name);
  if (wrong.length > 0) return { error: `not .bpmn, .form or .dmn: ${wrong.join(', ')}` };
  return { files: Object.fromEntries(await Promise.all(picked.map(async (file) => [file.name, await file.text()] as const))) };
}
