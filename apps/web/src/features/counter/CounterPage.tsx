import { AreaPage } from '../../shared/ui/AreaPage';
import { useCurrentUser } from '../../shared/auth/CurrentUser';

/** Counter clerks accept applications on a citizen's behalf at their window (their department). */
export function CounterPage() {
  const me = useCurrentUser();
  return <AreaPage area="counter" departments={me.departments} />;
}
