import { problemSchema } from '@gov/contracts';
import { ApiError } from './ApiError';

export interface FailedResponse {
  status: number;
  statusText: string;
  contentType: string | null;
  /** The response body, already parsed as JSON when it was JSON, else its text. */
  body: unknown;
}

/**
 * Turns a failed HTTP response into an ApiError. A valid `application/problem+json` body
 * keeps its title, detail, status and code; anything else (a proxy's HTML page, an empty
 * body) still becomes a readable error named after the HTTP status.
 */
export function toApiError(response: FailedResponse): ApiError {
  const isProblem = response.contentType?.toLowerCase().startsWith('application/problem+json') ?? false;
  const parsed = problemSchema.safeParse(response.body);
  if (parsed.success && (isProblem || typeof response.body === 'object')) {
    return new ApiError(parsed.data);
  }
  const statusText = response.statusText.trim();
  return new ApiError({
    status: response.status,
    code: `http-${response.status}`,
    title: statusText ? `HTTP ${response.status} ${statusText}` : `HTTP ${response.status}`,
    detail: typeof response.body === 'string' && response.body.trim() !== '' && !looksLikeHtml(response.body) ? response.body.trim().slice(0, 300) : undefined,
  });
}

function looksLikeHtml(text: string): boolean {
  return /^\s*</.test(text);
}
