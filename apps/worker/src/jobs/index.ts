import type { JobHandler } from './job-handler.js';

/**
 * Every job type the worker serves, registered in this one place. Department calls, inbox sync,
 * e-licence issuing and notifications arrive with their features (issues 7, 8, 10).
 */
export const JOB_HANDLERS: readonly JobHandler[] = [];
