import { describe, expect, it } from 'vitest';
import { changedVariables, departmentName, formatPercent, queryString, shortHash } from './operationsFormat';

describe('changedVariables', () => {
  const original = { caseNumber: '210100-20260302-000001', formData: { phone: '13800000000' }, retries: 3 };

  it('returns only the entries the operator changed', () => {
    const edited = JSON.stringify({ ...original, formData: { phone: '13900000000' } }, null, 2);
    expect(changedVariables(original, edited)).toEqual({ ok: true, variables: { formData: { phone: '13900000000' } } });
  });

  it('returns no variables when nothing changed, whatever the formatting', () => {
    expect(changedVariables(original, JSON.stringify(original))).toEqual({ ok: true, variables: undefined });
  });

  it('adds new entries and ignores removed ones (the engine cannot delete a variable)', () => {
    expect(changedVariables(original, '{"note": "补录", "retries": 3}')).toEqual({ ok: true, variables: { note: '补录' } });
  });

  it('refuses text that is not a JSON object', () => {
    expect(changedVariables(original, '{"a": ')).toMatchObject({ ok: false, error: 'invalid-json' });
    expect(changedVariables(original, '[1, 2]')).toMatchObject({ ok: false, error: 'not-object' });
    expect(changedVariables(original, 'null')).toMatchObject({ ok: false, error: 'not-object' });
  });
});

describe('formatting', () => {
  it('names departments by their path', () => {
    expect(departmentName('/沈阳市/公安局')).toBe('沈阳市公安局');
    expect(departmentName('psb')).toBe('psb');
  });

  it('writes rates as percentages with one decimal', () => {
    expect(formatPercent(0.9876)).toBe('98.8%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(null)).toBe('—');
  });

  it('builds query strings of the filters that are set', () => {
    expect(queryString({ caseNumber: '2101', idNumber: '', status: undefined, page: 2 })).toBe('?caseNumber=2101&page=2');
    expect(queryString({ department: '/沈阳市/公安局' })).toBe('?department=%2F%E6%B2%88%E9%98%B3%E5%B8%82%2F%E5%85%AC%E5%AE%89%E5%B1%80');
    expect(queryString({})).toBe('');
  });

  it('shortens payload hashes for the table', () => {
    expect(shortHash('a'.repeat(64))).toBe('aaaaaaaa…aaaaaaaa');
    expect(shortHash(null)).toBe('—');
  });
});
