// How a handler tells the runner what went wrong; the runner turns each into the engine command.
import type { Json } from './job-handler.js';

/** Transient (timeout, 5xx, connection refused): FailJob with one retry used and exponential back-off. */
export class RetryableJobError extends Error {
  readonly code = 'RETRYABLE';
}

/** Not an error: try again later without using a retry (circuit open, result not there yet). */
export class DeferJobError extends Error {
  readonly code = 'DEFERRED';
  constructor(message: string, readonly delayMs: number) {
    super(message);
  }
}

/** A business outcome the model can catch with an error boundary event (ThrowError). */
export class BusinessJobError extends Error {
  constructor(readonly errorCode: string, message: string, readonly variables: Record<string, Json> = {}) {
    super(message);
  }
}

/** Retrying cannot help (bad credentials, bad configuration): FailJob with no retries → incident. */
export class FatalJobError extends Error {
  readonly code = 'FATAL';
}

export type JobFailure = RetryableJobError | DeferJobError | BusinessJobError | FatalJobError;
