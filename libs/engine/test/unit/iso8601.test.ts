import { describe, expect, it } from 'vitest';
import { addDuration, dueInstant, parseCycle, parseDateTime, parseDuration } from '../../src/model/iso8601.js';

describe('ISO 8601 timers', () => {
  const start = Date.parse('2026-01-31T10:00:00Z');

  it('parses durations with date and time parts', () => {
    expect(parseDuration('P1Y2M3DT4H5M6.5S')).toEqual({ years: 1, months: 2, weeks: 0, days: 3, hours: 4, minutes: 5, seconds: 6.5 });
    expect(parseDuration('P2W')).toMatchObject({ weeks: 2 });
    expect(parseDuration('PT')).toBeUndefined();
    expect(parseDuration('1 hour')).toBeUndefined();
  });

  it('adds months on the calendar and hours in absolute time', () => {
    expect(new Date(addDuration(start, parseDuration('PT36H')!)).toISOString()).toBe('2026-02-01T22:00:00.000Z');
    expect(new Date(addDuration(start, parseDuration('P1M')!)).toISOString()).toBe('2026-03-03T10:00:00.000Z');
  });

  it('parses date-times with offsets and zone ids', () => {
    expect(parseDateTime('2026-03-05T00:00:00+08:00')).toBe(Date.parse('2026-03-04T16:00:00Z'));
    expect(parseDateTime('2026-03-05T00:00:00+08:00[Asia/Shanghai]')).toBe(Date.parse('2026-03-04T16:00:00Z'));
    expect(parseDateTime('tomorrow')).toBeUndefined();
    expect(dueInstant('duration', 'PT1M', start)).toBe(start + 60_000);
  });
});

describe('cron timer cycles', () => {
  const at = (iso: string) => Date.parse(iso);
  const next = (cycle: string, from: string) => {
    const due = dueInstant('cycle', cycle, at(from));
    return due === undefined ? undefined : new Date(due).toISOString();
  };

  it('finds the next working day at nine', () => {
    expect(next('0 0 9 * * MON-FRI', '2026-03-06T10:00:00Z')).toBe('2026-03-09T09:00:00.000Z'); // Friday -> Monday
    expect(next('0 0 9 * * MON-FRI', '2026-03-09T08:59:59Z')).toBe('2026-03-09T09:00:00.000Z');
  });

  it('supports steps, lists and month names', () => {
    expect(next('0 */15 * * * *', '2026-03-06T10:07:00Z')).toBe('2026-03-06T10:15:00.000Z');
    expect(next('30 0 8 1,15 JAN,JUL ?', '2026-03-06T10:00:00Z')).toBe('2026-07-01T08:00:30.000Z');
  });

  it('rejects malformed expressions', () => {
    expect(parseCycle('61 * * * * *')).toBeUndefined();
    expect(parseCycle('* * * *')).toBeUndefined();
    expect(parseCycle('R/PT1H')?.interval).toMatchObject({ hours: 1 });
  });
});
