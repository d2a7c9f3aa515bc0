import { AppError, type FieldProblem, ForbiddenError, NotFoundError } from '../../common/app-error.js';

export class ApplicationNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`There is no application ${id} that you may see.`, 'APPLICATION_NOT_FOUND');
  }
}

export class FileNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`There is no file ${id} that you may see.`, 'FILE_NOT_FOUND');
  }
}

export class ItemNotApplicableError extends AppError {
  constructor(code: string, reason: string) {
    super('conflict', 'ITEM_NOT_APPLICABLE', `Service item ${code} cannot be applied for online: ${reason}`);
  }
}

export class IdentityRequiredError extends ForbiddenError {
  constructor() {
    super('Applying needs a verified citizen ID number on your account (实名认证). Complete identity verification first.', 'IDENTITY_REQUIRED');
  }
}

export class ApplicationStateError extends AppError {
  constructor(message: string, code = 'APPLICATION_STATE') {
    super('conflict', code, message);
  }
}

export class StaleApplicationError extends AppError {
  constructor(current: number, base: number) {
    super('conflict', 'APPLICATION_CHANGED', `The application was saved elsewhere (version ${current}; yours was based on ${base}). Reload it to see the latest entries.`);
  }
}

export class DraftExpiredError extends AppError {
  constructor(expiredAt: Date) {
    super('gone', 'DRAFT_EXPIRED', `This draft expired on ${expiredAt.toISOString().slice(0, 10)} because it was not saved for a long time. Start a new application for the item: what you entered is filled in again.`);
  }
}

export class SubmissionIncompleteError extends AppError {
  constructor(problems: FieldProblem[]) {
    super('unprocessable', 'APPLICATION_INCOMPLETE', `The application cannot be submitted yet: ${problems.length} problem(s) to fix. Nothing you entered is lost.`, problems);
  }
}

export class UnsupportedFileError extends AppError {
  constructor(name: string) {
    super('unsupported-type', 'FILE_TYPE_NOT_ACCEPTED', `"${name}" is not a PDF, JPEG, PNG or OFD file (checked by its content, not its name).`);
  }
}

export class FileTooLargeError extends AppError {
  constructor(maxBytes: number) {
    super('too-large', 'FILE_TOO_LARGE', `Files may be at most ${Math.floor(maxBytes / 1024 / 1024 * 10) / 10} MB.`);
  }
}

export class FileRefusedError extends AppError {
  constructor(name: string, reason: string) {
    super('unprocessable', 'FILE_REFUSED', `"${name}" was refused by the security check: ${reason}`);
  }
}

export class LibraryFullError extends AppError {
  constructor(max: number) {
    super('conflict', 'LIBRARY_FULL', `Your material library holds the most files allowed (${max}).`);
  }
}

export class TaskNotFoundError extends NotFoundError {
  constructor(taskKey: string) {
    super(`Case step ${taskKey} is not open for you (already decided, or not your department's).`, 'TASK_NOT_FOUND');
  }
}

export class EngineUnavailableError extends AppError {
  constructor(detail: string) {
    super('unavailable', 'ENGINE_UNAVAILABLE', `The workflow engine did not answer; nothing was changed. Try again in a moment. (${detail})`);
  }
}

export class TaskAlreadyDecidedError extends AppError {
  constructor() {
    super('conflict', 'TASK_ALREADY_DECIDED', 'This step has just been decided (by a colleague, or by you in another window). Reload the case to see the decision.');
  }
}

export class NotACounterError extends ForbiddenError {
  constructor() {
    super('Counter acceptance needs a clerk who belongs to a service centre (a community, street or hall window).', 'NOT_A_COUNTER');
  }
}

export class NotAcceptedHereError extends AppError {
  constructor(code: string, level: string) {
    super('conflict', 'NOT_ACCEPTED_AT_THIS_COUNTER', `Service item ${code} is not accepted at ${level} service centres; send the applicant to the competent department's hall.`);
  }
}
