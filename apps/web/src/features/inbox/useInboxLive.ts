import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useAuthSession } from '../../shared/auth/useAuth';
import { takeFrames } from './inboxEvents';
import { inboxKeys } from './useInbox';

/**
 * Keeps the inbox live: a change to any task of the user's departments (a colleague claimed or
 * decided it, a new one arrived) refreshes the lists at once. Reconnects with a fresh token when
 * the stream ends; the 15-second refresh stays as a fallback.
 */
export function useInboxLive(): void {
  const session = useAuthSession();
  const queryClient = useQueryClient();
  useEffect(() => {
    const controller = new AbortController();
    let retry: number | undefined;
    const connect = async (): Promise<void> => {
      try {
        const token = await session.getToken();
        const response = await fetch('/api/inbox/tasks/events', {
          headers: { accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          signal: controller.signal,
        });
        if (!response.ok || !response.body) throw new Error(`inbox events: ${response.status}`);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const { frames, rest } = takeFrames(buffer + value);
          buffer = rest;
          if (frames.some((frame) => frame.event === 'task')) void queryClient.invalidateQueries({ queryKey: inboxKeys.all });
        }
      } catch {
        // Network hiccup, server restart or an expired session: try again below.
      }
      if (!controller.signal.aborted) retry = window.setTimeout(() => void connect(), 5000);
    };
    void connect();
    return () => {
      controller.abort();
      window.clearTimeout(retry);
    };
  }, [session, queryClient]);
}
