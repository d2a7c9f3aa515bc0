import type Keycloak from 'keycloak-js';
import type { AuthSession } from '../shared/auth/AuthSession';
import type { Language } from '../shared/i18n/language';

/** Seconds of validity a token must still have before we use it; otherwise it is refreshed first. */
export const MIN_VALIDITY_SECONDS = 30;

/** The part of keycloak-js the session uses (a narrow port, so the session is testable without a browser). */
export type KeycloakPort = Pick<
  Keycloak,
  'authenticated' | 'token' | 'subject' | 'updateToken' | 'clearToken' | 'login' | 'logout' | 'onTokenExpired' | 'onAuthSuccess' | 'onAuthLogout' | 'onAuthRefreshError'
>;

/**
 * Wraps an initialised keycloak-js instance as the app's AuthSession: tokens are refreshed
 * before they expire (on `onTokenExpired` and before each API call); a failed refresh ends
 * the session locally so the UI turns anonymous instead of sending dead tokens.
 */
export function createAuthSession(keycloak: KeycloakPort, options: { origin: string; language: () => Language }): AuthSession {
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  const endLocally = () => keycloak.clearToken(); // fires onAuthLogout when a session existed

  keycloak.onTokenExpired = () => {
    keycloak.updateToken(MIN_VALIDITY_SECONDS).catch(endLocally);
  };
  keycloak.onAuthSuccess = notify;
  keycloak.onAuthLogout = notify; // also when the session ends elsewhere (check-session iframe)
  keycloak.onAuthRefreshError = endLocally;

  return {
    isAuthenticated: () => keycloak.authenticated,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    subject: () => keycloak.subject,
    getToken: async () => {
      if (!keycloak.authenticated) return undefined;
      try {
        await keycloak.updateToken(MIN_VALIDITY_SECONDS);
      } catch {
        endLocally(); // refresh token expired or session ended: continue as anonymous
        return undefined;
      }
      return keycloak.token;
    },
    login: (returnTo) => keycloak.login({ redirectUri: returnTo, locale: options.language() }),
    // keycloak-js sends the browser to the end-session endpoint, which ends the SSO session.
    logout: () => keycloak.logout({ redirectUri: `${options.origin}/` }),
  };
}
