import { AppError, ForbiddenError, NotFoundError } from '../../common/app-error.js';

export class LicenceNotFoundError extends NotFoundError {
  constructor(licenceNo: string) {
    super(`There is no e-licence ${licenceNo} that you may see.`, 'LICENCE_NOT_FOUND');
  }
}

export class LicenceTypeNotFoundError extends NotFoundError {
  constructor(code: string) {
    super(`There is no e-licence type "${code}".`, 'LICENCE_TYPE_NOT_FOUND');
  }
}

export class LicenceStateError extends AppError {
  constructor(message: string, code = 'LICENCE_STATE') {
    super('conflict', code, message);
  }
}

export class LicenceNotAcceptedError extends AppError {
  constructor(typeName: string, materialName: string) {
    super('unprocessable', 'LICENCE_NOT_ACCEPTED', `An e-licence of type ${typeName} cannot replace the material "${materialName}".`);
  }
}

export class LicenceForbiddenError extends ForbiddenError {
  constructor(message: string) {
    super(message, 'LICENCE_FORBIDDEN');
  }
}

export class DepartmentQueryRefusedError extends ForbiddenError {
  constructor(message: string) {
    super(message, 'QUERY_BASIS_MISSING');
  }
}

export class DepartmentNotBoundError extends ForbiddenError {
  constructor(department: string) {
    super(`This service account does not act for ${department}: a department system queries for its own department only (its Keycloak groups).`, 'DEPARTMENT_NOT_BOUND');
  }
}
