// Domain code throws these; ProblemDetailsFilter maps the kind to an HTTP status.
// Domain code never throws HTTP exceptions.

export type ErrorKind = 'invalid' | 'unprocessable' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'gone' | 'too-large' | 'unsupported-type' | 'unavailable' | 'internal';

export interface FieldProblem {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly fieldProblems?: FieldProblem[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, problems: FieldProblem[]) {
    super('invalid', 'VALIDATION_FAILED', message, problems);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'A valid bearer token is required.', code = 'UNAUTHENTICATED') {
    super('unauthenticated', code, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string, code = 'FORBIDDEN') {
    super('forbidden', code, message);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string, code = 'NOT_FOUND') {
    super('not-found', code, message);
  }
}
