// npm run processes:pull -- <item-code> [--from draft|deployed]   files of a running API → processes/<code>/
// npm run processes:pull -- --bundle <export.json>                a bundle downloaded in the designer → processes/<code>/
// npm run processes:push -- <item-code> [--note "…"]               processes/<code>/ → new draft revisions in a running API
// The API is GOV_API_URL (default http://localhost:3000); GOV_API_TOKEN is a designer's bearer token.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { pull, push, writeBundle } from './lib/process-files.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [command, ...rest] = process.argv.slice(2);
const { values, positionals } = parseArgs({
  args: rest, allowPositionals: true,
  options: { from: { type: 'string', default: 'draft' }, bundle: { type: 'string' }, note: { type: 'string' }, dir: { type: 'string' } },
});
const root = values.dir ? path.resolve(values.dir) : path.join(ROOT, 'processes');
const api = process.env.GOV_API_URL ?? 'http://localhost:3000';
const token = process.env.GOV_API_TOKEN;

function fail(message) {
  console.error(message);
  process.exit(1);
}

try {
  if (command === 'pull' && values.bundle) {
    for (const file of writeBundle(root, JSON.parse(readFileSync(values.bundle, 'utf8')))) console.log(`wrote ${path.relative(process.cwd(), file)}`);
  } else if (command === 'pull' || command === 'push') {
    const code = positionals[0];
    if (!code) fail(`usage: npm run processes:${command} -- <item-code>${command === 'pull' ? ' [--from draft|deployed]  (or --bundle <export.json>)' : ' [--note "…"]'}`);
    if (!token) fail('set GOV_API_TOKEN to a designer\'s bearer token (and GOV_API_URL when the API is not on http://localhost:3000)');
    if (values.from !== 'draft' && values.from !== 'deployed') fail('--from is draft or deployed');
    if (command === 'pull') {
      for (const file of await pull({ api, token, code, from: values.from, root })) console.log(`wrote ${path.relative(process.cwd(), file)}`);
    } else {
      const result = await push({ api, token, code, root, note: values.note });
      for (const r of result.revisions) console.log(`${r.file} → draft revision ${r.revision}`);
    }
  } else {
    fail('usage: node scripts/processes.mjs pull|push …');
  }
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
