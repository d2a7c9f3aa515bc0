// Types for test-login.mjs: browserless logins for tests.

/** The token endpoint's response (OAuth 2.0 / OpenID Connect field names). */
export interface TokenResponse {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  expires_in: number;
  refresh_expires_in?: number;
  token_type: string;
  scope?: string;
  session_state?: string;
}

/** Logs in through Keycloak's login form: authorization code + PKCE S256, as the SPA does. */
export function loginWithPassword(options: {
  /** Default http://localhost:8180 */
  keycloakUrl?: string;
  /** Default gov */
  realm?: string;
  username: string;
  password: string;
  /** Default gov-web */
  clientId?: string;
  /** Must match a redirect URI of the client; default http://localhost:3000/ */
  redirectUri?: string;
  /** Default openid */
  scope?: string;
}): Promise<TokenResponse>;

/** Client-credentials grant for a confidential client with a service account (e.g. gov-worker). */
export function serviceAccountToken(options: { keycloakUrl?: string; realm?: string; clientId: string; clientSecret: string }): Promise<TokenResponse>;

/** A JWT's payload, NOT verified: for assertions in tests only. */
export function decodeJwtPayload(jwt: string): Record<string, unknown>;
