import './operations.css';
import { DEPARTMENTS } from '@gov/contracts';
import { Card, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCurrentUser } from '../../shared/auth/CurrentUser';
import { ConnectionsPanel } from './ConnectionsPanel';
import { DepartmentHealthPanel } from './DepartmentHealthPanel';
import { ExchangeLogPanel } from './ExchangeLogPanel';
import { IncidentsPanel } from './IncidentsPanel';

const VIEWS = ['incidents', 'exchanges', 'health', 'connections'] as const;
type View = (typeof VIEWS)[number];
const isView = (value: string | null): value is View => VIEWS.some((v) => v === value);

/**
 * 运维监控: incidents, the data-exchange log, department health and department systems'
 * connections. Platform admins see everything; department admins their own departments (the API
 * decides; the department lists here only shape the filters).
 */
export function OperationsConsole() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const raw = params.get('ops');
  const view: View = isView(raw) ? raw : 'incidents';
  const mine = me.roles.includes('admin') ? DEPARTMENTS : DEPARTMENTS.filter((d) => me.departments.some((own) => own.path === d.path));
  const departments = mine.map((d) => ({ code: d.code, name: d.name }));
  const select = (next: string) => {
    const search = new URLSearchParams(params);
    search.set('ops', next);
    setParams(search);
  };
  return (
    <Card title={<h2 className="card-heading">{t('operations.heading')}</h2>} data-testid="operations-console">
      <Typography.Paragraph type="secondary">{t('operations.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={view}
        onChange={select}
        destroyOnHidden
        items={VIEWS.map((key) => ({
          key,
          label: <span data-testid={`ops-tab-${key}`}>{t(`operations.tabs.${key}`)}</span>,
          children: key === 'incidents' ? <IncidentsPanel />
            : key === 'exchanges' ? <ExchangeLogPanel departments={departments} />
            : key === 'health' ? <DepartmentHealthPanel />
            : <ConnectionsPanel departments={departments} />,
        }))}
      />
    </Card>
  );
}
