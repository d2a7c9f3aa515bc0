import { describe, expect, it } from 'vitest';
import { sortProblems } from './submitProblems';

describe('sortProblems', () => {
  it('puts form field problems under their key and material problems under their id, keeping the order for the summary', () => {
    // given the errors of a 422 answer to submit
    const errors = [
      { path: 'formData.address', message: '请填写“在沈居住地址”' },
      { path: 'materials.photo', message: '缺少必要材料' },
      { path: 'formData.contact.phone', message: '“联系电话”格式不正确' },
      { path: 'materials.photo.files', message: '至少上传一个文件' },
      { path: 'itemRevision', message: '事项已更新' },
    ];
    // when
    const sorted = sortProblems(errors);
    // then
    expect(sorted.fields).toEqual({ address: ['请填写“在沈居住地址”'], 'contact.phone': ['“联系电话”格式不正确'] });
    expect(sorted.materials).toEqual({ photo: ['缺少必要材料', '至少上传一个文件'] });
    expect(sorted.all.map((p) => p.target.kind)).toEqual(['field', 'material', 'field', 'material', 'other']);
  });

  it('treats a bare "formData" or "materials" path as a problem of the whole case', () => {
    const sorted = sortProblems([{ path: 'formData', message: 'x' }, { path: 'materials', message: 'y' }, { path: '', message: 'z' }]);
    expect(sorted.all.every((p) => p.target.kind === 'other')).toBe(true);
    expect(sorted.fields).toEqual({});
    expect(sorted.materials).toEqual({});
  });
});
