import { AreaPage } from '../../shared/ui/AreaPage';
import { useCurrentUser } from '../../shared/auth/CurrentUser';

/** Platform and department admins; a department admin manages within their departments. */
export function AdminPage() {
  const me = useCurrentUser();
  return <AreaPage area="admin" departments={me.departments} />;
}
