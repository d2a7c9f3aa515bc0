// Child processes with a bounded log tail, a log file, and a wait for a "ready" signal.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * @param {{ name: string, command: string, args: string[], env?: NodeJS.ProcessEnv, cwd?: string, logDir: string,
 *           onLine?: (line: string) => void }} options
 */
export function startProcess({ name, command, args, env = process.env, cwd, logDir, onLine = () => {} }) {
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${name}.log`);
  const file = createWriteStream(logFile, { flags: 'a' });
  const tail = [];
  const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const listeners = new Set();
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream.on('data', (chunk) => {
      file.write(chunk);
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 40) tail.shift();
        onLine(line);
        for (const listener of listeners) listener(line);
      }
    });
  }
  let stopping = false;
  return {
    name,
    child,
    logFile,
    exited,
    get stopping() { return stopping; },
    tail: () => tail.join('\n'),
    /** Resolves when a line matches, rejects when the process exits first or time runs out. */
    waitForLine(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`${name} was not ready within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
        const listener = (line) => { if (pattern.test(line)) done(null, line); };
        const done = (error, line) => {
          clearTimeout(timer);
          listeners.delete(listener);
          if (error) reject(error); else resolve(line);
        };
        listeners.add(listener);
        exited.then(({ code, signal }) => done(new Error(`${name} exited (${signal ?? `code ${code}`}) before it was ready`)));
      });
    },
    /** SIGTERM to the whole process group, SIGKILL after a grace period. */
    async stop(graceMs = 10_000) {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
      const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, graceMs);
      await exited;
      clearTimeout(timer);
      file.end();
    },
  };
}

/** Polls an HTTP URL until it answers with one of the given statuses. */
export async function waitForHttp(url, { timeoutMs = 60_000, ok = (status) => status >= 200 && status < 300, exited } = {}) {
  const deadline = Date.now() + timeoutMs;
  let failed = false;
  exited?.then(() => { failed = true; });
  for (;;) {
    if (failed) throw new Error(`process exited before ${url} answered`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (ok(response.status)) return;
    } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
