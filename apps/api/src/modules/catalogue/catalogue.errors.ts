import { AppError, ForbiddenError, NotFoundError } from '../../common/app-error.js';

export class ItemNotFoundError extends NotFoundError {
  constructor(code: string) {
    super(`There is no service item with code ${code}.`, 'ITEM_NOT_FOUND');
  }
}

export class ItemCodeTakenError extends AppError {
  constructor(code: string) {
    super('conflict', 'ITEM_CODE_TAKEN', `The item code ${code} is already used by another item; every item has its own code.`, [{ path: 'code', message: 'already in use' }]);
  }
}

export class ItemNameTakenError extends AppError {
  constructor(name: string, agency: string, other: string) {
    super('conflict', 'ITEM_NAME_TAKEN', `${agency} already has an item named "${name}" at an overlapping level (${other}).`, [{ path: 'name', message: `already used by ${other}` }]);
  }
}

export class StaleRevisionError extends AppError {
  constructor(code: string, base: number, current: number) {
    super('conflict', 'ITEM_CHANGED', `Item ${code} was changed by someone else (revision ${current}, your edit was based on ${base}). Reload it and apply your change again.`);
  }
}

export class ItemCodeMismatchError extends AppError {
  constructor(path: string, body: string) {
    super('invalid', 'ITEM_CODE_MISMATCH', `The code in the body (${body}) differs from the code in the path (${path}); an item's code cannot change.`, [{ path: 'code', message: 'cannot change' }]);
  }
}

export class ItemStatusError extends AppError {
  constructor(message: string) {
    super('conflict', 'ITEM_STATUS_CONFLICT', message);
  }
}

export class NotYourDepartmentError extends ForbiddenError {
  constructor(agency: string) {
    super(`Department admins manage only their own departments' items; ${agency} is not one of yours.`, 'NOT_YOUR_DEPARTMENT');
  }
}

export class MaterialFileNotFoundError extends NotFoundError {
  constructor(code: string, file: string) {
    super(`Item ${code} has no published file ${file}.`, 'FILE_NOT_FOUND');
  }
}

export class ItemModelMissingError extends NotFoundError {
  constructor(code: string, what: string) {
    super(`Service item ${code} has no ${what} yet; it cannot be applied for online.`, 'ITEM_MODEL_MISSING');
  }
}
