import { useContext, useSyncExternalStore } from 'react';
import { AuthContext } from './AuthContext';
import type { AuthSession } from './AuthSession';

export function useAuthSession(): AuthSession {
  const session = useContext(AuthContext);
  if (!session) throw new Error('useAuthSession must be used inside <AuthContext.Provider>.');
  return session;
}

/** The session plus whether the user is logged in, re-rendering when that changes. */
export function useAuth(): { session: AuthSession; authenticated: boolean } {
  const session = useAuthSession();
  const authenticated = useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.isAuthenticated(),
  );
  return { session, authenticated };
}
