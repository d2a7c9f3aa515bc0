import { describe, expect, it, type Mock, vi } from 'vitest';
import { createAuthSession, type KeycloakPort } from './authSession';

/** A stand-in for an initialised keycloak-js instance. */
function fakeKeycloak(overrides: Partial<KeycloakPort> = {}) {
  const keycloak = {
    authenticated: true,
    token: 'access-1',
    subject: 'user-1',
    updateToken: vi.fn((_minValidity?: number) => Promise.resolve(false)),
    clearToken: vi.fn(() => {
      keycloak.authenticated = false;
      keycloak.token = undefined;
      keycloak.onAuthLogout?.();
    }),
    login: vi.fn(() => Promise.resolve()),
    logout: vi.fn(() => Promise.resolve()),
    onTokenExpired: undefined,
    onAuthSuccess: undefined,
    onAuthLogout: undefined,
    onAuthRefreshError: undefined,
    ...overrides,
  } as KeycloakPort & {
    updateToken: Mock<KeycloakPort['updateToken']>;
    clearToken: Mock<KeycloakPort['clearToken']>;
    login: Mock<KeycloakPort['login']>;
    logout: Mock<KeycloakPort['logout']>;
  };
  return keycloak;
}

const options = { origin: 'https://gov.example', language: () => 'en' as const };

describe('createAuthSession', () => {
  it('refreshes a token that expires within 30 seconds before handing it out', async () => {
    // given a logged-in user whose token the server refreshes
    const keycloak = fakeKeycloak();
    keycloak.updateToken.mockImplementation(() => {
      keycloak.token = 'access-2';
      return Promise.resolve(true);
    });
    const session = createAuthSession(keycloak, options);
    // when the API client asks for a token
    const token = await session.getToken();
    // then it was refreshed with a 30 s margin first
    expect(keycloak.updateToken).toHaveBeenCalledWith(30);
    expect(token).toBe('access-2');
  });

  it('gives anonymous visitors no token and does not try to refresh', async () => {
    const keycloak = fakeKeycloak({ authenticated: false, token: undefined });
    expect(await createAuthSession(keycloak, options).getToken()).toBeUndefined();
    expect(keycloak.updateToken).not.toHaveBeenCalled();
  });

  it('turns the UI anonymous when the refresh fails, instead of sending a dead token', async () => {
    // given a session whose refresh token has expired
    const keycloak = fakeKeycloak();
    keycloak.updateToken.mockRejectedValue(new Error('refresh failed'));
    const session = createAuthSession(keycloak, options);
    const listener = vi.fn();
    session.subscribe(listener);
    // when
    const token = await session.getToken();
    // then
    expect(token).toBeUndefined();
    expect(session.isAuthenticated()).toBe(false);
    expect(listener).toHaveBeenCalled();
  });

  it('refreshes when keycloak-js reports the token expired', () => {
    const keycloak = fakeKeycloak();
    createAuthSession(keycloak, options);
    keycloak.onTokenExpired?.();
    expect(keycloak.updateToken).toHaveBeenCalledWith(30);
  });

  it('logs out through Keycloak and comes back to the home page', async () => {
    const keycloak = fakeKeycloak();
    await createAuthSession(keycloak, options).logout();
    expect(keycloak.logout).toHaveBeenCalledWith({ redirectUri: 'https://gov.example/' });
  });

  it('logs in in the chosen language and returns to the requested page', async () => {
    const keycloak = fakeKeycloak({ authenticated: false });
    await createAuthSession(keycloak, options).login('https://gov.example/inbox');
    expect(keycloak.login).toHaveBeenCalledWith({ redirectUri: 'https://gov.example/inbox', locale: 'en' });
  });

  it('stops notifying a listener after it unsubscribes', () => {
    const keycloak = fakeKeycloak();
    const session = createAuthSession(keycloak, options);
    const listener = vi.fn();
    const unsubscribe = session.subscribe(listener);
    unsubscribe();
    keycloak.onAuthSuccess?.();
    expect(listener).not.toHaveBeenCalled();
  });
});
