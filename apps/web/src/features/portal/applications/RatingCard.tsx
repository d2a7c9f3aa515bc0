import { BAD_RATING_REASONS, type ApplicationView, type Rating } from '@gov/contracts';
import { Alert, Button, Card, Checkbox, Input, Rate, Space, Tag, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { useRateApplication } from './useApplications';
import { departmentName, formatDateTime } from './useDownload';

type Reason = (typeof BAD_RATING_REASONS)[number];
const LEVELS = ['1', '2', '3', '4', '5'] as const;
const levelKey = (level: number) => LEVELS[Math.min(5, Math.max(1, level)) - 1] ?? '3';

/** 好差评: the rating form after a decision, or the rating given and the department's answer. */
export function RatingCard({ view }: { view: ApplicationView }) {
  const { t } = useTranslation();
  return (
    <Card title={<h2 className="card-heading">{t('applications.rating.title')}</h2>} data-testid="rating">
      {view.rating ? <GivenRating rating={view.rating} /> : <RatingForm applicationId={view.id} />}
    </Card>
  );
}

function RatingForm({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const rate = useRateApplication(applicationId);
  const [level, setLevel] = useState(0);
  const [reasons, setReasons] = useState<Reason[]>([]);
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const ids = { level: useId(), reasons: useId(), comment: useId() };

  const bad = level > 0 && level <= 2;
  const problems = {
    level: level === 0 ? t('applications.rating.chooseLevel') : null,
    reasons: bad && reasons.length === 0 ? t('applications.rating.chooseReason') : null,
    comment: bad && reasons.includes('other') && comment.trim() === '' ? t('applications.rating.commentRequired') : null,
  };
  const valid = !problems.level && !problems.reasons && !problems.comment;

  const onSubmit = () => {
    setTried(true);
    if (!valid) return;
    rate.mutate({ level, reasons: bad ? reasons : [], comment: comment.trim(), channel: 'web' });
  };

  return (
    <form
      data-testid="rating-form"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <Typography.Paragraph>{t('applications.rating.intro')}</Typography.Paragraph>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <div role="group" aria-labelledby={ids.level}>
          <div id={ids.level} className="form-label">
            {t('applications.rating.level')}
          </div>
          <Space wrap>
            <Rate className="rating-stars" value={level} onChange={setLevel} tooltips={LEVELS.map((key) => t(`applications.rating.levels.${key}`))} data-testid="rating-stars" />
            {level > 0 && <Typography.Text data-testid="rating-level-text">{t(`applications.rating.levels.${levelKey(level)}`)}</Typography.Text>}
          </Space>
          {tried && problems.level && <div className="field-error" role="alert">{problems.level}</div>}
        </div>
        {bad && (
          <fieldset className="rating-reasons">
            <legend id={ids.reasons}>{t('applications.rating.reasons')}</legend>
            <Checkbox.Group value={reasons} onChange={(values) => setReasons(BAD_RATING_REASONS.filter((reason) => values.includes(reason)))}>
              <Space wrap>
                {BAD_RATING_REASONS.map((reason) => (
                  <Checkbox key={reason} value={reason} data-testid={`rating-reason-${reason}`}>
                    {t(`applications.rating.reasonNames.${reason}`)}
                  </Checkbox>
                ))}
              </Space>
            </Checkbox.Group>
            {tried && problems.reasons && <div className="field-error" role="alert">{problems.reasons}</div>}
          </fieldset>
        )}
        <div>
          <label htmlFor={ids.comment} className="form-label">
            {t('applications.rating.comment')}
          </label>
          <Input.TextArea id={ids.comment} value={comment} onChange={(event) => setComment(event.target.value)} maxLength={1000} rows={3} data-testid="rating-comment" />
          {tried && problems.comment && <div className="field-error" role="alert">{problems.comment}</div>}
        </div>
        {rate.isError && <ErrorAlert error={rate.error} />}
        <Button type="primary" htmlType="submit" loading={rate.isPending} data-testid="rating-submit">
          {t('applications.rating.submit')}
        </Button>
      </Space>
    </form>
  );
}

function GivenRating({ rating }: { rating: Rating }) {
  const { t, i18n } = useTranslation();
  const rectification = rating.rectification;
  return (
    <div data-testid="rating-given">
      <Typography.Paragraph>
        <Typography.Text strong>{t('applications.rating.given')}</Typography.Text>{' '}
        <Rate className="rating-stars" disabled value={rating.level} aria-hidden />{' '}
        <Typography.Text data-testid="rating-given-level">{t(`applications.rating.levels.${levelKey(rating.level)}`)}</Typography.Text>
      </Typography.Paragraph>
      {rating.reasons.length > 0 && (
        <Space wrap style={{ marginBottom: 8 }}>
          {rating.reasons.map((reason) => (
            <Tag key={reason} className="tag-app-bad">
              {t(`applications.rating.reasonNames.${reason}`)}
            </Tag>
          ))}
        </Space>
      )}
      {rating.comment && <Typography.Paragraph style={{ whiteSpace: 'pre-line' }}>{rating.comment}</Typography.Paragraph>}
      <Typography.Paragraph type="secondary">{t('applications.rating.ratedAt', { date: formatDateTime(rating.ratedAt, i18n.language) })}</Typography.Paragraph>
      {rectification && (
        <Alert
          type={rectification.status === 'answered' ? 'success' : 'info'}
          showIcon
          data-testid="rating-rectification"
          title={t('applications.rating.rectification')}
          description={
            rectification.status === 'answered' ? (
              <>
                {t('applications.rating.rectificationAnswered', { department: departmentName(rectification.department), date: rectification.answeredAt ? formatDateTime(rectification.answeredAt, i18n.language) : '' })}
                <div style={{ whiteSpace: 'pre-line' }}>{rectification.response}</div>
              </>
            ) : (
              t('applications.rating.rectificationOpen', { department: departmentName(rectification.department) })
            )
          }
        />
      )}
    </div>
  );
}
