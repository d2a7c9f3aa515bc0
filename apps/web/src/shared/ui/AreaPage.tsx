import type { Area, Department } from '@gov/contracts';
import { Alert, Card, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from './useDocumentTitle';

/**
 * The common frame of an area's start page: its title, what the area is for, what is not
 * built yet (said plainly, no sample data), and optionally the user's departments.
 */
export function AreaPage({ area, departments, children }: { area: Area; departments?: readonly Department[]; children?: ReactNode }) {
  const { t } = useTranslation();
  const title = t(`areas.${area}.title`);
  useDocumentTitle(title);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} data-testid="area-title" style={{ marginTop: 0 }}>
          {title}
        </Typography.Title>
        <Typography.Paragraph className="lead">{t(`areas.${area}.description`)}</Typography.Paragraph>
      </div>
      {departments && <DepartmentsCard departments={departments} />}
      {children}
      <Alert type="info" showIcon title={t('areaPage.comingSoon')} description={t(`areas.${area}.notYet`)} />
    </Space>
  );
}

export function DepartmentsCard({ departments }: { departments: readonly Department[] }) {
  const { t } = useTranslation();
  return (
    <Card title={<h2 className="card-heading">{t('areaPage.departments')}</h2>} data-testid="departments">
      {departments.length === 0 ? (
        <Typography.Text>{t('user.noDepartments')}</Typography.Text>
      ) : (
        <ul className="plain-list">
          {departments.map((department) => (
            <li key={department.path}>
              <Tag color="blue">{department.name}</Tag>
              <Typography.Text type="secondary">{department.path}</Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
