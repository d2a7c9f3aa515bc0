// `npm start` as a user runs it (needs the build: `npm run build`). Keycloak is replaced by an
// address where nothing answers, so these tests cover the supervisor, Postgres, engine, API and
// worker; the end-to-end tests cover the start-up with the real Keycloak.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT as root } from '../lib/platform.mjs';
import { freePort } from '../lib/ports.mjs';

interface Run { child: ChildProcess; output: () => string; exit: Promise<number | null> }

function start(env: Record<string, string>): Run {
  let output = '';
  const child = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', ZEEBE_GRPC_ADDRESS: '', KEYCLOAK_URL: 'http://127.0.0.1:9', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

async function waitForOutput(run: Run, pattern: RegExp, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void run.exit.then(() => { exited = true; });
  while (!pattern.test(run.output())) {
    if (exited) throw new Error(`start.mjs exited before printing ${pattern}:\n${run.output()}`);
    if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let dataDir: string;
let env: Record<string, string>;
let first: Run;

beforeAll(async () => {
  if (!existsSync(path.join(root, 'apps/api/dist/main.js'))) throw new Error('Build first: npm run build');
  dataDir = mkdtempSync(path.join(tmpdir(), 'gov-start-'));
  chmodSync(dataDir, 0o755);
  env = {
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    PG_PORT: String(await freePort()),
    ENGINE_GRPC_PORT: String(await freePort()),
    ENGINE_REST_PORT: String(await freePort()),
  };
  first = start(env);
  await waitForOutput(first, /The platform is running/);
}, 120_000);

afterAll(async () => {
  if (first.child.exitCode === null) {
    first.child.kill('SIGINT');
    await first.exit;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('prints progress, the URLs and the demo accounts', () => {
    const output = first.output();
    expect(output).toMatch(/starting PostgreSQL.*\n\s+PostgreSQL.* ready in [\d.]+ s/);
    expect(output).toMatch(/workflow engine \(embedded\) ready in/);
    expect(output).toContain(`Web app        http://localhost:${env.PORT}/`);
    expect(output).toMatch(/citizen1\s+张伟/);
    expect(output).toContain('demo1234');
  });

  it('runs the API against the database and the embedded engine', async () => {
    const health = (await (await fetch(`http://127.0.0.1:${env.PORT}/api/health`)).json()) as { checks: Record<string, { status: string }> };
    expect(health.checks.database?.status).toBe('up');
    expect(health.checks.engine?.status).toBe('up');
    expect(health.checks.keycloak?.status).toBe('down');
  });

  it('refuses a second start on the same data folder with a clear message', async () => {
    const second = start({ ...env, PORT: String(await freePort()) });
    expect(await second.exit).toBe(1);
    expect(second.output()).toMatch(/already running from .* \(process \d+\)/);
    // the first one is unharmed
    expect((await fetch(`http://127.0.0.1:${env.PORT}/api/health/ready`)).status).toBe(200);
  });

  it('stops everything cleanly on Ctrl-C', async () => {
    first.child.kill('SIGINT');
    expect(await first.exit).toBe(0);
    expect(first.output()).toContain('stopped.');
    expect(existsSync(path.join(dataDir, 'platform.lock'))).toBe(false);
    await expect(fetch(`http://127.0.0.1:${env.PORT}/api/health/live`)).rejects.toThrow();
  });

  it('exits non-zero naming the part that failed, with its log tail', async () => {
    const broken = start({ ...env, LOG_LEVEL: 'loud' });
    expect(await broken.exit).toBe(1);
    expect(broken.output()).toMatch(/API failed to start/);
    expect(broken.output()).toMatch(/configuration error: LOG_LEVEL/);
  });
});
