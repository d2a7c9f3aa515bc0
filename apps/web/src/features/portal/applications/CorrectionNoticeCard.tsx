import type { ApplicationView, CorrectionNotice, CorrectionProblem } from '@gov/contracts';
import { Alert, Button, Card, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type FormFieldInfo, labelOf } from '../../../shared/forms/formSchema';
import { departmentName, formatDate, formatDateTime } from './useDownload';

/** The notice the applicant must answer now: the latest one not answered yet. */
export function openNotice(view: ApplicationView): CorrectionNotice | undefined {
  const open = view.notices.filter((notice) => notice.answeredAt === null);
  return open.at(-1);
}

/** Reasons per field key and per material id, to show at the affected field or material. */
export function correctionTargets(notice: CorrectionNotice | undefined): { fields: Record<string, string[]>; materials: Record<string, string[]> } {
  const fields: Record<string, string[]> = {};
  const materials: Record<string, string[]> = {};
  for (const problem of notice?.problems ?? []) {
    if (problem.target.kind === 'field') (fields[problem.target.key] ??= []).push(problem.reason);
    if (problem.target.kind === 'material') (materials[problem.target.materialId] ??= []).push(problem.reason);
  }
  return { fields, materials };
}

/**
 * 一次性告知书: every problem the department found, with the reason and the rule behind it; each
 * affected field or material is one click away.
 */
export function CorrectionNoticeCard({
  notice,
  view,
  fields,
  onGoTo,
}: {
  notice: CorrectionNotice;
  view: ApplicationView;
  fields: readonly FormFieldInfo[];
  onGoTo?: (target: CorrectionProblem['target']) => void;
}) {
  const { t, i18n } = useTranslation();
  const targetName = (target: CorrectionProblem['target']) => {
    switch (target.kind) {
      case 'field':
        return t('applications.notice.field', { label: labelOf(fields, target.key) });
      case 'material':
        return t('applications.notice.material', { name: view.materials.find((m) => m.materialId === target.materialId)?.name ?? target.materialId });
      case 'other':
        return t('applications.notice.other');
    }
  };
  return (
    <Card
      data-testid="correction-notice"
      className="correction-notice"
      title={<h2 className="card-heading">{t('applications.notice.title')}</h2>}
      extra={<Tag className="tag-app-attention">{t('applications.notice.number', { number: notice.number })}</Tag>}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('applications.notice.intro', { department: departmentName(notice.department), date: formatDateTime(notice.issuedAt, i18n.language), count: notice.problems.length })}
      />
      <ol className="notice-problems">
        {notice.problems.map((problem, index) => (
          <li key={`${problem.target.kind}-${index}`} data-testid={`correction-problem-${index}`}>
            <div>
              <span className="notice-problem-target">{targetName(problem.target)}</span>
              {onGoTo && problem.target.kind !== 'other' && (
                <Button type="link" size="small" onClick={() => onGoTo(problem.target)}>
                  {t('applications.goTo')}
                </Button>
              )}
              {problem.defect && <Tag className="tag-app-bad">{t('applications.notice.defect')}</Tag>}
            </div>
            <div>
              <Typography.Text type="secondary">{t('applications.notice.reason')}</Typography.Text>
              {problem.reason}
            </div>
            {problem.rule && (
              <div>
                <Typography.Text type="secondary">{t('applications.notice.rule')}</Typography.Text>
                {problem.rule}
              </div>
            )}
          </li>
        ))}
      </ol>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {notice.issuedBy} · {formatDate(notice.issuedAt, i18n.language)}
      </Typography.Paragraph>
    </Card>
  );
}
