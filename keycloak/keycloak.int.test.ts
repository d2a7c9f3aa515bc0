// Starts a real Keycloak from the cache with the gov realm (fresh database in a temp folder,
// free ports) and checks the tokens the API will rely on.
import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findJava, startKeycloak, type RunningKeycloak } from './keycloak.mjs';
import { decodeJwtPayload, loginWithPassword, serviceAccountToken } from './test-login.mjs';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Verifies an RS256 JWT against the realm's JWKS, as the API does with jose. */
async function verifiedPayload(jwt: string, issuer: string): Promise<Record<string, unknown>> {
  const [header = '', payload = '', signature = ''] = jwt.split('.');
  const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { kid: string };
  const jwks = (await (await fetch(`${issuer}/protocol/openid-connect/certs`)).json()) as { keys: (JsonWebKey & { kid: string })[] };
  const jwk = jwks.keys.find((key) => key.kid === kid);
  if (!jwk) throw new Error(`no key ${kid} in the realm JWKS`);
  const valid = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(signature, 'base64url'));
  if (!valid) throw new Error('bad signature');
  return decodeJwtPayload(jwt);
}

describe('local Keycloak with the gov realm', () => {
  let keycloak: RunningKeycloak;
  let dataDir: string;
  const redirectUri = 'http://localhost:3100/';

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'gov-keycloak-'));
    const port = await freePort();
    keycloak = await startKeycloak({ port, managementPort: await freePort(), dataDir });
  }, 200_000);

  afterAll(async () => {
    await keycloak?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('issues citizen1 a signed access token for the API with the citizen role and ID number', async () => {
    const tokens = await loginWithPassword({ keycloakUrl: keycloak.url, username: 'citizen1', password: 'demo1234', redirectUri });

    const claims = await verifiedPayload(tokens.access_token, keycloak.issuer);
    expect(keycloak.issuer).toBe(`http://localhost:${keycloak.port}/realms/gov`);
    expect(claims.iss).toBe(keycloak.issuer);
    expect(claims.aud).toEqual(expect.arrayContaining(['gov-api']));
    expect(claims.azp).toBe('gov-web');
    expect(claims.realm_access).toMatchObject({ roles: expect.arrayContaining(['citizen']) as unknown });
    expect(claims.idNumber).toBe('210102198503121239');
    expect(claims.preferred_username).toBe('citizen1');
    expect(claims).toMatchObject({ family_name: '张', given_name: '伟', name: expect.any(String) as unknown });
    // Citizens belong to no department; Keycloak then omits the claim rather than sending [].
    expect(claims.groups ?? []).toEqual([]);
  });

  it('carries department groups as full paths for staff', async () => {
    const approver = await loginWithPassword({ keycloakUrl: keycloak.url, username: 'approver-amr', password: 'demo1234', redirectUri });
    const clerk = await loginWithPassword({ keycloakUrl: keycloak.url, username: 'clerk1', password: 'demo1234', redirectUri: 'http://127.0.0.1:3000/' });

    expect(decodeJwtPayload(approver.access_token)).toMatchObject({ groups: ['/沈阳市/市场监督管理局'], realm_access: { roles: expect.arrayContaining(['approver']) as unknown } });
    expect(decodeJwtPayload(clerk.access_token)).toMatchObject({ groups: ['/沈阳市/和平区/太原街街道'] });
    expect(decodeJwtPayload(approver.access_token).idNumber).toBeUndefined();
  });

  it('refuses a wrong password', async () => {
    await expect(loginWithPassword({ keycloakUrl: keycloak.url, username: 'citizen2', password: 'not-the-password', redirectUri })).rejects.toThrow(/citizen2 failed/);
  });

  it('refuses an authorization request from the SPA without PKCE', async () => {
    const url = new URL(`${keycloak.issuer}/protocol/openid-connect/auth`);
    url.search = new URLSearchParams({ client_id: 'gov-web', redirect_uri: redirectUri, response_type: 'code', scope: 'openid' }).toString();

    const response = await fetch(url, { redirect: 'manual' });

    const location = new URL(response.headers.get('location') ?? '', redirectUri);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/code_challenge/);
  });

  it('gives the worker a service-account token for the API', async () => {
    const tokens = await serviceAccountToken({ keycloakUrl: keycloak.url, clientId: 'gov-worker', clientSecret: 'gov-worker-dev-secret' });

    expect(decodeJwtPayload(tokens.access_token)).toMatchObject({
      iss: keycloak.issuer,
      aud: expect.arrayContaining(['gov-api']) as unknown,
      azp: 'gov-worker',
      resource_access: { 'gov-api': { roles: ['service'] } },
    });
  });
});

describe('findJava', () => {
  it('explains in one line how to get Java when JAVA_HOME points nowhere', () => {
    expect(() => findJava({ env: { JAVA_HOME: '/nonexistent/jdk' } })).toThrow(/^JAVA_HOME=\/nonexistent\/jdk has no working bin\/java; Keycloak needs Java 17\+: install it with "apt-get install openjdk-17-jre-headless" or set JAVA_HOME[^\n]*$/);
  });

  it('explains in one line how to get Java when there is none', () => {
    expect(() => findJava({ env: { PATH: '/nonexistent' }, jvmDir: '/nonexistent' })).toThrow(/^Keycloak needs Java 17\+ but no Java was found[^\n]*apt-get install openjdk-17-jre-headless[^\n]*$/);
  });

  it('finds a Java 17+ runtime on this machine', () => {
    expect(findJava().version).toBeGreaterThanOrEqual(17);
  });
});
