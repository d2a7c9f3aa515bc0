import { AppError, ForbiddenError, NotFoundError } from '../../common/app-error.js';
import type { FieldProblem } from '../../common/app-error.js';

export class DraftChangedError extends AppError {
  constructor(code: string, base: number, current: number) {
    super('conflict', 'DRAFT_CHANGED', `The model of ${code} was saved by someone else meanwhile (revision ${current}, your edit started from ${base}). Your version is still in your editor: reload the other one and apply your change again.`);
  }
}

/** Problems at elements: each field problem's path is the element id (or "model"). */
export class ModelInvalidError extends AppError {
  constructor(message: string, problems: FieldProblem[], code = 'MODEL_INVALID') {
    super('unprocessable', code, message, problems);
  }
}

export class DeployRefusedError extends AppError {
  constructor(message: string, problems: FieldProblem[]) {
    super('unprocessable', 'DEPLOY_REFUSED', message, problems);
  }
}

export class DraftRevisionNotFoundError extends NotFoundError {
  constructor(code: string, revision: number) {
    super(`Item ${code} has no saved model revision ${revision}.`, 'DRAFT_REVISION_NOT_FOUND');
  }
}

export class TestRunNotFoundError extends NotFoundError {
  constructor(key: string) {
    super(`There is no test run ${key} (only sandboxed designer instances can be read here).`, 'TEST_RUN_NOT_FOUND');
  }
}

export class ItemWithoutProcessError extends AppError {
  constructor(code: string) {
    super('unprocessable', 'ITEM_WITHOUT_PROCESS', `Item ${code} has no process id (process.bpmnProcessId) in the catalogue; set one there first.`);
  }
}

export class NotDesignerError extends ForbiddenError {
  constructor() {
    super('Only process designers deploy models; department admins may edit drafts.', 'DESIGNER_ONLY');
  }
}

/** A form that is not JSON or not a form-js schema: nothing was saved. */
export class FormInvalidError extends AppError {
  constructor(message: string, problems: FieldProblem[]) {
    super('unprocessable', 'FORM_INVALID', message, problems);
  }
}

/** DMN XML that cannot be read or lacks its decision: nothing was saved. */
export class DecisionInvalidError extends AppError {
  constructor(message: string, problems: FieldProblem[]) {
    super('unprocessable', 'DECISION_INVALID', message, problems);
  }
}

/** Imported files that are not what processes/<code>/ holds: nothing was imported. */
export class BundleInvalidError extends AppError {
  constructor(message: string, problems: FieldProblem[]) {
    super('unprocessable', 'BUNDLE_INVALID', message, problems);
  }
}

export class ElementTemplateInvalidError extends AppError {
  constructor(message: string, problems: FieldProblem[]) {
    super('unprocessable', 'TEMPLATE_INVALID', message, problems);
  }
}

export class ElementTemplateNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`No admin element template ${id} (templates from the repository are changed in the repository).`, 'TEMPLATE_NOT_FOUND');
  }
}
