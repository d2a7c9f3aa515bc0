import { describe, expect, it } from 'vitest';
import { errorsById, formFields, formJsSchema, labelOf, reconcileErrors, summaryRows, withPrefillNotes, withViewerDefaults } from './formSchema';

const schema = formJsSchema.parse({
  type: 'default',
  components: [
    { id: 'Text_0', type: 'text', text: '## 居住证申领' },
    { id: 'Field_name', key: 'name', label: '姓名', type: 'textfield', validate: { required: true } },
    { id: 'Field_basis', key: 'basis', label: '申领条件', type: 'radio', values: [{ label: '合法稳定就业', value: 'employment' }, { label: '连续就读', value: 'study' }] },
    { id: 'Group_1', type: 'group', path: 'contact', components: [{ id: 'Field_phone', key: 'phone', label: '联系电话', type: 'textfield' }] },
    { id: 'Field_agree', key: 'agree', label: '承诺属实', type: 'checkbox' },
  ],
});
const words = { yes: '是', no: '否' };

describe('formFields and summaryRows', () => {
  it('lists the value fields in order with dotted keys inside groups', () => {
    expect(formFields(schema).map((f) => [f.key, f.id, f.label])).toEqual([
      ['name', 'Field_name', '姓名'],
      ['basis', 'Field_basis', '申领条件'],
      ['contact.phone', 'Field_phone', '联系电话'],
      ['agree', 'Field_agree', '承诺属实'],
    ]);
  });

  it('shows option labels instead of values, yes/no for checkboxes and blank for missing answers', () => {
    const rows = summaryRows(formFields(schema), { name: '张伟', basis: 'study', contact: { phone: '13800000000' }, agree: true }, words);
    expect(rows.map((r) => r.text)).toEqual(['张伟', '连续就读', '13800000000', '是']);
    expect(summaryRows(formFields(schema), {}, words).every((r) => r.text === '')).toBe(true);
  });

  it('returns no fields for something that is not a form', () => {
    expect(formFields({ nope: true })).toEqual([]);
    expect(labelOf([], 'address')).toBe('address');
  });
});

describe('errorsById', () => {
  it('maps messages by data key to form-js component ids and drops keys the form does not have', () => {
    expect(errorsById(formFields(schema), { 'contact.phone': ['格式不正确'], ghost: ['x'], name: [] })).toEqual({ Field_phone: ['格式不正确'] });
  });
});

describe('withPrefillNotes', () => {
  it('adds the note to the description of prefilled fields only, without changing the original', () => {
    const marked = withPrefillNotes(schema, ['name', 'contact.phone'], '已预填');
    const descriptions = JSON.stringify(marked);
    expect(descriptions.match(/已预填/g)).toHaveLength(2);
    expect(JSON.stringify(schema)).not.toContain('已预填');
    expect(formFields(marked).map((f) => f.key)).toEqual(formFields(schema).map((f) => f.key));
  });
});

describe('withViewerDefaults', () => {
  it('turns a datetime without subtype into a date field labelled with its label, leaving complete ones alone', () => {
    const given = formJsSchema.parse({
      components: [
        { id: 'a', key: 'since', label: '居住登记日期', type: 'datetime' },
        { id: 'b', key: 'at', label: '预约时间', type: 'datetime', subtype: 'datetime', dateLabel: '日期' },
        { id: 'g', type: 'group', components: [{ id: 'c', key: 'born', label: '出生日期', type: 'datetime' }] },
      ],
    });
    const fixed = withViewerDefaults(given).components;
    expect(fixed[0]).toMatchObject({ subtype: 'date', dateLabel: '居住登记日期' });
    expect(fixed[1]).toMatchObject({ subtype: 'datetime', dateLabel: '日期' });
    expect(fixed[2]).toMatchObject({ components: [{ subtype: 'date', dateLabel: '出生日期' }] });
  });
});

describe('reconcileErrors', () => {
  const none = new Set<string>();

  it('replaces form-js’s English message with the platform’s Chinese one for that field', () => {
    const next = reconcileErrors({ current: { Field_phone: ['Field must match pattern ^1[3-9]\\d{9}$.'] }, server: {}, edited: none, localized: { Field_phone: ['“联系电话”格式不正确'] } });
    expect(next).toEqual({ Field_phone: ['“联系电话”格式不正确'] });
  });

  it('keeps form-js’s message when the platform has none for the field, and changes nothing when all is right', () => {
    expect(reconcileErrors({ current: { a: ['Field is required.'] }, server: {}, edited: none, localized: {} })).toBeNull();
    expect(reconcileErrors({ current: { a: ['请填写“地址”'] }, server: {}, edited: none, localized: { a: ['请填写“地址”'] } })).toBeNull();
  });

  it('brings back a server problem form-js wiped on import or blur, until the applicant edits the field', () => {
    const server = { Field_address: ['需补正：居住地址须写明门牌号'] };
    expect(reconcileErrors({ current: {}, server, edited: none, localized: {} })).toEqual(server);
    expect(reconcileErrors({ current: {}, server, edited: new Set(['Field_address']), localized: {} })).toBeNull();
  });

  it('shows a server problem and the field’s own problem together without repeating one message', () => {
    const next = reconcileErrors({
      current: { a: ['Field is required.'] },
      server: { a: ['请填写“地址”'] },
      edited: none,
      localized: { a: ['请填写“地址”'] },
    });
    expect(next).toEqual({ a: ['请填写“地址”'] });
  });
});
