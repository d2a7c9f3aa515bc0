import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../lib/platform.mjs';

describe('embedded PostgreSQL helper', () => {
  it('leaves the exit code of its host process alone (a failing test run must not exit 0)', () => {
    const script = `
      import { mkdtempSync, chmodSync } from 'node:fs';
      import { tmpdir } from 'node:os';
      import path from 'node:path';
      import { startEmbeddedPostgres } from ${JSON.stringify(path.join(ROOT, 'scripts/lib/postgres.mjs'))};
      import { freePort } from ${JSON.stringify(path.join(ROOT, 'scripts/lib/ports.mjs'))};
      const dir = mkdtempSync(path.join(tmpdir(), 'gov-pg-exit-'));
      chmodSync(dir, 0o755);
      const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), port: await freePort(), persistent: false });
      await server.stop();
      process.exitCode = 3;
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(3);
  });
});
