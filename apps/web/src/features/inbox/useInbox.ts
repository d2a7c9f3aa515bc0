import { type ApplicationView, applicationViewSchema, inboxPageSchema, type InboxTask, inboxTaskSchema, type InboxView, type TaskDecisionInput, taskFormSchema } from '@gov/contracts';
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../shared/api/ApiClientContext';
import { formSchemaResponse } from './caseForm';
import { COUNTED_VIEWS, INBOX_REFRESH_MS, type InboxListState, inboxQueryString } from './inboxModel';

export const inboxKeys = {
  all: ['inbox'] as const,
  list: (state: InboxListState) => ['inbox', 'list', state] as const,
  count: (view: InboxView) => ['inbox', 'count', view] as const,
  task: (taskKey: string) => ['inbox', 'task', taskKey] as const,
  taskForm: (taskKey: string) => ['inbox', 'task-form', taskKey] as const,
  caseFile: (applicationId: string) => ['inbox-case', applicationId] as const,
  form: (applicationId: string) => ['inbox-case-form', applicationId] as const,
};

const taskPath = (taskKey: string) => `/api/inbox/tasks/${encodeURIComponent(taskKey)}`;

/** One page of a view; fetched again every 15 s so a task a colleague claims leaves the list without a reload. */
export function useInboxTasks(state: InboxListState) {
  const api = useApiClient();
  return useQuery({
    queryKey: inboxKeys.list(state),
    queryFn: ({ signal }) => api.get(`/api/inbox/tasks?${inboxQueryString(state)}`, inboxPageSchema, { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: INBOX_REFRESH_MS,
  });
}

/** How many tasks each counted view holds (unfiltered): one page of one row each, refreshed with the list. */
export function useViewCounts(): Partial<Record<InboxView, number>> {
  const api = useApiClient();
  const results = useQueries({
    queries: COUNTED_VIEWS.map((view) => ({
      queryKey: inboxKeys.count(view),
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get(`/api/inbox/tasks?view=${view}&page=1&pageSize=1`, inboxPageSchema, { signal }),
      refetchInterval: INBOX_REFRESH_MS,
    })),
  });
  const counts: Partial<Record<InboxView, number>> = {};
  COUNTED_VIEWS.forEach((view, index) => {
    const total = results[index]?.data?.total;
    if (total !== undefined) counts[view] = total;
  });
  return counts;
}

export function useInboxTask(taskKey: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: inboxKeys.task(taskKey),
    queryFn: ({ signal }) => api.get(taskPath(taskKey), inboxTaskSchema, { signal }),
    refetchInterval: (query) => (query.state.data?.state === 'open' ? INBOX_REFRESH_MS : false),
    retry: false,
  });
}

/** The case file (staff of the case's departments may read it). */
export function useCaseFile(applicationId: string | null | undefined) {
  const api = useApiClient();
  return useQuery({
    queryKey: inboxKeys.caseFile(applicationId ?? ''),
    queryFn: ({ signal }) => api.get(`/api/applications/${encodeURIComponent(applicationId ?? '')}`, applicationViewSchema, { signal }),
    enabled: Boolean(applicationId),
  });
}

/** The case's application form (as it was submitted), for labels of the read-only application. */
export function useCaseFormSchema(applicationId: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: inboxKeys.form(applicationId),
    queryFn: ({ signal }) => api.get(`/api/applications/${encodeURIComponent(applicationId)}/form`, formSchemaResponse, { signal }),
    staleTime: 10 * 60_000,
    retry: false,
  });
}

function useTaskAction(action: 'claim' | 'unclaim') {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (taskKey: string) => api.send('POST', `${taskPath(taskKey)}/${action}`, undefined, inboxTaskSchema),
    onSuccess: (task) => queryClient.setQueryData(inboxKeys.task(task.taskKey), task),
    // Success or conflict, the lists are out of date either way.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: inboxKeys.all }),
  });
}

export const useClaimTask = () => useTaskAction('claim');
export const useUnclaimTask = () => useTaskAction('unclaim');

/** Claims tasks one after another; a colleague's claim on one does not stop the rest. */
export function useBulkClaim() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (taskKeys: readonly string[]) => {
      const claimed: InboxTask[] = [];
      const failed: { taskKey: string; error: unknown }[] = [];
      for (const taskKey of taskKeys) {
        try {
          claimed.push(await api.send('POST', `${taskPath(taskKey)}/claim`, undefined, inboxTaskSchema));
        } catch (error) {
          failed.push({ taskKey, error });
        }
      }
      return { claimed, failed };
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: inboxKeys.all }),
  });
}

/** Department admins reassign several steps at once; each is tried, and what failed is counted. */
export function useBulkAssign() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ taskKeys, assignee }: { taskKeys: readonly string[]; assignee: string }) => {
      const assigned: InboxTask[] = [];
      const failed: { taskKey: string; error: unknown }[] = [];
      for (const taskKey of taskKeys) {
        try {
          assigned.push(await api.send('POST', `${taskPath(taskKey)}/assign`, { assignee }, inboxTaskSchema));
        } catch (error) {
          failed.push({ taskKey, error });
        }
      }
      return { assigned, failed };
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: inboxKeys.all }),
  });
}

export function useDelegateTask(taskKey: string) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (assignee: string) => api.send('POST', `${taskPath(taskKey)}/delegate`, { assignee }, inboxTaskSchema),
    onSuccess: (task) => {
      queryClient.setQueryData(inboxKeys.task(task.taskKey), task);
      void queryClient.invalidateQueries({ queryKey: inboxKeys.all });
    },
  });
}

export function useAssignTask(taskKey: string) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (assignee: string) => api.send('POST', `${taskPath(taskKey)}/assign`, { assignee }, inboxTaskSchema),
    onSuccess: (task) => queryClient.setQueryData(inboxKeys.task(task.taskKey), task),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: inboxKeys.all }),
  });
}

/**
 * Decides the step. An unclaimed task is claimed first, so the decision is the caller's and a
 * colleague who claimed it meanwhile gets it (409 TASK_TAKEN) rather than a second decision.
 */
/** The approval form the step's model links (schema null when none). */
export function useTaskForm(taskKey: string, enabled: boolean) {
  const api = useApiClient();
  return useQuery({
    queryKey: inboxKeys.taskForm(taskKey),
    queryFn: ({ signal }) => api.get(`${taskPath(taskKey)}/form`, taskFormSchema, { signal }),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useDecideTask(task: InboxTask) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: TaskDecisionInput): Promise<ApplicationView> => {
      if (task.assignee === null) await api.send('POST', `${taskPath(task.taskKey)}/claim`, undefined, inboxTaskSchema);
      return api.send('POST', `${taskPath(task.taskKey)}/decision`, input, applicationViewSchema);
    },
    onSuccess: (view) => queryClient.setQueryData(inboxKeys.caseFile(view.id), view),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: inboxKeys.all });
      if (task.applicationId) void queryClient.invalidateQueries({ queryKey: inboxKeys.caseFile(task.applicationId) });
    },
  });
}
