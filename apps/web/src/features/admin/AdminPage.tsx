import { Spin, Tabs } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCurrentUser } from '../../shared/auth/CurrentUser';
import { AreaPage } from '../../shared/ui/AreaPage';
import { CatalogueAdmin } from './CatalogueAdmin';
import { ItemEditor } from './ItemEditor';

// The console and the case library load only when their tab is opened.
const OperationsConsole = lazy(async () => ({ default: (await import('../operations/OperationsConsole')).OperationsConsole }));
const CaseLibrary = lazy(async () => ({ default: (await import('../operations/CaseLibrary')).CaseLibrary }));
const LicenceAdmin = lazy(async () => ({ default: (await import('./LicenceAdmin')).LicenceAdmin }));
const ElementTemplateAdmin = lazy(async () => ({ default: (await import('./ElementTemplateAdmin')).ElementTemplateAdmin }));

const TABS = ['catalogue', 'operations', 'cases', 'licences', 'templates'] as const;
type Tab = (typeof TABS)[number];
const isTab = (value: string | null): value is Tab => TABS.some((t) => t === value);

/**
 * Platform and department admins; a department admin manages within their departments. Tabs:
 * 事项目录 (`?item=<code>` / `?new=1` open the editor), 运维监控 (`?tab=operations`), 办件库 (`?tab=cases`),
 * 电子证照 (`?tab=licences`), 流程模板 (`?tab=templates`, platform admins only).
 */
export function AdminPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const code = params.get('item');
  if (code || params.get('new')) return <ItemEditor code={code} />;
  const raw = params.get('tab');
  const tab: Tab = isTab(raw) ? raw : 'catalogue';
  return (
    <AreaPage area="admin" departments={me.departments}>
      <Tabs
        activeKey={tab}
        // Each tab keeps its own query parameters; switching starts the new tab afresh.
        onChange={(next) => setParams(next === 'catalogue' ? {} : { tab: next })}
        aria-label={t('adminTabs.label')}
        data-testid="admin-tabs"
        destroyOnHidden
        items={TABS.filter((key) => key !== 'templates' || me.roles.includes('admin')).map((key) => ({
          key,
          label: <span data-testid={`admin-tab-${key}`}>{t(`adminTabs.${key}`)}</span>,
          children: (
            <Suspense fallback={<Spin />}>
              {key === 'catalogue' ? <CatalogueAdmin /> : key === 'operations' ? <OperationsConsole /> : key === 'cases' ? <CaseLibrary /> : key === 'licences' ? <LicenceAdmin /> : <ElementTemplateAdmin />}
            </Suspense>
          ),
        }))}
      />
    </AreaPage>
  );
}
