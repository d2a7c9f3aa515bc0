// Boots the real API (real Postgres, real migrations, real HTTP) with locally generated signing
// keys standing in for Keycloak's, so tokens of any shape can be minted in tests.
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Type } from '@nestjs/common';
import { createLocalJWKSet, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createApp } from '../src/app.factory.js';
import { type AppConfig, loadConfig } from '../src/config/config.js';
import { MIGRATIONS } from '../src/database/migrations/index.js';

export const ISSUER = 'http://keycloak.test/realms/gov';

export async function migratedDatabase(): Promise<TestDatabase> {
  return createTestDatabase({
    name: 'tpl_api',
    prepare: async (url) => {
      const dataSource = new DataSource({ type: 'postgres', url, migrations: MIGRATIONS });
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'each' });
      await dataSource.destroy();
    },
  });
}

export interface TestApp {
  baseUrl: string;
  database: TestDatabase;
  config: AppConfig;
  /** Signs an access token like Keycloak's for realm gov; override any claim. */
  token(claims?: JWTPayload & Record<string, unknown>, options?: { expiresIn?: string | number }): Promise<string>;
  get(path: string, token?: string): Promise<Response>;
  /** Any request, with an optional bearer token and JSON body. */
  send(method: string, path: string, token: string | null, body?: unknown): Promise<Response>;
  /** GET and parse the JSON body (typed by the caller: tests assert the shape). */
  getJson<T = Record<string, unknown>>(path: string, token?: string): Promise<T>;
  /** One of the API's own providers (a test that holds back a background worker). */
  provider<T>(type: Type<T>): T;
  /** Stops the API; the database is dropped unless `keepDatabase` (another app goes on with it). */
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

export const citizenClaims = {
  sub: 'c0a80101-0000-4000-8000-000000000001',
  preferred_username: 'citizen1',
  name: '张伟',
  email: 'zhangwei@example.com',
  realm_access: { roles: ['citizen', 'default-roles-gov'] },
  groups: [],
  idNumber: '210102199003071233',
};

export async function startTestApp(options: { env?: Record<string, string>; extraModules?: Type[] } = {}): Promise<TestApp> {
  const database = await migratedDatabase();
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  // E-licence signing keys of this app only (a test that issues licences must not write into the repository).
  const licenceKeyDir = mkdtempSync(path.join(os.tmpdir(), 'gov-test-licence-keys-'));
  const config = loadConfig({
    DATABASE_URL: database.url,
    LICENCE_KEY_DIR: licenceKeyDir,
    KEYCLOAK_URL: 'http://127.0.0.1:9/unreachable',
    KEYCLOAK_ISSUER: ISSUER,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const app = await createApp({
    config,
    logger: pino({ level: 'silent' }),
    jwks: createLocalJWKSet({ keys: [jwk] }),
    extraModules: options.extraModules,
  });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const get = (path: string, token?: string) => fetch(`${baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return {
    baseUrl,
    database,
    config,
    token: (claims = {}, { expiresIn = '5m' } = {}) => new SignJWT({ ...citizenClaims, azp: 'gov-web', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(typeof claims.iss === 'string' ? claims.iss : ISSUER)
      .setAudience(claims.aud ?? ['gov-api', 'account'])
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(privateKey),
    get,
    send: (method, path, token, body) => fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    getJson: async <T>(path: string, token?: string) => (await (await get(path, token)).json()) as T,
    provider: (type) => app.get(type, { strict: false }),
    close: async ({ keepDatabase = false } = {}) => {
      await app.close();
      if (!keepDatabase) await database.drop();
      rmSync(licenceKeyDir, { recursive: true, force: true });
    },
  };
}
