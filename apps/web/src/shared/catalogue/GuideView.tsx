import './catalogue.css';
import { DownloadOutlined } from '@ant-design/icons';
import type { ServiceItem } from '@gov/contracts';
import { Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card title={<h2 className="card-heading">{title}</h2>} className="guide-section" data-testid={testId}>
      {children}
    </Card>
  );
}

/**
 * The service guide (办事指南) generated from a catalogue entry: every element of the item, the
 * same for the public portal, counters and the admin's preview (R2, R15).
 */
export function GuideView({ item }: { item: ServiceItem }) {
  const { t } = useTranslation();
  const days = (n: number) => (n === 0 ? t('catalogue.instant') : t('catalogue.workingDays', { days: n }));
  const fileName = (link: string) => link.split('/').at(-1) ?? link;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} className="guide">
      <Section title={t('catalogue.basicInfo')}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          items={[
            { key: 'code', label: t('catalogue.code'), children: <span data-testid="guide-code">{item.code}</span> },
            { key: 'type', label: t('catalogue.type'), children: t(`catalogue.types.${item.type}`) },
            { key: 'levels', label: t('catalogue.levels'), children: item.levels.map((l) => t(`catalogue.levelNames.${l}`)).join('、') },
            { key: 'agency', label: t('catalogue.agency'), children: <span data-testid="guide-agency">{item.agency.name}</span> },
            ...(item.coAgencies.length > 0 ? [{ key: 'co', label: t('catalogue.coAgencies'), children: item.coAgencies.map((a) => a.name).join('、') }] : []),
            { key: 'audiences', label: t('catalogue.audiences'), children: item.audiences.map((a) => t(`catalogue.audienceNames.${a}`)).join('、') },
            ...(item.themes.length > 0 ? [{ key: 'themes', label: t('catalogue.themes'), children: item.themes.map((th) => t(`catalogue.themeNames.${th}`)).join('、') }] : []),
          ]}
        />
      </Section>

      <Section title={t('catalogue.timeLimits')} testId="guide-time-limits">
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          items={[
            { key: 'statutory', label: t('catalogue.statutoryDays'), children: <span data-testid="guide-statutory-days">{days(item.statutoryDays)}</span> },
            { key: 'promised', label: t('catalogue.promisedDaysLabel'), children: <span data-testid="guide-promised-days">{days(item.promisedDays)}</span> },
          ]}
        />
      </Section>

      <Section title={t('catalogue.legalBasis')}>
        <ul className="guide-list">
          {item.legalBasis.map((basis) => (
            <li key={`${basis.law}${basis.articles}`}>
              {basis.law} {basis.articles}
            </li>
          ))}
        </ul>
      </Section>

      <Section title={t('catalogue.scope')}>
        <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="guide-scope">
          {item.scope}
        </Typography.Paragraph>
      </Section>

      <Section title={t('catalogue.conditions')}>
        <ol className="guide-list">
          {item.conditions.map((condition) => (
            <li key={condition}>{condition}</li>
          ))}
        </ol>
      </Section>

      <Section title={t('catalogue.materials')} testId="guide-materials">
        <Table
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={item.materials}
          columns={[
            { key: 'name', title: t('catalogue.materialName'), render: (_, m) => (<><div>{m.name}</div>{m.notes && <Typography.Text type="secondary">{m.notes}</Typography.Text>}</>) },
            { key: 'form', title: t('catalogue.materialForm'), render: (_, m) => t(`catalogue.forms.${m.form}`) },
            { key: 'copies', title: t('catalogue.copies'), dataIndex: 'copies' },
            { key: 'medium', title: t('catalogue.medium'), render: (_, m) => t(`catalogue.media.${m.medium}`) },
            { key: 'requirement', title: t('catalogue.requirement'), render: (_, m) => (m.requirement === 'mandatory' ? t('catalogue.mandatory') : t('catalogue.conditional', { condition: m.condition ?? '' })) },
            { key: 'elicence', title: t('catalogue.eLicences'), render: (_, m) => m.eLicenceTypes.map((type) => <Tag key={type}>{type}</Tag>) },
            {
              key: 'files',
              title: t('catalogue.template'),
              render: (_, m) => (
                <Space orientation="vertical" size={0}>
                  {m.templateUrl && (
                    <a href={m.templateUrl} download data-testid={`template-${m.id}`}>
                      <DownloadOutlined aria-hidden /> {t('catalogue.downloadTemplate', { name: m.name })}
                    </a>
                  )}
                  {m.exampleUrl && (
                    <a href={m.exampleUrl} download>
                      <DownloadOutlined aria-hidden /> {t('catalogue.downloadExample', { name: fileName(m.exampleUrl) })}
                    </a>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Section>

      <Section title={t('catalogue.fees')}>
        {item.fees.length === 0 ? (
          <Typography.Text>{t('catalogue.free')}</Typography.Text>
        ) : (
          <ul className="guide-list">
            {item.fees.map((fee) => (
              <li key={fee.name}>
                {fee.name}：{fee.amount}（{fee.basis}）
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t('catalogue.flow')}>
        <ol className="guide-list">
          {item.flow.map((step) => (
            <li key={step.name}>
              <strong>{step.name}</strong>：{step.description}
            </li>
          ))}
        </ol>
      </Section>

      <Section title={t('catalogue.channel')} testId="guide-channel">
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'online', label: t('catalogue.online'), children: item.online ? t('catalogue.onlineAvailable') : t('catalogue.offline') },
            ...(item.offlineReason ? [{ key: 'reason', label: t('catalogue.offlineReason'), children: <span data-testid="guide-offline-reason">{item.offlineReason}</span> }] : []),
            { key: 'visits', label: t('catalogue.maxVisits'), children: t('catalogue.visits', { count: item.maxVisits }) },
            {
              key: 'counters',
              label: t('catalogue.counterAcceptance'),
              children: [item.counterAcceptance.street && t('catalogue.street'), item.counterAcceptance.community && t('catalogue.community')].filter(Boolean).join('、') || t('catalogue.notAccepted'),
            },
          ]}
        />
      </Section>

      <Section title={t('catalogue.contact')}>
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'phone', label: t('catalogue.phone'), children: item.contact.phone },
            { key: 'address', label: t('catalogue.address'), children: item.contact.address },
            { key: 'hours', label: t('catalogue.hours'), children: item.contact.hours },
            { key: 'complaint', label: t('catalogue.complaint'), children: item.contact.complaint },
          ]}
        />
      </Section>

      {item.faqs.length > 0 && (
        <Section title={t('catalogue.faqs')}>
          <dl className="guide-faqs">
            {item.faqs.map((faq) => (
              <div key={faq.question}>
                <dt>{faq.question}</dt>
                <dd>{faq.answer}</dd>
              </div>
            ))}
          </dl>
        </Section>
      )}
    </Space>
  );
}
