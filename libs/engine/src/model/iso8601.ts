// ISO 8601 durations, dates and repeating intervals (and cron cycles) as Zeebe accepts them for timers.
import { nextCronInstant, parseCron, type Cron } from './cron.js';

export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

export function parseDuration(text: string): IsoDuration | undefined {
  const match = DURATION.exec(text.trim());
  if (!match || text.trim() === 'P' || text.trim().endsWith('T')) return undefined;
  const n = (i: number): number => Number((match[i] ?? '0').replace(',', '.'));
  return { years: n(1), months: n(2), weeks: n(3), days: n(4), hours: n(5), minutes: n(6), seconds: n(7) };
}

export function addDuration(instant: number, d: IsoDuration): number {
  const date = new Date(instant);
  if (d.years || d.months) date.setUTCMonth(date.getUTCMonth() + d.years * 12 + d.months);
  const ms = ((((d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) * 60 + d.seconds) * 1000;
  return date.getTime() + Math.round(ms);
}

/** Parses an ISO 8601 date-time (optionally with a `[Region/City]` suffix) to epoch ms. */
export function parseDateTime(text: string): number | undefined {
  const trimmed = text.trim().replace(/\[[^\]]+\]$/, '');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(trimmed)) return undefined;
  const value = Date.parse(trimmed);
  return Number.isNaN(value) ? undefined : value;
}

export interface IsoCycle {
  /** Undefined means unbounded (`R/…` and cron expressions). */
  repetitions: number | undefined;
  interval?: IsoDuration;
  cron?: Cron;
}

/** Parses a repeating interval `R<n>/<duration>` or `R/<duration>`, or a cron expression. */
export function parseCycle(text: string): IsoCycle | undefined {
  const match = /^R(\d*)\/(P\S+)$/.exec(text.trim());
  if (!match) {
    const cron = parseCron(text);
    return cron ? { repetitions: undefined, cron } : undefined;
  }
  const interval = parseDuration(match[2] ?? '');
  if (!interval) return undefined;
  return { repetitions: match[1] === '' || match[1] === undefined ? undefined : Number(match[1]), interval };
}

/** Resolves a timer definition value to the instant it is due, relative to `now`. */
export function dueInstant(kind: 'duration' | 'date' | 'cycle', value: string, now: number): number | undefined {
  if (kind === 'cycle') {
    const cycle = parseCycle(value);
    if (cycle?.cron) return nextCronInstant(cycle.cron, now);
    return cycle?.interval ? addDuration(now, cycle.interval) : undefined;
  }
  if (kind === 'duration') {
    const duration = parseDuration(value);
    return duration ? addDuration(now, duration) : undefined;
  }
  return parseDateTime(value);
}
