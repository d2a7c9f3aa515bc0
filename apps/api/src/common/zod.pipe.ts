// Parse at the edge: every body and query goes through a zod schema from libs/contracts.
import { type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ValidationError } from './app-error.js';

export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S, private readonly what = 'request') {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    const problems = result.error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));
    const summary = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    throw new ValidationError(`The ${this.what} is invalid: ${summary}`, problems);
  }
}
