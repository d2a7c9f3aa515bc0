import type { ClientConfig } from '@gov/contracts';
import Keycloak from 'keycloak-js';
import type { AuthSession } from '../shared/auth/AuthSession';
import type { Language } from '../shared/i18n/language';
import { createAuthSession } from './authSession';

/** How long to wait for Keycloak before showing the start-up error instead of a blank page. */
const KEYCLOAK_TIMEOUT_MS = 15_000;

/**
 * Creates keycloak-js for the configured realm and runs its one-time init: silent check-sso
 * (no redirect for anonymous visitors), PKCE S256, and token refresh before expiry.
 * Called once per start-up attempt from src/app/startup.ts, never from a component.
 */
export async function startKeycloak(config: ClientConfig, currentLanguage: () => Language): Promise<AuthSession> {
  await probeKeycloak(config);

  const keycloak = new Keycloak({ url: config.keycloakUrl, realm: config.realm, clientId: config.clientId });
  // Handlers go on before init so that no token event during init is missed.
  const session = createAuthSession(keycloak, { origin: window.location.origin, language: currentLanguage });
  await withTimeout(
    keycloak.init({
      onLoad: 'check-sso',
      pkceMethod: 'S256',
      silentCheckSsoRedirectUri: `${window.location.origin}/silent-check-sso.html`,
      messageReceiveTimeout: KEYCLOAK_TIMEOUT_MS,
    }),
    KEYCLOAK_TIMEOUT_MS + 2_000,
    `Keycloak at ${config.keycloakUrl} (realm ${config.realm}, client ${config.clientId}) did not finish the single sign-on check in time; ` +
      `check that the client allows ${window.location.origin}/* as a redirect URI.`,
  );
  return session;
}

/**
 * Fails fast with a clear message when nothing listens at the Keycloak URL or the realm is
 * missing, instead of waiting for keycloak-js's iframe time-outs. Keycloak serves the realm's
 * discovery document with CORS for any origin.
 */
async function probeKeycloak(config: ClientConfig): Promise<void> {
  const realmUrl = `${config.keycloakUrl.replace(/\/+$/, '')}/realms/${encodeURIComponent(config.realm)}`;
  let response: Response;
  try {
    response = await fetch(`${realmUrl}/.well-known/openid-configuration`, { cache: 'no-store', signal: AbortSignal.timeout(KEYCLOAK_TIMEOUT_MS) });
  } catch (cause) {
    // Keycloak answers an unknown realm with a 404 that lacks CORS headers, so that lands here too.
    throw new Error(`Keycloak realm "${config.realm}" is not reachable at ${realmUrl} (Keycloak not running, wrong address, or no such realm).`, { cause });
  }
  if (response.status === 404) throw new Error(`Keycloak at ${config.keycloakUrl} has no realm "${config.realm}".`);
  if (!response.ok) throw new Error(`Keycloak at ${realmUrl} answered HTTP ${response.status}.`);
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = window.setTimeout(() => reject(new Error(message)), ms);
    promise.then(
      (value) => {
        window.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        window.clearTimeout(timer);
        reject(toError(error));
      },
    );
  });
}

/** keycloak-js sometimes rejects with plain objects (e.g. `{ error, error_description }`). */
function toError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (typeof error === 'object' && error !== null) return new Error(`Keycloak: ${JSON.stringify(error)}`);
  return new Error(`Keycloak: ${String(error)}`);
}
