// Validates bearer JWTs locally against the realm's JWKS (issuer, audience, expiry, signature).
import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { UnauthenticatedError } from '../app-error.js';
import { type Principal, principalFromClaims } from './principal.js';

export const JWKS = Symbol('JWKS');

export function remoteJwks(config: AppConfig): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(config.keycloak.jwksUrl), { cooldownDuration: 30_000, timeoutDuration: 5_000 });
}

/** Tokens whose signature was checked, kept until they expire (a browser sends the same token for minutes). */
const CACHE_LIMIT = 5000;

@Injectable()
export class TokenVerifier {
  private readonly verified = new Map<string, { principal: Principal; expiresAtMs: number }>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JWKS) private readonly jwks: JWTVerifyGetKey,
  ) {}

  async verify(token: string): Promise<Principal> {
    const known = this.verified.get(token);
    if (known) {
      if (Date.now() < known.expiresAtMs) return known.principal;
      this.verified.delete(token);
    }
    try {
      const { payload } = await jwtVerify(token, this.jwks, {
        issuer: this.config.keycloak.issuer,
        audience: this.config.keycloak.audience,
        algorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'],
        clockTolerance: 5,
      });
      const principal = principalFromClaims(payload, this.config.keycloak.audience);
      // The same signed bytes stay valid until `exp`; checking them again would only repeat the answer.
      if (typeof payload.exp === 'number') {
        if (this.verified.size >= CACHE_LIMIT) this.verified.clear();
        this.verified.set(token, { principal, expiresAtMs: payload.exp * 1000 });
      }
      return principal;
    } catch (error: unknown) {
      if (error instanceof errors.JWTExpired) throw new UnauthenticatedError('The access token has expired.', 'TOKEN_EXPIRED');
      if (error instanceof errors.JWTClaimValidationFailed) {
        throw new UnauthenticatedError(`The access token was rejected: ${error.claim} ${error.reason}.`, 'TOKEN_INVALID');
      }
      if (error instanceof errors.JOSEError) throw new UnauthenticatedError('The access token could not be verified.', 'TOKEN_INVALID');
      throw error;
    }
  }
}
