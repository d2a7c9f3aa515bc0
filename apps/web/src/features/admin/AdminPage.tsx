import { useSearchParams } from 'react-router';
import { useCurrentUser } from '../../shared/auth/CurrentUser';
import { AreaPage } from '../../shared/ui/AreaPage';
import { CatalogueAdmin } from './CatalogueAdmin';
import { ItemEditor } from './ItemEditor';

/** Platform and department admins; a department admin manages within their departments. `?item=<code>` / `?new=1` open the editor. */
export function AdminPage() {
  const me = useCurrentUser();
  const [params] = useSearchParams();
  const code = params.get('item');
  if (code || params.get('new')) return <ItemEditor code={code} />;
  return (
    <AreaPage area="admin" departments={me.departments}>
      <CatalogueAdmin />
    </AreaPage>
  );
}
