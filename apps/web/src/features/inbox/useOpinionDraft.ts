import { opinionDraftSchema, type TaskDecision } from '@gov/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { useApiClient } from '../../shared/api/ApiClientContext';

const draftResponse = z.object({ draft: opinionDraftSchema.nullable() });

/**
 * The approver's unsent opinion on a step, kept on the server (it follows them to another device):
 * loaded once, saved a second after the last change. `restore` is called with the saved draft when
 * nothing was typed yet.
 */
export function useOpinionDraft(taskKey: string, decision: TaskDecision, opinion: string, restore: (decision: TaskDecision, opinion: string) => void): { savedAt: Date | null } {
  const api = useApiClient();
  const loaded = useQuery({
    queryKey: ['inbox-opinion-draft', taskKey],
    queryFn: ({ signal }) => api.get(`/api/inbox/tasks/${encodeURIComponent(taskKey)}/draft`, draftResponse, { signal }),
    staleTime: Infinity,
    retry: false,
  });
  const restored = useRef(false);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const restoreRef = useRef(restore);
  useEffect(() => {
    restoreRef.current = restore;
  }, [restore]);

  useEffect(() => {
    if (restored.current || !loaded.isSuccess) return;
    restored.current = true;
    const draft = loaded.data.draft;
    if (draft && opinion === '') restoreRef.current(draft.decision, draft.opinion);
  }, [loaded.isSuccess, loaded.data, opinion]);

  useEffect(() => {
    if (!restored.current || opinion.trim() === '') return;
    const timer = window.setTimeout(() => {
      api.send('PUT', `/api/inbox/tasks/${encodeURIComponent(taskKey)}/draft`, { decision, opinion }, opinionDraftSchema)
        .then(() => setSavedAt(new Date()))
        .catch(() => undefined); // a draft is a convenience: the next change tries again
    }, 1_000);
    return () => window.clearTimeout(timer);
  }, [api, taskKey, decision, opinion]);

  return { savedAt };
}
