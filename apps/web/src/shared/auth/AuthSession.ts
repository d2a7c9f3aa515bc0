/**
 * What the UI needs to know about the signed-in user's session, independent of Keycloak
 * (src/app/keycloak.ts implements it with keycloak-js).
 */
export interface AuthSession {
  /** Snapshot for useSyncExternalStore: changes when the user logs in, out, or the session ends. */
  isAuthenticated(): boolean;
  subscribe(listener: () => void): () => void;
  /** Subject (user id) of the token, used to key per-user caches. */
  subject(): string | undefined;
  /** A token valid for at least 30 more seconds, refreshed if needed; undefined when anonymous. */
  getToken(): Promise<string | undefined>;
  /** Sends the browser to the login page; comes back to `returnTo` (an absolute URL). */
  login(returnTo: string): Promise<void>;
  /** Ends the single sign-on session and comes back to the home page. */
  logout(): Promise<void>;
}
