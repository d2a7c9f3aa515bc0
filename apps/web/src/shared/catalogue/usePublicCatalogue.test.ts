import { describe, expect, it } from 'vitest';
import { catalogueQueryString, chinaToday } from './usePublicCatalogue';

describe('catalogue query string', () => {
  it('sends only the filters that are set, with the page size', () => {
    expect(catalogueQueryString({ page: 2, q: '居住证', level: '', theme: undefined, online: 'false' })).toBe('page=2&q=%E5%B1%85%E4%BD%8F%E8%AF%81&online=false&pageSize=10');
  });
});

describe('chinaToday', () => {
  it('is already the next day in China late in the UTC evening', () => {
    expect(chinaToday(new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
    expect(chinaToday(new Date('2026-09-30T15:59:00Z'))).toBe('2026-09-30');
  });
});
