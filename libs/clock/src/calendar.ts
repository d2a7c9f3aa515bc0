// Working-day calendar: Monday to Friday are working days unless the State Council declares a
// public holiday; some weekend days are adjusted working days (调休上班). Dates are local dates in
// China (YYYY-MM-DD), never instants, so the calendar is the same on every server.

export type IsoDate = string;

export interface CalendarAdjustment {
  date: IsoDate;
  /** holiday: no work on this day; workday: work on this (weekend) day. */
  kind: 'holiday' | 'workday';
  name?: string;
}

export class ClockError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'ClockError';
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function assertIsoDate(date: string): IsoDate {
  const match = DATE.exec(date);
  const parsed = match ? new Date(`${date}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    throw new ClockError('INVALID_DATE', `"${date}" is not a calendar date (YYYY-MM-DD)`);
  }
  return date;
}

/** The date `days` calendar days after `date` (negative goes back). */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** China Standard Time has had no daylight saving since 1991: UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The local date in China of an instant. */
export function chinaDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export class WorkingCalendar {
  private readonly adjustments: ReadonlyMap<IsoDate, CalendarAdjustment>;

  constructor(adjustments: Iterable<CalendarAdjustment>) {
    const map = new Map<IsoDate, CalendarAdjustment>();
    for (const adjustment of adjustments) map.set(assertIsoDate(adjustment.date), adjustment);
    this.adjustments = map;
  }

  adjustment(date: IsoDate): CalendarAdjustment | undefined {
    return this.adjustments.get(date);
  }

  isWorkingDay(date: IsoDate): boolean {
    const adjustment = this.adjustments.get(date);
    if (adjustment) return adjustment.kind === 'workday';
    const day = weekday(date);
    return day !== 0 && day !== 6;
  }

  /**
   * The day on which a limit of `days` working days ends when counting starts the day after
   * `start` (a time limit runs from the day after acceptance). 0 days: `start` itself.
   */
  addWorkingDays(start: IsoDate, days: number): IsoDate {
    if (!Number.isInteger(days) || days < 0) throw new ClockError('INVALID_DAYS', `working days must be a whole number ≥ 0, got ${days}`);
    let date = assertIsoDate(start);
    let counted = 0;
    while (counted < days) {
      date = addCalendarDays(date, 1);
      if (this.isWorkingDay(date)) counted += 1;
    }
    return date;
  }

  /** Working days in (from, to]; 0 when `to` is not after `from`. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    let count = 0;
    for (let date = addCalendarDays(assertIsoDate(from), 1); date <= assertIsoDate(to); date = addCalendarDays(date, 1)) {
      if (this.isWorkingDay(date)) count += 1;
    }
    return count;
  }
}
