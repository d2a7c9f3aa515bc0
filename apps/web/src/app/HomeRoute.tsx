import { Navigate } from 'react-router';
import { HomePage } from '../features/home/HomePage';
import { useMe } from '../shared/api/useMe';
import { useAuth } from '../shared/auth/useAuth';
import { ErrorAlert } from '../shared/ui/ErrorAlert';
import { FullPageSpinner } from '../shared/ui/FullPageSpinner';
import { landingPathFor } from './landing';

/**
 * `/`: the public home page for visitors. A logged-in user is sent on to their role's home
 * (citizen → /portal, clerk → /counter, …, see landing.ts); logging in from the header
 * returns to `/`, so this is how every role lands after login.
 */
export function HomeRoute() {
  const { authenticated } = useAuth();
  const me = useMe();
  if (!authenticated) return <HomePage />;
  if (me.isPending) return <FullPageSpinner fullHeight={false} />;
  if (me.isError) {
    return (
      <>
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
        <HomePage />
      </>
    );
  }
  const landing = landingPathFor(me.data.roles);
  return landing ? <Navigate to={landing} replace /> : <HomePage />;
}
