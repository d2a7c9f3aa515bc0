import { describe, expect, it } from 'vitest';
import { chineseCalendarSeed, type ClockEvent, evaluateClock, WorkingCalendar } from '../index.js';

const calendar = new WorkingCalendar(chineseCalendarSeed());
/** 09:00 China time on a date. */
const at = (date: string, time = '09:00') => new Date(`${date}T${time}:00+08:00`);
const started = (date: string, limitDays: number): ClockEvent => ({ type: 'started', at: at(date), limitDays });

describe('statutory clock', () => {
  it('given a 5-day limit accepted on a Monday, is due the next Monday and counts down', () => {
    const events = [started('2026-03-02', 5)];
    expect(evaluateClock(calendar, events, at('2026-03-02', '17:00'))).toMatchObject({
      state: 'running', startDate: '2026-03-02', limitDays: 5, usedDays: 0, remainingDays: 5, dueDate: '2026-03-09', overdue: false,
    });
    expect(evaluateClock(calendar, events, at('2026-03-06'))).toMatchObject({ usedDays: 4, remainingDays: 1 });
    expect(evaluateClock(calendar, events, at('2026-03-08'))).toMatchObject({ usedDays: 4, remainingDays: 1 }); // weekend
    expect(evaluateClock(calendar, events, at('2026-03-09'))).toMatchObject({ usedDays: 5, remainingDays: 0, overdue: false });
  });

  it('is overdue the working day after the due date, by the number of working days past it', () => {
    const events = [started('2026-03-02', 2)];
    expect(evaluateClock(calendar, events, at('2026-03-06'))).toMatchObject({ dueDate: '2026-03-04', usedDays: 4, remainingDays: -2, overdue: true, overdueDays: 2 });
  });

  it('does not count the National Day holidays', () => {
    const events = [started('2026-09-30', 3)];
    expect(evaluateClock(calendar, events, at('2026-10-07'))).toMatchObject({ usedDays: 0, remainingDays: 3, dueDate: '2026-10-10' });
  });

  it('starts on the China date of acceptance even when it is still the previous day in UTC', () => {
    const events: ClockEvent[] = [{ type: 'started', at: new Date('2026-03-01T17:00:00Z'), limitDays: 1 }];
    expect(evaluateClock(calendar, events, new Date('2026-03-02T02:00:00Z'))).toMatchObject({ startDate: '2026-03-02', dueDate: '2026-03-03' });
  });

  it('stops counting during a correction request and has no due date while paused', () => {
    const events: ClockEvent[] = [started('2026-03-02', 5), { type: 'paused', at: at('2026-03-03'), reason: 'correction' }];
    expect(evaluateClock(calendar, events, at('2026-03-10'))).toMatchObject({
      state: 'paused', usedDays: 1, remainingDays: 4, dueDate: null, overdue: false,
      pauses: [{ reason: 'correction', from: '2026-03-03', until: null, workingDays: 5 }],
    });
  });

  it('resumes after a pause across the National Day holidays and pushes the due date back by the paused working days only', () => {
    const events: ClockEvent[] = [
      started('2026-09-28', 5),
      { type: 'paused', at: at('2026-09-29'), reason: 'correction' },
      { type: 'resumed', at: at('2026-10-09', '15:00') },
    ];
    const state = evaluateClock(calendar, events, at('2026-10-12'));
    // counted: 29 Sep (pause day), 10 Oct (adjusted Saturday), 12 Oct; paused: 30 Sep, 8 Oct, 9 Oct
    expect(state).toMatchObject({ state: 'running', usedDays: 3, remainingDays: 2, dueDate: '2026-10-14' });
    expect(state.pauses).toEqual([{ reason: 'correction', from: '2026-09-29', until: '2026-10-09', workingDays: 3 }]);
  });

  it('excludes a legally excluded step (public notice) like a correction, and keeps the reason', () => {
    const events: ClockEvent[] = [
      started('2026-03-02', 10),
      { type: 'paused', at: at('2026-03-04'), reason: 'public-notice', note: '公示7日' },
      { type: 'resumed', at: at('2026-03-13') },
      { type: 'paused', at: at('2026-03-16'), reason: 'on-site-inspection' },
      { type: 'resumed', at: at('2026-03-17') },
    ];
    const state = evaluateClock(calendar, events, at('2026-03-17'));
    expect(state.pauses.map((p) => [p.reason, p.workingDays])).toEqual([['public-notice', 7], ['on-site-inspection', 1]]);
    // counted: 3 and 4 March, 16 March (the day the inspection starts)
    expect(state).toMatchObject({ usedDays: 3, remainingDays: 7, dueDate: '2026-03-26' });
  });

  it('does not lose a day when a pause starts and ends on the same day', () => {
    const events: ClockEvent[] = [started('2026-03-02', 2), { type: 'paused', at: at('2026-03-03'), reason: 'other' }, { type: 'resumed', at: at('2026-03-03', '16:00') }];
    expect(evaluateClock(calendar, events, at('2026-03-03'))).toMatchObject({ usedDays: 1, dueDate: '2026-03-04' });
  });

  it('adds approved extension days to the limit and the due date', () => {
    const events: ClockEvent[] = [started('2026-03-02', 5), { type: 'extended', at: at('2026-03-06'), days: 3, approvedBy: '刘洋（市场监督管理局负责人）', reason: '需现场核查' }];
    expect(evaluateClock(calendar, events, at('2026-03-06'))).toMatchObject({ limitDays: 8, extensionDays: 3, usedDays: 4, remainingDays: 4, dueDate: '2026-03-12' });
  });

  it('extends across a holiday: the extension days skip the Spring Festival', () => {
    const events: ClockEvent[] = [started('2026-02-09', 5), { type: 'extended', at: at('2026-02-13'), days: 2, approvedBy: '局长', reason: '专家评审' }];
    // 10,11,12,13 Feb, 14 Feb (adjusted Saturday) = 5; the extension adds 24 and 25 Feb
    expect(evaluateClock(calendar, events, at('2026-02-13')).dueDate).toBe('2026-02-25');
  });

  it('refuses an extension nobody approved, or of zero days', () => {
    expect(() => evaluateClock(calendar, [started('2026-03-02', 5), { type: 'extended', at: at('2026-03-03'), days: 2, approvedBy: ' ', reason: 'x' }], at('2026-03-03'))).toThrow(/approved/);
    expect(() => evaluateClock(calendar, [started('2026-03-02', 5), { type: 'extended', at: at('2026-03-03'), days: 0, approvedBy: 'a', reason: 'x' }], at('2026-03-03'))).toThrow(/at least one/);
  });

  it('freezes when the case is decided, also when stopped during a pause', () => {
    const decided: ClockEvent[] = [started('2026-03-02', 5), { type: 'stopped', at: at('2026-03-04') }];
    expect(evaluateClock(calendar, decided, at('2026-04-30'))).toMatchObject({ state: 'stopped', usedDays: 2, remainingDays: 3, overdue: false, dueDate: '2026-03-09' });
    const duringPause: ClockEvent[] = [started('2026-03-02', 5), { type: 'paused', at: at('2026-03-03'), reason: 'correction' }, { type: 'stopped', at: at('2026-03-05') }];
    expect(evaluateClock(calendar, duringPause, at('2026-04-30'))).toMatchObject({ state: 'stopped', usedDays: 1, pauses: [{ until: '2026-03-05', workingDays: 2 }] });
  });

  it('handles an instant item with a zero-day limit', () => {
    expect(evaluateClock(calendar, [started('2026-03-02', 0)], at('2026-03-02'))).toMatchObject({ dueDate: '2026-03-02', remainingDays: 0, overdue: false });
    expect(evaluateClock(calendar, [started('2026-03-02', 0)], at('2026-03-03'))).toMatchObject({ overdue: true, overdueDays: 1 });
  });

  it('rejects impossible histories with a stable code', () => {
    const cases: [ClockEvent[], string][] = [
      [[], 'NOT_STARTED'],
      [[started('2026-03-02', 5), started('2026-03-03', 5)], 'ALREADY_STARTED'],
      [[started('2026-03-02', 5), { type: 'resumed', at: at('2026-03-03') }], 'NOT_PAUSED'],
      [[started('2026-03-02', 5), { type: 'paused', at: at('2026-03-03'), reason: 'correction' }, { type: 'paused', at: at('2026-03-04'), reason: 'other' }], 'ALREADY_PAUSED'],
      [[started('2026-03-04', 5), { type: 'paused', at: at('2026-03-03'), reason: 'correction' }], 'OUT_OF_ORDER'],
      [[started('2026-03-02', 5), { type: 'stopped', at: at('2026-03-03') }, { type: 'resumed', at: at('2026-03-04') }], 'STOPPED'],
      [[started('2026-03-02', -1)], 'INVALID_DAYS'],
    ];
    for (const [events, code] of cases) {
      expect(() => evaluateClock(calendar, events, at('2026-03-05')), code).toThrow(expect.objectContaining({ code }));
    }
  });

  it('is deterministic: the same events and time give the same answer', () => {
    const events: ClockEvent[] = [started('2026-09-28', 5), { type: 'paused', at: at('2026-09-29'), reason: 'correction' }];
    expect(evaluateClock(calendar, events, at('2026-10-20'))).toEqual(evaluateClock(calendar, events, at('2026-10-20')));
  });
});
