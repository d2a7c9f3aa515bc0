import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { caseFields, caseFormRows } from './caseForm';

const words = { yes: '是', no: '否' };
const residencePermitForm: unknown = JSON.parse(
  readFileSync(new URL('../../../../../processes/210100-GG-00003-C/residence-permit-application.form', import.meta.url), 'utf8'),
);

describe('caseFields', () => {
  it('reads the residence permit form: value fields in order, with option labels', () => {
    const fields = caseFields(residencePermitForm);
    expect(fields.map((field) => field.key).slice(0, 5)).toEqual(['name', 'idNumber', 'address', 'residentSince', 'basis']);
    expect(fields.find((field) => field.key === 'basis')?.options.get('residence')).toBe('合法稳定住所');
  });

  it('dots keys of groups with a path and skips text, dynamic lists and unknown components', () => {
    const fields = caseFields({
      components: [
        { type: 'text', text: '## 标题' },
        { type: 'group', path: 'contact', components: [{ type: 'textfield', key: 'phone', label: '电话' }] },
        { type: 'dynamiclist', path: 'members', components: [{ type: 'textfield', key: 'name' }] },
        { type: 'checkbox', key: 'agree' },
        42,
      ],
    });
    expect(fields.map((field) => [field.key, field.label])).toEqual([['contact.phone', '电话'], ['agree', 'agree']]);
  });

  it('gives nothing for something that is not a form', () => {
    expect(caseFields(undefined)).toEqual([]);
    expect(caseFields({ components: 'no' })).toEqual([]);
  });
});

describe('caseFormRows', () => {
  it('shows answers readably: option labels, yes / no, lists, empty for unanswered', () => {
    const fields = caseFields({
      components: [
        { type: 'radio', key: 'basis', label: '申领条件', values: [{ value: 'study', label: '连续就读' }] },
        { type: 'checkbox', key: 'agree', label: '同意' },
        { type: 'checklist', key: 'days', label: '日期', values: [{ value: 'mon', label: '周一' }, { value: 'tue', label: '周二' }] },
        { type: 'textfield', key: 'note', label: '备注' },
        { type: 'group', path: 'contact', components: [{ type: 'textfield', key: 'phone', label: '电话' }] },
      ],
    });
    const rows = caseFormRows(fields, { basis: 'study', agree: true, days: ['mon', 'tue'], contact: { phone: '13800138000' } }, words);
    expect(rows.map((row) => [row.label, row.text])).toEqual([
      ['申领条件', '连续就读'],
      ['同意', '是'],
      ['日期', '周一、周二'],
      ['备注', ''],
      ['电话', '13800138000'],
    ]);
  });

  it('also shows submitted data the form does not name, so nothing filed is hidden', () => {
    expect(caseFormRows([], { legacy: 'x' }, words)).toEqual([{ key: 'legacy', label: 'legacy', text: 'x' }]);
  });
});
