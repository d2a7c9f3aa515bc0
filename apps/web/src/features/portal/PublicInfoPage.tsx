import { ArrowLeftOutlined } from '@ant-design/icons';
import type { PublicInfo, PublicInfoKind } from '@gov/contracts';
import { Card, Descriptions, Empty, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { LinkButton } from '../../shared/ui/LinkButton';
import { useDocumentTitle } from '../../shared/ui/useDocumentTitle';
import { usePublicInfo } from './usePublicInfo';

function Entry({ entry }: { entry: PublicInfo }) {
  const { t } = useTranslation();
  const details = [
    entry.documentNumber && { key: 'number', label: t('publicInfo.documentNumber'), children: entry.documentNumber },
    entry.issuer && { key: 'issuer', label: t('publicInfo.issuer'), children: entry.issuer },
    { key: 'date', label: t('publicInfo.publishedOn'), children: entry.publishedOn },
    entry.contact && { key: 'contact', label: t('publicInfo.contact'), children: entry.contact },
    entry.url && { key: 'url', label: t('publicInfo.source'), children: <a href={entry.url} rel="noopener noreferrer" target="_blank">{entry.url}</a> },
  ].filter((item) => item !== null && item !== '');
  return (
    <Card data-testid="public-info-item">
      <h2 className="card-heading">{entry.title}</h2>
      {entry.summary && <Typography.Paragraph style={{ marginTop: 12 }}>{entry.summary}</Typography.Paragraph>}
      {entry.body && <Typography.Paragraph style={{ whiteSpace: 'pre-line' }}>{entry.body}</Typography.Paragraph>}
      <Descriptions size="small" column={{ xs: 1, md: 2 }} items={details} />
    </Card>
  );
}

/** One kind of public information (政策法规, 通知公告, 投诉渠道, 中介服务), public like the rest of the portal. */
export function PublicInfoPage({ kind }: { kind: PublicInfoKind }) {
  const { t } = useTranslation();
  const info = usePublicInfo(kind);
  const title = t(`publicInfo.kinds.${kind}`);
  useDocumentTitle(`${title} - ${t('publicInfo.heading')}`);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <LinkButton to="/portal" icon={<ArrowLeftOutlined aria-hidden />} data-testid="public-info-back">
          {t('publicInfo.back')}
        </LinkButton>
      </div>
      <Typography.Title level={1} style={{ margin: 0 }} data-testid="public-info-title">
        {title}
      </Typography.Title>
      {info.isPending && <Spin aria-label={t('app.loading')} />}
      {info.isError && <ErrorAlert error={info.error} onRetry={() => void info.refetch()} />}
      {info.data && info.data.items.length === 0 && <Empty description={t('publicInfo.empty')} />}
      {info.data?.items.map((entry) => <Entry key={entry.id} entry={entry} />)}
    </Space>
  );
}
