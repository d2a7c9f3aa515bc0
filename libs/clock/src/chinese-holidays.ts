// Seed data: the State Council's public holidays and adjusted working days (调休), as published
// each year and collected by the `chinese-days` package. Admins correct or extend it in the API.
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { CalendarAdjustment } from './calendar.js';

/** "Spring Festival,春节,4" → "春节" */
function chineseName(description: string): string {
  return description.split(',')[1] ?? description;
}

/** Every published holiday and adjusted working day from `fromYear` on, oldest first. */
export function chineseCalendarSeed(fromYear = 2024): CalendarAdjustment[] {
  const holidays: Record<string, string> = data.holidays;
  const workdays: Record<string, string> = data.workdays;
  const entries: CalendarAdjustment[] = [
    ...Object.entries(holidays).map(([date, description]): CalendarAdjustment => ({ date, kind: 'holiday', name: chineseName(description) })),
    ...Object.entries(workdays).map(([date, description]): CalendarAdjustment => ({ date, kind: 'workday', name: `${chineseName(description)}调休上班` })),
  ];
  return entries.filter((e) => Number(e.date.slice(0, 4)) >= fromYear).sort((a, b) => a.date.localeCompare(b.date));
}
