// Logs a user in without a browser, for tests: drives Keycloak's authorization-code flow with
// PKCE (S256) over plain fetch, exactly as the SPA does, so the tokens are the ones the browser
// would get (same client, same mappers). Never use this for anything but tests.
import { createHash, randomBytes } from 'node:crypto';

/**
 * @param {{ keycloakUrl?: string, realm?: string, username: string, password: string,
 *           clientId?: string, redirectUri?: string, scope?: string }} options
 * @returns {Promise<import('./test-login.d.mts').TokenResponse>}
 */
export async function loginWithPassword({
  keycloakUrl = 'http://localhost:8180',
  realm = 'gov',
  username,
  password,
  clientId = 'gov-web',
  redirectUri = 'http://localhost:3000/',
  scope = 'openid',
}) {
  const oidc = `${keycloakUrl.replace(/\/$/, '')}/realms/${encodeURIComponent(realm)}/protocol/openid-connect`;
  const verifier = base64url(randomBytes(32));
  const state = base64url(randomBytes(16));
  const cookies = new CookieJar();

  const authUrl = new URL(`${oidc}/auth`);
  authUrl.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope,
    state,
    nonce: base64url(randomBytes(16)),
    code_challenge: base64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
  }).toString();

  const loginPage = await fetch(authUrl, { redirect: 'manual' });
  cookies.take(loginPage);
  const html = await loginPage.text();
  if (loginPage.status !== 200) {
    throw new Error(`Keycloak login page: HTTP ${loginPage.status} for ${authUrl.href}: ${pageError(html)}`);
  }
  const action = formAction(html);
  if (!action) throw new Error(`Keycloak login page has no login form (${authUrl.href}): ${pageError(html)}`);

  const submitted = await fetch(action, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.header() },
    body: new URLSearchParams({ username, password, credentialId: '' }),
  });
  const location = submitted.headers.get('location');
  if (submitted.status !== 302 || !location) {
    throw new Error(`Login as ${username} failed (HTTP ${submitted.status}): ${pageError(await submitted.text())}`);
  }
  const callback = new URL(location, action);
  const code = callback.searchParams.get('code');
  if (callback.searchParams.get('state') !== state || !code) {
    throw new Error(`Login as ${username} did not return a code: ${callback.searchParams.get('error_description') ?? callback.searchParams.get('error') ?? location}`);
  }

  const tokenResponse = await fetch(`${oidc}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier }),
  });
  const body = await tokenResponse.json();
  if (!tokenResponse.ok) throw new Error(`Token exchange for ${username} failed (HTTP ${tokenResponse.status}): ${JSON.stringify(body)}`);
  return body;
}

/** Gets a token for a confidential client with a service account (client-credentials grant). */
export async function serviceAccountToken({ keycloakUrl = 'http://localhost:8180', realm = 'gov', clientId, clientSecret }) {
  const response = await fetch(`${keycloakUrl.replace(/\/$/, '')}/realms/${encodeURIComponent(realm)}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`Client-credentials grant for ${clientId} failed (HTTP ${response.status}): ${JSON.stringify(body)}`);
  return body;
}

/** Reads a JWT's payload WITHOUT verifying it: for assertions in tests only. */
export function decodeJwtPayload(jwt) {
  const payload = jwt.split('.')[1];
  if (!payload) throw new Error('Not a JWT');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}

function base64url(bytes) {
  return Buffer.from(bytes).toString('base64url');
}

/** The login form's action: Keycloak's themes render it on the form with id kc-form-login. */
function formAction(html) {
  const form = /<form\b[^>]*\bid="kc-form-login"[^>]*>/i.exec(html)?.[0];
  const action = form && /\baction="([^"]+)"/i.exec(form)?.[1];
  return action ? decodeEntities(action) : undefined;
}

/** The message Keycloak shows on a page, for error reports. */
function pageError(html) {
  const message = /<(?:span|div)[^>]*(?:kc-feedback-text|input-error|pf-v5-c-alert__title|alert-error)[^>]*>([\s\S]*?)<\/(?:span|div)>/i.exec(html)?.[1]
    ?? /<title>([\s\S]*?)<\/title>/i.exec(html)?.[1]
    ?? html.slice(0, 200);
  return decodeEntities(message.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
}

function decodeEntities(text) {
  return text
    .replace(/&#(\d+);/g, (_, code) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Keeps the cookies Keycloak sets on the login page (AUTH_SESSION_ID and friends). */
class CookieJar {
  #cookies = new Map();

  take(response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair.indexOf('=');
      if (index > 0) this.#cookies.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
    }
  }

  header() {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}
