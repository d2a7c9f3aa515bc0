import { describe, expect, it } from 'vitest';
import { casesCsv, chinaDateTime, csvCell } from '../case-csv.js';
import type { CaseLibraryRow } from '../case-library.schemas.js';

const aCase = (overrides: Partial<CaseLibraryRow> = {}): CaseLibraryRow => ({
  id: '00000000-0000-4000-8000-000000000001', caseNumber: '210100-20260302-000001', itemCode: '210100-GG-00003-C', itemName: '居住证核发',
  agencyName: '沈阳市公安局', applicantName: '张伟', applicantIdNumberMasked: '210102********123X', company: null, status: 'in-review',
  departments: ['/沈阳市/公安局'], submittedAt: '2026-03-02T01:30:00.000Z', decidedAt: null, dueDate: '2026-03-23', ...overrides,
});

describe('case library CSV', () => {
  it('starts with a byte-order mark and a Chinese header so Excel opens it as UTF-8', () => {
    const csv = casesCsv([aCase()]);
    expect(csv.startsWith('\uFEFF办件编号,事项编码,事项名称')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe('210100-20260302-000001,210100-GG-00003-C,居住证核发,沈阳市公安局,张伟,210102********123X,,,已受理，审查中,2026-03-02 09:30,,2026-03-23');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(casesCsv([aCase({ applicantName: '-2+3' })])).toContain(",'-2+3,");
  });

  it('writes times in China time', () => {
    expect(chinaDateTime('2026-03-02T16:05:00.000Z')).toBe('2026-03-03 00:05');
    expect(chinaDateTime(null)).toBeNull();
  });
});
