import { ApiError } from '../../../shared/api/ApiError';

/** A random UUID v4; `crypto.randomUUID` exists only in secure contexts, so fall back to getRandomValues. */
export function newUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The Idempotency-Key of one submit attempt: created on the first try and reused while the
 * outcome is unknown (network failure, server error), so a retry cannot file the case twice.
 * Once the server has answered definitively (success or a 4xx such as 422), the next submit is
 * a new attempt with a new key.
 */
export class SubmitAttempt {
  private current: string | undefined;

  constructor(private readonly makeKey: () => string = newUuid) {}

  key(): string {
    this.current ??= this.makeKey();
    return this.current;
  }

  /** Call with the outcome; a definitive one ends the attempt. */
  settle(error?: unknown): void {
    if (error === undefined || isDefinitive(error)) this.current = undefined;
  }
}

function isDefinitive(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
}
