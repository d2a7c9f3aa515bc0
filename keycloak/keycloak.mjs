#!/usr/bin/env node
// Local Keycloak for development and tests (DESIGN.md §5): fetches the server distribution from
// Maven Central once into a cache, imports gov-realm.json and runs `kc.sh start-dev`.
// Plain Node (builtins only) so that it runs before `npm ci` has built anything.
//
//   node keycloak/keycloak.mjs fetch            download and unpack only (CI)
//   node keycloak/keycloak.mjs start [--port 8180] [--data-dir DIR]   run until Ctrl-C
//   node keycloak/keycloak.mjs java             print the Java runtime that would be used
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const KEYCLOAK_VERSION = '26.7.3';
export const DEFAULT_PORT = 8180;

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
export const DEFAULT_CACHE_DIR = path.join(repoRoot, '.cache', 'keycloak');
export const DEFAULT_DATA_DIR = path.join(repoRoot, '.data', 'keycloak');
export const DEFAULT_REALM_FILE = path.join(here, 'gov-realm.json');

/** Java versions Keycloak 26 supports, best first (used when scanning /usr/lib/jvm). */
const PREFERRED_JAVA = [21, 17, 25];
const MIN_JAVA = 17;
const LOG_TAIL_LINES = 30;
const JAVA_HINT = 'install it with "apt-get install openjdk-17-jre-headless" or set JAVA_HOME to a JDK 17+';

/** A set-up problem with a one-line message meant for the person starting the platform. */
export class KeycloakSetupError extends Error {
  /**
   * @param {'JAVA_MISSING' | 'MAVEN_MISSING' | 'FETCH_FAILED' | 'PORT_IN_USE' | 'START_FAILED' | 'START_TIMEOUT'} code
   * @param {string} message one line
   * @param {string} [tail] the last lines of Keycloak's log, when it failed to start
   */
  constructor(code, message, tail = '') {
    super(message);
    this.name = 'KeycloakSetupError';
    this.code = code;
    this.tail = tail;
  }
}

/**
 * Finds a Java runtime Keycloak can use: JAVA_HOME if set, else `java` on PATH, else the best
 * one under /usr/lib/jvm. Throws a KeycloakSetupError (code JAVA_MISSING) with one clear line.
 */
export function findJava({ env = process.env, jvmDir = '/usr/lib/jvm' } = {}) {
  if (env.JAVA_HOME) {
    const bin = path.join(env.JAVA_HOME, 'bin', 'java');
    const version = javaVersion(bin);
    if (version === undefined) throw new KeycloakSetupError('JAVA_MISSING', `JAVA_HOME=${env.JAVA_HOME} has no working bin/java; Keycloak needs Java ${MIN_JAVA}+: ${JAVA_HINT}.`);
    if (version < MIN_JAVA) throw new KeycloakSetupError('JAVA_MISSING', `JAVA_HOME=${env.JAVA_HOME} is Java ${version}; Keycloak needs Java ${MIN_JAVA}+: ${JAVA_HINT}.`);
    return { bin, home: env.JAVA_HOME, version };
  }
  const onPath = javaVersion('java', env);
  if (onPath !== undefined && onPath >= MIN_JAVA) {
    const found = which('java', env);
    const bin = found ? realpathSync(found) : 'java';
    return { bin, home: path.dirname(path.dirname(bin)), version: onPath };
  }
  const installed = (existsSync(jvmDir) ? readdirSync(jvmDir) : [])
    .map((name) => path.join(jvmDir, name, 'bin', 'java'))
    .filter((bin) => existsSync(bin))
    .map((bin) => ({ bin, home: path.dirname(path.dirname(bin)), version: javaVersion(bin) ?? 0 }))
    .filter((java) => java.version >= MIN_JAVA)
    .sort((a, b) => javaRank(a.version) - javaRank(b.version));
  const best = installed[0];
  if (best) return best;
  const found = onPath === undefined ? 'no Java was found' : `only Java ${onPath} was found`;
  throw new KeycloakSetupError('JAVA_MISSING', `Keycloak needs Java ${MIN_JAVA}+ but ${found} (JAVA_HOME, PATH, ${jvmDir}): ${JAVA_HINT}.`);
}

function javaRank(version) {
  const index = PREFERRED_JAVA.indexOf(version);
  return index === -1 ? PREFERRED_JAVA.length + 100 - version : index;
}

