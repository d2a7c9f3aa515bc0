import { AppError } from '../../common/app-error.js';

/** An export bigger than the platform hands out in one file: the caller narrows the filters. */
export class ExportTooLargeError extends AppError {
  constructor(total: number, limit: number) {
    super('unprocessable', 'EXPORT_TOO_LARGE', `${total} cases match; an export holds at most ${limit}. Narrow the filters (for example the submission dates) and export again.`);
  }
}
