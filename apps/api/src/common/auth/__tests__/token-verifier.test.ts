import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../config/config.js';
import { TokenVerifier } from '../token-verifier.js';

const ISSUER = 'http://keycloak.test/realms/gov';

describe('TokenVerifier', () => {
  let verifier: TokenVerifier;
  let sign: (expiresInSeconds: number) => Promise<string>;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k', alg: 'RS256' };
    const config = loadConfig({ DATABASE_URL: 'postgres://unused', KEYCLOAK_ISSUER: ISSUER });
    verifier = new TokenVerifier(config, createLocalJWKSet({ keys: [jwk] }));
    sign = (expiresInSeconds) => new SignJWT({ sub: 's-1', preferred_username: 'citizen1', realm_access: { roles: ['citizen'] } })
      .setProtectedHeader({ alg: 'RS256', kid: 'k' }).setIssuer(ISSUER).setAudience('gov-api').setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds).sign(privateKey);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers a token it checked before from memory, and refuses it once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const token = await sign(60);
    expect((await verifier.verify(token)).username).toBe('citizen1');
    expect((await verifier.verify(token)).subject).toBe('s-1');
    vi.setSystemTime(Date.now() + 70_000); // past exp and the 5 s clock tolerance
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
  });

  it('never remembers a token whose signature does not verify', async () => {
    const token = await sign(60);
    const forged = `${token.slice(0, -4)}AAAA`;
    await expect(verifier.verify(forged)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    await expect(verifier.verify(forged)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
  });
});