/** Major version from `java -version` ("17.0.15" → 17, "1.8.0_292" → 8), undefined if it does not run. */
function javaVersion(bin, env = process.env) {
  const result = spawnSync(bin, ['-version'], { encoding: 'utf8', env, timeout: 15_000 });
  if (result.error || result.status !== 0) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

function which(command, env = process.env) {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Makes sure the Keycloak server distribution is unpacked in the cache and returns its home
 * folder. Downloads `org.keycloak:keycloak-quarkus-dist:VERSION:tar.gz` with Maven only the first
 * time; later calls return at once. Safe to call from several processes at the same time.
 */
export async function ensureKeycloak({ version = KEYCLOAK_VERSION, cacheDir = DEFAULT_CACHE_DIR, log = () => {} } = {}) {
  const home = path.join(cacheDir, `keycloak-${version}`);
  const marker = path.join(home, '.unpacked');
  if (existsSync(marker)) return home;

  const started = Date.now();
  const workDir = path.join(cacheDir, `.work-${process.pid}-${Date.now()}`);
  await mkdir(workDir, { recursive: true });
  try {
    const archive = path.join(workDir, `keycloak-quarkus-dist-${version}.tar.gz`);
    const artifact = `org.keycloak:keycloak-quarkus-dist:${version}:tar.gz`;
    log(`fetching Keycloak ${version} from Maven Central (${artifact}), once…`);
    await fetchWithMaven(artifact, workDir);
    if (!existsSync(archive)) throw new KeycloakSetupError('FETCH_FAILED', `Maven finished but ${archive} is missing.`);

    log(`unpacking Keycloak ${version} into ${cacheDir}…`);
    await run('tar', ['-xzf', archive, '-C', workDir]);
    const unpacked = path.join(workDir, `keycloak-${version}`);
    await writeFile(path.join(unpacked, '.unpacked'), `${new Date().toISOString()}\n`);
    try {
      await rename(unpacked, home);
    } catch (error) {
      // Another process unpacked it first: theirs is as good as ours.
      if (!existsSync(marker)) throw error;
    }
    log(`Keycloak ${version} is ready in the cache (${Math.round((Date.now() - started) / 1000)} s)`);
    return home;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function fetchWithMaven(artifact, outputDir) {
  if (!which('mvn')) {
    throw new KeycloakSetupError('MAVEN_MISSING', `Fetching Keycloak needs Maven once: install it with "apt-get install maven" (Maven then downloads ${artifact} from Maven Central).`);
  }
  const env = { ...process.env };
  if (!env.JAVA_HOME) {
    try {
      env.JAVA_HOME = findJava().home;
    } catch {
      // Maven reports a missing Java itself.
    }
  }
  try {
    await run('mvn', ['-q', '-B', 'dependency:copy', `-Dartifact=${artifact}`, `-DoutputDirectory=${outputDir}`], { env });
  } catch (error) {
    throw new KeycloakSetupError('FETCH_FAILED', `Maven could not fetch ${artifact}: ${errorMessage(error)}`);
  }
}

/** Runs a command to completion; rejects with the tail of its output. */
function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    const keep = (chunk) => output.push(String(chunk));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} exited with ${code}: ${output.join('').trim().split('\n').slice(-10).join(' | ')}`));
    });
  });
}

/**
 * Starts Keycloak in dev mode with the realm imported and waits until the realm answers.
 *
 * The dev-file (H2) database lives in `dataDir`, so users and sessions survive restarts. The
 * realm is imported on first start; when the realm file changes afterwards, the dev database is
 * wiped and the realm re-imported on the next start (Keycloak's import skips existing realms).
 */
export async function startKeycloak({
  port = DEFAULT_PORT,
  managementPort = port + 1000,
  dataDir = DEFAULT_DATA_DIR,
  realmFile = DEFAULT_REALM_FILE,
  version = KEYCLOAK_VERSION,
  cacheDir = DEFAULT_CACHE_DIR,
  readyTimeoutMs = 180_000,
  log = () => {},
} = {}) {
  const started = Date.now();
  const home = await ensureKeycloak({ version, cacheDir, log });
  const java = findJava();
  for (const [name, p] of [['HTTP', port], ['management', managementPort]]) {
    if (await isListening(p)) {
      throw new KeycloakSetupError('PORT_IN_USE', `Keycloak's ${name} port ${p} is already in use: is another Keycloak running? Stop it, or use it via KEYCLOAK_URL, or choose another port.`);
    }
  }

  const realmText = await readFile(realmFile, 'utf8');
  const realm = JSON.parse(realmText).realm;
  const realmHash = createHash('sha256').update(realmText).digest('hex');
  const url = `http://localhost:${port}`;
  const issuer = `${url}/realms/${realm}`;

  await mkdir(dataDir, { recursive: true });
  const hashFile = path.join(dataDir, 'realm.sha256');
  const dbDir = path.join(dataDir, 'h2');
  const previousHash = existsSync(hashFile) ? (await readFile(hashFile, 'utf8')).trim() : undefined;
  if (existsSync(dbDir) && previousHash !== realmHash) {
    log(`${path.basename(realmFile)} changed since it was imported: wiping the dev database in ${dataDir} to re-import it`);
    await rm(dbDir, { recursive: true, force: true });
  }
  await placeRealmForImport(home, realmFile, realmText);
  const releaseFirstStart = await firstStartLock(home, readyTimeoutMs, log);

  const logFile = path.join(dataDir, 'keycloak.log');
  const logStream = createWriteStream(logFile);
  const args = [
    'start-dev',
    '--import-realm',
    `--http-port=${port}`,
    `--http-management-port=${managementPort}`,
    '--health-enabled=true',
    // One issuer for browser, API and tests, whatever host name a request used.
    `--hostname=${url}`,
    `--db-url=jdbc:h2:file:${path.join(dbDir, 'keycloakdb')};NON_KEYWORDS=VALUE`,
    '--log-console-color=false',
  ];
  const env = {
    ...process.env,
    JAVA: java.bin,
    JAVA_HOME: java.home,
    // Master-realm admin for the admin console, created on first start only. Dev only.
    KC_BOOTSTRAP_ADMIN_USERNAME: process.env.KC_BOOTSTRAP_ADMIN_USERNAME ?? 'admin',
    KC_BOOTSTRAP_ADMIN_PASSWORD: process.env.KC_BOOTSTRAP_ADMIN_PASSWORD ?? 'admin',
    // Keep per-instance state out of the shared distribution folder.
    JAVA_OPTS_APPEND: [process.env.JAVA_OPTS_APPEND, `-Dquarkus.transaction-manager.object-store.directory=${path.join(dataDir, 'transaction-logs')}`].filter(Boolean).join(' '),
  };
  log(`starting Keycloak ${version} on ${url} (Java ${java.version}, data ${dataDir}, log ${logFile})…`);
  const child = spawn(path.join(home, 'bin', 'kc.sh'), args, { cwd: dataDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });

  const tail = [];
  let partial = '';
  const onOutput = (chunk) => {
    logStream.write(chunk);
    const lines = (partial + String(chunk)).split('\n');
    partial = lines.pop() ?? '';
    tail.push(...lines);
    tail.splice(0, Math.max(0, tail.length - LOG_TAIL_LINES));
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);
  const logTail = () => [...tail, ...(partial ? [partial] : [])].slice(-LOG_TAIL_LINES);

  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  // A crashing parent must not leave Keycloak running on its port.
  const killOnExit = () => killGroup('SIGKILL');
  process.on('exit', killOnExit);

  /** @type {Promise<{ code: number | null, signal: string | null }>} */
  const exited = new Promise((resolve) => {
    child.on('error', (error) => {
      tail.push(`could not run kc.sh: ${error.message}`);
      resolve({ code: null, signal: null });
    });
    // 'close' rather than 'exit': the last lines (the reason it failed) have been read by then.
    child.on('close', (code, signal) => resolve({ code, signal }));
  }).then(async (result) => {
    process.off('exit', killOnExit);
    await new Promise((resolve) => logStream.end(resolve));
    return result;
  });

  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      killGroup('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    })();
    return stopping;
  };

  const ready = await waitUntilReady(`${issuer}/.well-known/openid-configuration`, exited, readyTimeoutMs);
  await releaseFirstStart(ready === 'ready');
  if (ready !== 'ready') {
    await stop();
    const reason = ready === 'timeout' ? `did not answer within ${Math.round(readyTimeoutMs / 1000)} s` : 'exited before it was ready';
    throw new KeycloakSetupError(ready === 'timeout' ? 'START_TIMEOUT' : 'START_FAILED', `Keycloak ${reason}; full log: ${logFile}`, logTail().join('\n'));
  }
  await writeFile(hashFile, `${realmHash}\n`);
  const startedInMs = Date.now() - started;
  log(`Keycloak ready at ${url} in ${Math.round(startedInMs / 1000)} s (issuer ${issuer}, admin console ${url}/admin)`);
  return {
    url,
    issuer,
    realm,
    port,
    managementUrl: `http://localhost:${managementPort}`,
    java,
    startedInMs,
    logFile,
    logTail,
    exited,
    stop,
  };
}

