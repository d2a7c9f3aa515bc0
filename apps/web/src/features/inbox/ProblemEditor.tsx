import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ApplicationMaterial } from '@gov/contracts';
import { Button, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseField } from './caseForm';
import type { ProblemDraft } from './inboxModel';

/**
 * 一次性告知: the approver lists every problem of the case (a material, a form field, or
 * something else, with the reason and optionally the rule), so the applicant gets ONE notice
 * with all of them.
 */
export function ProblemEditor({ problems, materials, fields, onChange }: {
  problems: readonly ProblemDraft[];
  materials: readonly ApplicationMaterial[];
  fields: readonly CaseField[];
  onChange: (problems: ProblemDraft[]) => void;
}) {
  const { t } = useTranslation();
  // A problem added with the button takes the focus (its first control), for keyboard users.
  const [focusId, setFocusId] = useState<number | null>(null);
  const change = (id: number, patch: Partial<ProblemDraft>) => onChange(problems.map((p) => (p.id === id ? { ...p, ...patch } : p)));
  const add = () => {
    const id = Math.max(0, ...problems.map((p) => p.id)) + 1;
    setFocusId(id);
    onChange([...problems, { id, target: '', reason: '', rule: '' }]);
  };

  return (
    <section aria-labelledby="problem-editor-title" data-testid="problem-editor">
      <h3 id="problem-editor-title" className="card-heading" style={{ marginBottom: 4 }}>
        {t('inbox.decision.problemsTitle')}
      </h3>
      <Typography.Paragraph type="secondary">{t('inbox.decision.problemsHelp')}</Typography.Paragraph>
      <ol className="inbox-problems">
        {problems.map((problem, index) => {
          const number = index + 1;
          const id = `problem-${problem.id}`;
          return (
            <li key={problem.id} className="inbox-problem" data-testid={`problem-${index}`}>
              <div className="inbox-problem-head">
                <h4 id={`${id}-title`}>{t('inbox.decision.problem', { number })}</h4>
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined aria-hidden />}
                  onClick={() => onChange(problems.filter((p) => p.id !== problem.id))}
                  aria-label={t('inbox.decision.removeProblem', { number })}
                  data-testid={`problem-remove-${index}`}
                />
              </div>
              <label htmlFor={`${id}-target`} className="inbox-field-label">{t('inbox.decision.target')}</label>
              {/* A native select: keyboard and screen readers know it, and its option groups are real <optgroup>s. */}
              <select
                id={`${id}-target`}
                className="inbox-native-select"
                // Only a problem the user has just added takes the focus.
                autoFocus={focusId === problem.id}
                value={problem.target}
                onChange={(event) => change(problem.id, { target: event.target.value })}
                data-testid={`problem-target-${index}`}
              >
                <option value="">{t('inbox.decision.targetPlaceholder')}</option>
                <optgroup label={t('inbox.decision.targetMaterials')}>
                  {materials.map((m) => (
                    <option key={m.materialId} value={`material:${m.materialId}`}>{m.name}</option>
                  ))}
                </optgroup>
                {fields.length > 0 && (
                  <optgroup label={t('inbox.decision.targetFields')}>
                    {fields.map((f) => (
                      <option key={f.key} value={`field:${f.key}`}>{f.label}</option>
                    ))}
                  </optgroup>
                )}
                <option value="other">{t('inbox.decision.targetOther')}</option>
              </select>
              <label htmlFor={`${id}-reason`} className="inbox-field-label">{t('inbox.decision.reason')}</label>
              <Input.TextArea
                id={`${id}-reason`}
                value={problem.reason}
                onChange={(event) => change(problem.id, { reason: event.target.value })}
                placeholder={t('inbox.decision.reasonPlaceholder')}
                autoSize={{ minRows: 2, maxRows: 6 }}
                maxLength={1000}
                data-testid={`problem-reason-${index}`}
              />
              <label htmlFor={`${id}-rule`} className="inbox-field-label">{t('inbox.decision.rule')}</label>
              <Input
                id={`${id}-rule`}
                value={problem.rule}
                onChange={(event) => change(problem.id, { rule: event.target.value })}
                placeholder={t('inbox.decision.rulePlaceholder')}
                maxLength={300}
                data-testid={`problem-rule-${index}`}
              />
            </li>
          );
        })}
      </ol>
      <Button icon={<PlusOutlined aria-hidden />} onClick={add} style={{ marginTop: 12 }} data-testid="problem-add">
        {t('inbox.decision.addProblem')}
      </Button>
    </section>
  );
}
