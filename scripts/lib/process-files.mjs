// Keeps processes/<code>/ in step with the designer: writes an exported bundle's files into the folder
// (pull) and sends the folder's model files to the API as new draft revisions (push).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const MODEL_FILE = /^[A-Za-z_][\w.-]*\.(bpmn|form|dmn)$/;
const ITEM_CODE = /^[\w-]+$/;

/** Writes the bundle's files into <root>/<code>/ (the folder is created for a new item); returns the paths written. */
export function writeBundle(root, bundle) {
  if (bundle?.format !== 'gov-process-bundle/1' || typeof bundle.code !== 'string' || !ITEM_CODE.test(bundle.code) || typeof bundle.files !== 'object') {
    throw new Error('not a designer export (gov-process-bundle/1)');
  }
  const folder = path.join(root, bundle.code);
  mkdirSync(folder, { recursive: true });
  const written = [];
  for (const [name, content] of Object.entries(bundle.files)) {
    if (!MODEL_FILE.test(name) || typeof content !== 'string') throw new Error(`refusing file ${name}: only .bpmn, .form and .dmn files by plain name`);
    const file = path.join(folder, name);
    writeFileSync(file, content.endsWith('\n') ? content : `${content}\n`);
    written.push(file);
  }
  return written;
}

/** The model files (.bpmn, .form, .dmn) of <root>/<code>/ as the import body's `files`. */
export function readModelFiles(root, code) {
  if (!ITEM_CODE.test(code)) throw new Error(`not an item code: ${code}`);
  const folder = path.join(root, code);
  return Object.fromEntries(readdirSync(folder).filter((name) => MODEL_FILE.test(name)).map((name) => [name, readFileSync(path.join(folder, name), 'utf8')]));
}

async function call(api, token, method, url, body) {
  const response = await fetch(`${api.replace(/\/$/, '')}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${answer.detail ?? answer.title ?? JSON.stringify(answer)}`);
  return answer;
}

/** Fetches the item's export from a running API and writes it into <root>/<code>/. */
export async function pull({ api, token, code, from = 'draft', root }) {
  const bundle = await call(api, token, 'GET', `/api/designer/items/${encodeURIComponent(code)}/bundle?from=${from}`);
  return writeBundle(root, bundle);
}

/** Imports <root>/<code>/'s model files into a running API as new draft revisions. */
export async function push({ api, token, code, root, note }) {
  return call(api, token, 'POST', `/api/designer/items/${encodeURIComponent(code)}/bundle`, { files: readModelFiles(root, code), ...(note ? { note } : {}) });
}
