// The statutory clock of one case (法定办结时限): a pure function of the case's clock events, the
// working-day calendar and "now". Nothing here reads the wall clock; callers pass the time in.
//
// Counting rules (the same for citizens and approvers):
// - the limit runs from the working day after acceptance;
// - a working day counts once it has begun, so on the day of acceptance 0 days are used;
// - a pause (correction request 补正, or a legally excluded step: expert review, public notice,
//   on-site inspection, hearing) stops the count from the day after it starts up to and including
//   the day it ends; the count resumes the next day;
// - an extension adds working days and must name who approved it;
// - once the case is decided the clock stops.
import { chinaDate, ClockError, type IsoDate, addCalendarDays, type WorkingCalendar } from './calendar.js';

export const PAUSE_REASONS = ['correction', 'expert-review', 'public-notice', 'on-site-inspection', 'hearing', 'other'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

export type ClockEvent =
  | { type: 'started'; at: Date; limitDays: number }
  | { type: 'paused'; at: Date; reason: PauseReason; note?: string }
  | { type: 'resumed'; at: Date }
  | { type: 'extended'; at: Date; days: number; approvedBy: string; reason: string }
  | { type: 'stopped'; at: Date };

export interface ClockPause {
  reason: PauseReason;
  from: IsoDate;
  /** null while the pause lasts. */
  until: IsoDate | null;
  /** Working days the pause has taken out of the count so far. */
  workingDays: number;
}

export interface ClockState {
  state: 'running' | 'paused' | 'stopped';
  startDate: IsoDate;
  /** The statutory limit plus approved extensions. */
  limitDays: number;
  extensionDays: number;
  usedDays: number;
  /** Negative once overdue. */
  remainingDays: number;
  /** The last day to decide, assuming no further pauses; null while paused. */
  dueDate: IsoDate | null;
  overdue: boolean;
  overdueDays: number;
  pauses: ClockPause[];
}

function assertNever(value: never): never {
  throw new ClockError('UNKNOWN_EVENT', `unknown clock event ${JSON.stringify(value)}`);
}

interface Ledger {
  startDate: IsoDate;
  limitDays: number;
  extensionDays: number;
  pauses: { reason: PauseReason; from: IsoDate; until: IsoDate | null }[];
  stoppedOn: IsoDate | null;
}

function replay(events: readonly ClockEvent[]): Ledger {
  const [first, ...rest] = events;
  if (first?.type !== 'started') throw new ClockError('NOT_STARTED', 'a clock must begin with a "started" event');
  if (!Number.isInteger(first.limitDays) || first.limitDays < 0) throw new ClockError('INVALID_DAYS', `the time limit must be a whole number of working days ≥ 0, got ${first.limitDays}`);
  const ledger: Ledger = { startDate: chinaDate(first.at), limitDays: first.limitDays, extensionDays: 0, pauses: [], stoppedOn: null };
  let previous = first.at;
  for (const event of rest) {
    if (event.at.getTime() < previous.getTime()) throw new ClockError('OUT_OF_ORDER', `clock events must be in time order (${event.type} at ${event.at.toISOString()})`);
    previous = event.at;
    if (ledger.stoppedOn) throw new ClockError('STOPPED', `the clock has stopped; "${event.type}" is not possible`);
    const open = ledger.pauses.at(-1)?.until === null ? ledger.pauses.at(-1) : undefined;
    switch (event.type) {
      case 'started':
        throw new ClockError('ALREADY_STARTED', 'the clock has already started');
      case 'paused':
        if (open) throw new ClockError('ALREADY_PAUSED', 'the clock is already paused');
        ledger.pauses.push({ reason: event.reason, from: chinaDate(event.at), until: null });
        break;
      case 'resumed':
        if (!open) throw new ClockError('NOT_PAUSED', 'the clock is not paused');
        open.until = chinaDate(event.at);
        break;
      case 'extended':
        if (!Number.isInteger(event.days) || event.days < 1) throw new ClockError('INVALID_DAYS', `an extension must add at least one whole working day, got ${event.days}`);
        if (event.approvedBy.trim() === '') throw new ClockError('EXTENSION_UNAPPROVED', 'an extension must name who approved it');
        ledger.extensionDays += event.days;
        break;
      case 'stopped':
        if (open) open.until = chinaDate(event.at);
        ledger.stoppedOn = chinaDate(event.at);
        break;
      default:
        assertNever(event);
    }
  }
  return ledger;
}

function pausedOn(ledger: Ledger, date: IsoDate): ClockPause['reason'] | null {
  for (const pause of ledger.pauses) {
    if (date > pause.from && (pause.until === null || date <= pause.until)) return pause.reason;
  }
  return null;
}

/** Where the clock stands at `now`. */
export function evaluateClock(calendar: WorkingCalendar, events: readonly ClockEvent[], now: Date): ClockState {
  const ledger = replay(events);
  const today = chinaDate(now);
  const countUntil = ledger.stoppedOn && ledger.stoppedOn < today ? ledger.stoppedOn : today;
  const limitDays = ledger.limitDays + ledger.extensionDays;

  let usedDays = 0;
  const pausedDays = ledger.pauses.map(() => 0);
  for (let date = addCalendarDays(ledger.startDate, 1); date <= countUntil; date = addCalendarDays(date, 1)) {
    if (!calendar.isWorkingDay(date)) continue;
    const index = ledger.pauses.findIndex((p) => date > p.from && (p.until === null || date <= p.until));
    if (index >= 0) pausedDays[index] = (pausedDays[index] ?? 0) + 1;
    else usedDays += 1;
  }

  const ongoingPause = ledger.pauses.some((p) => p.until === null);
  const state: ClockState['state'] = ledger.stoppedOn ? 'stopped' : ongoingPause ? 'paused' : 'running';
  const remainingDays = limitDays - usedDays;
  return {
    state,
    startDate: ledger.startDate,
    limitDays,
    extensionDays: ledger.extensionDays,
    usedDays,
    remainingDays,
    dueDate: ongoingPause && !ledger.stoppedOn ? null : dueDate(calendar, ledger, limitDays),
    overdue: remainingDays < 0,
    overdueDays: Math.max(0, -remainingDays),
    pauses: ledger.pauses.map((p, i) => ({ ...p, workingDays: pausedDays[i] ?? 0 })),
  };
}

/** The day the count reaches the limit, skipping non-working and paused days. */
function dueDate(calendar: WorkingCalendar, ledger: Ledger, limitDays: number): IsoDate {
  let date = ledger.startDate;
  let counted = 0;
  while (counted < limitDays) {
    date = addCalendarDays(date, 1);
    if (calendar.isWorkingDay(date) && pausedOn(ledger, date) === null) counted += 1;
  }
  return date;
}
