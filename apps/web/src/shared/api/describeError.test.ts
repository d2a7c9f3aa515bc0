import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zhCN';
import { ApiError, CLIENT_ERROR_CODES } from './ApiError';
import { describeError } from './describeError';

/** Looks a dotted key up in a message catalogue, as i18next does. */
const translator = (messages: object) => (key: string, { defaultValue }: { defaultValue: string }): string => {
  let node: unknown = messages;
  for (const part of key.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' ? node : defaultValue;
};

describe('describeError', () => {
  it('says a busy platform in the user\'s language, keeping the code for support', () => {
    const busy = new ApiError({ status: 503, code: 'DATABASE_BUSY', title: 'Service Unavailable', detail: 'The platform is very busy right now…', requestId: 'r1' });
    expect(describeError(busy, translator(zhCN))).toEqual({ title: '服务暂时不可用', detail: expect.stringContaining('未作任何更改') });
    expect(describeError(busy, translator(en))).toEqual({ title: 'Service unavailable for the moment', detail: expect.stringContaining('nothing was changed') });
  });

  it('keeps the server\'s detail for codes it has no words of its own for, under a translated title', () => {
    const conflict = new ApiError({ status: 409, code: 'DRAFT_CHANGED', title: 'Conflict', detail: 'Someone saved revision 3 meanwhile.' });
    expect(describeError(conflict, translator(zhCN))).toEqual({ title: '与当前状态冲突', detail: 'Someone saved revision 3 meanwhile.' });
  });

  it('names a network failure and an error that is not the API\'s', () => {
    expect(describeError(new ApiError({ status: 0, code: CLIENT_ERROR_CODES.network, title: 'Network error' }), translator(zhCN)).title).toBe('无法连接平台服务，请检查网络后重试。');
    expect(describeError(new Error('boom'), translator(zhCN))).toEqual({ title: '请求失败', detail: 'boom' });
  });
});
