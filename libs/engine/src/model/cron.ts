// Cron expressions as Zeebe accepts them in timer cycles (Spring's six fields:
// second minute hour day-of-month month day-of-week), evaluated in UTC.

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export interface Cron {
  seconds: Set<number>;
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
  /** Whether day-of-month and day-of-week are both restricted (then either may match). */
  anyDay: boolean;
}

function parseField(text: string, min: number, max: number, names: string[] = [], offset = 0): Set<number> | undefined {
  const values = new Set<number>();
  const value = (token: string): number | undefined => {
    const index = names.indexOf(token.toUpperCase());
    if (index >= 0) return index + offset;
    if (!/^\d+$/.test(token)) return undefined;
    const number = Number(token);
    return number === 7 && names === DAYS ? 0 : number;
  };
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!range || !Number.isInteger(step) || step < 1) return undefined;
    let from: number | undefined;
    let to: number | undefined;
    if (range === '*' || range === '?') {
      from = min;
      to = max;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-');
      from = value(a ?? '');
      to = value(b ?? '');
    } else {
      from = value(range);
      to = stepText === undefined ? from : max;
    }
    if (from === undefined || to === undefined || from < min || to > max || from > to) return undefined;
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

export function parseCron(text: string): Cron | undefined {
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 6) return undefined;
  const [s, m, h, dom, mon, dow] = fields;
  const cron = {
    seconds: parseField(s ?? '', 0, 59),
    minutes: parseField(m ?? '', 0, 59),
    hours: parseField(h ?? '', 0, 23),
    daysOfMonth: parseField(dom ?? '', 1, 31),
    months: parseField(mon ?? '', 1, 12, MONTHS, 1),
    daysOfWeek: parseField(dow ?? '', 0, 7, DAYS, 0),
  };
  if (!cron.seconds || !cron.minutes || !cron.hours || !cron.daysOfMonth || !cron.months || !cron.daysOfWeek) return undefined;
  const restricted = (field: string | undefined): boolean => field !== '*' && field !== '?';
  return {
    seconds: cron.seconds, minutes: cron.minutes, hours: cron.hours, daysOfMonth: cron.daysOfMonth,
    months: cron.months, daysOfWeek: cron.daysOfWeek, anyDay: restricted(dom) && restricted(dow),
  };
}

/** The first instant strictly after `after` (epoch ms) that matches, searching up to ~5 years ahead. */
export function nextCronInstant(cron: Cron, after: number): number | undefined {
  const date = new Date(Math.floor(after / 1000) * 1000 + 1000);
  const limit = after + 5 * 366 * 24 * 3600_000;
  while (date.getTime() <= limit) {
    const dayMatches = cron.anyDay
      ? cron.daysOfMonth.has(date.getUTCDate()) || cron.daysOfWeek.has(date.getUTCDay())
      : cron.daysOfMonth.has(date.getUTCDate()) && cron.daysOfWeek.has(date.getUTCDay());
    if (!cron.months.has(date.getUTCMonth() + 1) || !dayMatches) {
      date.setUTCHours(0, 0, 0, 0);
      date.setUTCDate(date.getUTCDate() + 1);
      continue;
    }
    if (!cron.hours.has(date.getUTCHours())) {
      date.setUTCMinutes(0, 0, 0);
      date.setUTCHours(date.getUTCHours() + 1);
      continue;
    }
    if (!cron.minutes.has(date.getUTCMinutes())) {
      date.setUTCSeconds(0, 0);
      date.setUTCMinutes(date.getUTCMinutes() + 1);
      continue;
    }
    if (!cron.seconds.has(date.getUTCSeconds())) {
      date.setUTCSeconds(date.getUTCSeconds() + 1, 0);
      continue;
    }
    return date.getTime();
  }
  return undefined;
}
