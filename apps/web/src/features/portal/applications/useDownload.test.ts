import { describe, expect, it } from 'vitest';
import { departmentName, formatDate, formatSize } from './useDownload';

describe('display helpers', () => {
  it('reads a department group path as one name', () => {
    expect(departmentName('/沈阳市/公安局')).toBe('沈阳市公安局');
    expect(departmentName('沈阳市公安局')).toBe('沈阳市公安局');
  });

  it('formats file sizes and keeps calendar dates as the statutory clock counts them', () => {
    expect([formatSize(512), formatSize(2048), formatSize(3 * 1024 * 1024)]).toEqual(['512 B', '2.0 KB', '3.0 MB']);
    expect(formatDate('2025-05-06', 'zh-CN')).toBe('2025-05-06');
  });
});
