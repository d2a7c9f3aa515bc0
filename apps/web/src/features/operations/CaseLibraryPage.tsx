import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../shared/ui/useDocumentTitle';
import { CaseLibrary } from './CaseLibrary';

/**
 * /inbox/cases: the case library for approvers, department admins and supervisors, who work in the
 * inbox area (admins open it as the 办件库 tab of /admin).
 */
export function CaseLibraryPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('caseLibrary.heading'));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Link to="/inbox" data-testid="case-library-back">{t('caseLibrary.backToInbox')}</Link>
        <Typography.Title level={1} data-testid="area-title" style={{ marginTop: 8 }}>{t('caseLibrary.heading')}</Typography.Title>
      </div>
      <CaseLibrary />
    </Space>
  );
}
