import { AppError } from '../../common/app-error.js';

export class UnknownDepartmentError extends AppError {
  constructor(department: string) {
    super('not-found', 'DEPARTMENT_NOT_CONNECTED', `No system is connected for department "${department}".`);
  }
}

/** A callback whose signature, timestamp or headers do not check out. */
export class CallbackSignatureError extends AppError {
  constructor(code: 'SIGNATURE_MISSING' | 'SIGNATURE_INVALID' | 'SIGNATURE_EXPIRED', message: string) {
    super('unauthenticated', code, message);
  }
}

export class EngineUnavailableError extends AppError {
  constructor(detail: string) {
    super('unavailable', 'ENGINE_UNAVAILABLE', `The event could not be handed to the workflow engine; send it again later. ${detail}`);
  }
}

export class DepartmentScopeError extends AppError {
  constructor(department: string) {
    super('forbidden', 'DEPARTMENT_SCOPE', `You may manage only your own department's connection, not "${department}".`);
  }
}
