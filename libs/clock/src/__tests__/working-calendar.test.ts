import { describe, expect, it } from 'vitest';
import { chinaDate, chineseCalendarSeed, ClockError, WorkingCalendar } from '../index.js';

const calendar = new WorkingCalendar(chineseCalendarSeed());

describe('working-day calendar (2026 State Council arrangement)', () => {
  it('treats weekdays as working days and weekends as rest days outside any arrangement', () => {
    expect(calendar.isWorkingDay('2026-03-02')).toBe(true); // Monday
    expect(calendar.isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-03-08')).toBe(false); // Sunday
  });

  it('knows public holidays on weekdays and adjusted working days on weekends', () => {
    expect(calendar.isWorkingDay('2026-10-01')).toBe(false); // 国庆节, Thursday
    expect(calendar.isWorkingDay('2026-10-07')).toBe(false); // last day of the National Day week, Wednesday
    expect(calendar.isWorkingDay('2026-10-08')).toBe(true);
    expect(calendar.isWorkingDay('2026-09-20')).toBe(true); // Sunday, 调休上班
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true); // Saturday, 调休上班
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true); // Saturday before the Spring Festival
    expect(calendar.adjustment('2026-02-17')).toMatchObject({ kind: 'holiday', name: '春节' });
  });

  it('counts a limit from the day after acceptance, skipping a holiday week', () => {
    // accepted Wednesday 30 September; 1–7 October are holidays; Saturday 10 October is worked
    expect(calendar.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(calendar.addWorkingDays('2026-09-30', 2)).toBe('2026-10-09');
    expect(calendar.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(calendar.addWorkingDays('2026-09-30', 4)).toBe('2026-10-12');
  });

  it('lands on an adjusted working Saturday right before a holiday', () => {
    expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(calendar.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
  });

  it('ends a zero-day limit (即办件) on the day of acceptance', () => {
    expect(calendar.addWorkingDays('2026-10-03', 0)).toBe('2026-10-03');
  });

  it('counts working days between two dates, first day excluded and last included', () => {
    expect(calendar.workingDaysBetween('2026-09-30', '2026-10-10')).toBe(3);
    expect(calendar.workingDaysBetween('2026-03-02', '2026-03-02')).toBe(0);
    expect(calendar.workingDaysBetween('2026-03-06', '2026-03-02')).toBe(0);
    expect(calendar.workingDaysBetween('2026-03-01', '2026-03-31')).toBe(22);
  });

  it('lets an admin correction override the seed (a later entry for the same date wins)', () => {
    const corrected = new WorkingCalendar([...chineseCalendarSeed(), { date: '2026-03-09', kind: 'holiday', name: '临时停工' }]);
    expect(corrected.isWorkingDay('2026-03-09')).toBe(false);
    expect(corrected.addWorkingDays('2026-03-06', 1)).toBe('2026-03-10');
  });

  it('uses weekends only for years without a published arrangement', () => {
    expect(calendar.isWorkingDay('2031-01-01')).toBe(true); // a Wednesday; 2031 is not announced yet
    expect(calendar.addWorkingDays('2031-01-03', 1)).toBe('2031-01-06');
  });

  it('rejects dates that do not exist and negative limits', () => {
    expect(() => calendar.addWorkingDays('2026-02-30', 1)).toThrow(ClockError);
    expect(() => calendar.addWorkingDays('2026-03-02', -1)).toThrow(/whole number/);
    expect(() => new WorkingCalendar([{ date: '2026-13-01', kind: 'holiday' }])).toThrow(/not a calendar date/);
  });

  it('takes the date in China (UTC+8), not in UTC', () => {
    expect(chinaDate(new Date('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
    expect(chinaDate(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
  });

  it('seeds every year from 2024 with holidays and adjusted working days', () => {
    const seed = chineseCalendarSeed();
    for (const year of ['2024', '2025', '2026']) {
      expect(seed.some((d) => d.date.startsWith(year) && d.kind === 'holiday')).toBe(true);
      expect(seed.some((d) => d.date.startsWith(year) && d.kind === 'workday')).toBe(true);
    }
    expect(seed.every((d, i) => i === 0 || (seed[i - 1]?.date ?? '') <= d.date)).toBe(true);
  });
});
