import { AreaPage } from '../../shared/ui/AreaPage';
import { useCurrentUser } from '../../shared/auth/CurrentUser';
import { RectificationsCard } from './RectificationsCard';

/** Approvers work their departments' shared inbox. */
export function InboxPage() {
  const me = useCurrentUser();
  const answersRatings = me.roles.some((role) => role === 'approver' || role === 'dept-admin' || role === 'supervisor' || role === 'admin');
  return (
    <AreaPage area="inbox" departments={me.departments}>
      {answersRatings && <RectificationsCard />}
    </AreaPage>
  );
}
