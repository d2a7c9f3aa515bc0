import { AreaPage } from '../../shared/ui/AreaPage';
import { useCurrentUser } from '../../shared/auth/CurrentUser';

/** Approvers work their departments' shared inbox. */
export function InboxPage() {
  const me = useCurrentUser();
  return <AreaPage area="inbox" departments={me.departments} />;
}
