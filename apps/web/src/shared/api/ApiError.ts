import type { Problem } from '@gov/contracts';

/** Codes the client itself assigns when the server's answer is not a problem document. */
export const CLIENT_ERROR_CODES = {
  network: 'network-error',
  invalidResponse: 'invalid-response',
} as const;

/** An API call that failed, carrying the server's problem details so the UI can say what went wrong. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly requestId: string | undefined;
  readonly fieldErrors: readonly { path: string; message: string }[];

  constructor(problem: Pick<Problem, 'status' | 'code' | 'title'> & Partial<Pick<Problem, 'detail' | 'requestId' | 'errors'>>, options?: { cause?: unknown }) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title, options);
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.requestId = problem.requestId;
    this.fieldErrors = problem.errors ?? [];
  }
}
