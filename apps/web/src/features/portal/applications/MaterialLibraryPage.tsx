import type { LibraryFile } from '@gov/contracts';
import { Button, Card, Empty, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { useDocumentTitle } from '../../../shared/ui/useDocumentTitle';
import './applications.css';
import { CitizenLinks } from './CitizenLinks';
import { fileContentPath, useMaterialLibrary } from './useApplications';
import { formatDateTime, formatSize, useDownload } from './useDownload';

/** 我的材料: every file the citizen uploaded, and which applications used it. */
export function MaterialLibraryPage() {
  const { t, i18n } = useTranslation();
  const library = useMaterialLibrary();
  const download = useDownload();
  useDocumentTitle(t('applications.library.title'));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }} data-testid="area-title">
        {t('applications.library.title')}
      </Typography.Title>
      <CitizenLinks />
      <Card>
        <Typography.Paragraph>{t('applications.library.intro')}</Typography.Paragraph>
        {library.isError && <ErrorAlert error={library.error} onRetry={() => void library.refetch()} />}
        {library.data && library.data.length === 0 ? (
          <Empty description={t('applications.library.empty')} />
        ) : (
          <Table<LibraryFile>
            data-testid="material-library"
            loading={library.isPending}
            rowKey="id"
            dataSource={library.data ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: true }}
            columns={[
              {
                key: 'name',
                title: t('applications.library.name'),
                render: (_, file) => (
                  <Button type="link" style={{ padding: 0 }} onClick={() => void download(fileContentPath(file.id), file.name)} aria-label={t('applications.openFile', { name: file.name })} data-testid={`library-row-${file.id}`}>
                    {file.name}
                  </Button>
                ),
              },
              { key: 'type', title: t('applications.library.type'), dataIndex: 'mediaType' },
              { key: 'size', title: t('applications.library.size'), render: (_, file) => formatSize(file.size) },
              { key: 'uploaded', title: t('applications.library.uploadedAt'), render: (_, file) => formatDateTime(file.uploadedAt, i18n.language) },
              {
                key: 'used',
                title: t('applications.library.usedIn'),
                render: (_, file) =>
                  file.usedIn.length === 0 ? (
                    <Typography.Text type="secondary">{t('applications.library.unused')}</Typography.Text>
                  ) : (
                    <ul className="plain-list">
                      {file.usedIn.map((use) => (
                        <li key={`${use.applicationId}-${use.materialName}`}>
                          <Link to={`/portal/applications/${use.applicationId}`}>{use.caseNumber ?? t('applications.library.draft')}</Link>
                          <span>
                            {use.itemName} · {use.materialName}
                          </span>
                        </li>
                      ))}
                    </ul>
                  ),
              },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
