import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/ApiError';
import { GuideView } from '../../shared/catalogue/GuideView';
import { useDueDate, usePublicItem } from '../../shared/catalogue/usePublicCatalogue';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { LinkButton } from '../../shared/ui/LinkButton';
import { useDocumentTitle } from '../../shared/ui/useDocumentTitle';
import { ApplyOnline } from './applications/ApplyOnline';

/** The public, printable service guide of one published item. */
export function ServiceGuidePage({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const guide = usePublicItem(code);
  const due = useDueDate(guide.data?.item.promisedDays);
  useDocumentTitle(guide.data ? `${guide.data.item.name} - ${t('catalogue.guideHeading')}` : t('catalogue.guideHeading'));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div className="no-print">
        <LinkButton to="/portal" icon={<ArrowLeftOutlined aria-hidden />} data-testid="back-to-catalogue">
          {t('catalogue.backToList')}
        </LinkButton>
      </div>
      {guide.isPending && <Spin aria-label={t('app.loading')} />}
      {guide.isError &&
        (guide.error instanceof ApiError && guide.error.status === 404 ? (
          <Alert type="warning" showIcon title={t('catalogue.notFound')} data-testid="guide-not-found" />
        ) : (
          <ErrorAlert error={guide.error} onRetry={() => void guide.refetch()} />
        ))}
      {guide.data && (
        <>
          <div>
            <Typography.Title level={1} data-testid="guide-title" style={{ marginTop: 0 }}>
              {guide.data.item.name}
            </Typography.Title>
            <Typography.Paragraph type="secondary">
              {t('catalogue.guideHeading')} · {t('catalogue.revision', { revision: guide.data.revision, date: new Date(guide.data.publishedAt).toLocaleDateString(i18n.language) })}
            </Typography.Paragraph>
            {due.data && (
              <Alert className="guide-due" type="info" showIcon data-testid="guide-due-date" title={t('catalogue.dueIfToday', { days: due.data.days, date: due.data.dueDate })} style={{ marginBottom: 12 }} />
            )}
            <Button className="no-print" icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()} data-testid="print-guide">
              {t('catalogue.print')}
            </Button>
          </div>
          <ApplyOnline item={guide.data.item} />
          <GuideView item={guide.data.item} />
        </>
      )}
    </Space>
  );
}
