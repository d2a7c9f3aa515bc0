import { describe, expect, it } from 'vitest';
import { takeFrames } from './inboxEvents';

describe('takeFrames', () => {
  it('returns complete frames with their event name and keeps a partial one for later', () => {
    const { frames, rest } = takeFrames('event: task\ndata: {"taskKey":"1"}\n\nevent: heartbeat\ndata: {"heartbeat":true}\n\nevent: task\ndata: {"task');
    expect(frames).toEqual([{ event: 'task', data: '{"taskKey":"1"}' }, { event: 'heartbeat', data: '{"heartbeat":true}' }]);
    expect(rest).toBe('event: task\ndata: {"task');
    expect(takeFrames(`${rest}Key":"2"}\n\n`).frames).toEqual([{ event: 'task', data: '{"taskKey":"2"}' }]);
  });

  it('accepts CRLF line ends and multi-line data', () => {
    expect(takeFrames('event: task\r\ndata: a\r\ndata: b\r\n\r\n').frames).toEqual([{ event: 'task', data: 'a\nb' }]);
  });
});