/**
 * Puts the realm into the distribution's data/import, the folder `--import-realm` reads. The
 * folder is shared by every instance started from the cache, so the file is replaced atomically
 * and never deleted: an instance booting at the same time always reads a whole realm.
 */
async function placeRealmForImport(home, realmFile, realmText) {
  const importDir = path.join(home, 'data', 'import');
  await mkdir(importDir, { recursive: true });
  // Keycloak imports files named *-realm.json.
  const base = path.basename(realmFile, '.json');
  const fileName = base.endsWith('-realm') ? `${base}.json` : `${base}-realm.json`;
  for (const name of await readdir(importDir)) {
    if (name !== fileName && !name.endsWith('.tmp')) await rm(path.join(importDir, name), { force: true });
  }
  const target = path.join(importDir, fileName);
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, realmText);
  await rename(temporary, target);
}

/**
 * The first start of a fresh distribution re-augments it (rewrites lib/quarkus, ~20 s). Two
 * processes doing that at once could corrupt it, so the first start is serialised with a lock
 * folder; later starts find the marker and do not wait. Returns the release function.
 */
async function firstStartLock(home, timeoutMs, log) {
  const marker = path.join(home, '.started');
  const lock = path.join(home, '.first-start.lock');
  if (existsSync(marker)) return async () => {};
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if (!(error instanceof Error) || !('code' in error) || error.code !== 'EEXIST') throw error;
    }
    if (existsSync(marker)) return async () => {};
    const age = Date.now() - ((await stat(lock).catch(() => undefined))?.mtimeMs ?? Date.now());
    if (age > timeoutMs || Date.now() > deadline) {
      await rm(lock, { recursive: true, force: true });
      continue;
    }
    if (!told) log('waiting for another process to finish the first start of this Keycloak distribution…');
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return async (succeeded) => {
    if (succeeded) await writeFile(marker, `${new Date().toISOString()}\n`);
    await rm(lock, { recursive: true, force: true });
  };
}

