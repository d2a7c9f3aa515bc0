// What the operations console API answers beyond the shared contracts (libs/contracts/src/operations.ts):
// the case an incident belongs to, and the circuit-breaker state of a department's system.
import type { DepartmentHealthView, IncidentView } from '@gov/contracts';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface IncidentCase {
  applicationId: string;
  caseNumber: string | null;
  itemCode: string;
  itemName: string;
  status: string;
  /** Department group paths of the case. */
  departments: string[];
}

export interface OperationsIncidentView extends IncidentView {
  /** The platform's case of the process instance; null for instances that are not cases. */
  case: IncidentCase | null;
}

export interface BreakerTransitionView {
  at: string;
  worker: string;
  state: BreakerState;
  retryAt: string | null;
}

export interface BreakerView {
  /**
   * The worst state over the workers: open when any worker's breaker is open, half-open when a
   * cool-down is over (the next call is a trial), closed otherwise or when nothing was reported.
   */
  state: BreakerState;
  /** When the department entered this state (the latest transition that led there), null when never opened. */
  since: string | null;
  /** While open: the earliest time a worker will try the system again. */
  retryAt: string | null;
  /** Each worker's latest transition in the last 24 hours. */
  workers: BreakerTransitionView[];
  /** The last transitions (newest first, at most 10). */
  transitions: BreakerTransitionView[];
}

export interface OperationsHealthView extends DepartmentHealthView {
  name: string | null;
  /** A connection is kept for the department (dept_connection). */
  connected: boolean;
  lastCallAt: string | null;
  breaker: BreakerView;
}
