import { ApiError, CLIENT_ERROR_CODES } from './ApiError';

/** i18next's `t` as far as this needs it: a key and the text to use when the key has none. */
type Translate = (key: string, options: { defaultValue: string }) => string;

/**
 * What to tell the user about a failed request, in their language: the title by HTTP status (the
 * server's titles are English), and for codes any page may meet (a busy platform, an engine that
 * does not answer, an internal error) the platform's own words; otherwise the server's detail.
 */
export function describeError(error: Error, t: Translate): { title: string; detail: string | undefined } {
  if (!(error instanceof ApiError)) return { title: t('apiError.title', { defaultValue: 'Request failed' }), detail: error.message };
  if (error.code === CLIENT_ERROR_CODES.network) return { title: t('apiError.network', { defaultValue: error.title }), detail: error.detail };
  if (error.code === CLIENT_ERROR_CODES.invalidResponse) return { title: t('apiError.invalidResponse', { defaultValue: error.title }), detail: error.detail };
  const title = error.status > 0 ? t(`apiError.status.${error.status}`, { defaultValue: error.title }) : error.title;
  const known = t(`apiError.codes.${error.code}`, { defaultValue: '' });
  return { title, detail: known !== '' ? known : error.detail };
}