/** Polls the discovery document; bounded by the timeout and by the process exiting. */
async function waitUntilReady(discoveryUrl, exited, timeoutMs) {
  let done = false;
  const exit = exited.then(() => 'exited');
  const timeout = new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), timeoutMs);
    void exited.then(() => clearTimeout(timer));
  });
  const poll = (async () => {
    while (!done) {
      try {
        const response = await fetch(discoveryUrl, { signal: AbortSignal.timeout(5_000) });
        if (response.ok) return 'ready';
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return 'stopped';
  })();
  const outcome = await Promise.race([poll, exit, timeout]);
  done = true;
  return outcome;
}

function isListening(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function errorMessage(error) {
  return error instanceof Error ? error.message : String(error);
}

function readRealmName(realmFile) {
  return JSON.parse(readFileSync(realmFile, 'utf8')).realm;
}

function option(args, name, fallback) {
  const index = args.indexOf(name);
  return index === -1 ? fallback : args[index + 1] ?? fallback;
}

async function main(argv) {
  const [command, ...args] = argv;
  const log = (line) => console.log(`[keycloak] ${line}`);
  switch (command) {
    case 'fetch': {
      const home = await ensureKeycloak({ version: option(args, '--version', KEYCLOAK_VERSION), log });
      log(`home: ${home}`);
      return;
    }
    case 'java': {
      const java = findJava();
      log(`Java ${java.version}: ${java.bin}`);
      return;
    }
    case 'start': {
      const realmFile = path.resolve(option(args, '--realm-file', DEFAULT_REALM_FILE));
      const keycloak = await startKeycloak({
        port: Number(option(args, '--port', String(DEFAULT_PORT))),
        dataDir: path.resolve(option(args, '--data-dir', DEFAULT_DATA_DIR)),
        realmFile,
        version: option(args, '--version', KEYCLOAK_VERSION),
        log,
      });
      log(`realm ${readRealmName(realmFile)}: ${keycloak.issuer} (demo accounts: keycloak/README.md). Ctrl-C stops it.`);
      const stopOnSignal = () => {
        log('stopping…');
        void keycloak.stop();
      };
      process.once('SIGINT', stopOnSignal);
      process.once('SIGTERM', stopOnSignal);
      const { code, signal } = await keycloak.exited;
      log(`stopped (${signal ?? `exit code ${code}`})`);
      return;
    }
    default:
      console.error('usage: node keycloak/keycloak.mjs fetch | start [--port 8180] [--data-dir DIR] [--realm-file FILE] | java');
      process.exitCode = 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`[keycloak] ${errorMessage(error)}`);
    if (error instanceof KeycloakSetupError && error.tail) console.error(error.tail);
    process.exitCode = 1;
  });
}
