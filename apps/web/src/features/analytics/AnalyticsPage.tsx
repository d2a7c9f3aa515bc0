import { AreaPage } from '../../shared/ui/AreaPage';
import { useCurrentUser } from '../../shared/auth/CurrentUser';

/** KPIs for supervisors and admins, scoped to their departments. */
export function AnalyticsPage() {
  const me = useCurrentUser();
  return <AreaPage area="analytics" departments={me.departments} />;
}
