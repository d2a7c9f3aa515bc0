import type { Me } from '@gov/contracts';
import { createContext, useContext } from 'react';

/** The logged-in user of a guarded area, provided by the area guard once /api/me has answered. */
export const CurrentUserContext = createContext<Me | null>(null);

export function useCurrentUser(): Me {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser must be used inside a guarded area (RequireArea).');
  return me;
}
