import {
  applicationViewSchema, type CounterApplicationInput, counterCasePageSchema, type CounterCaseQuery, counterPersonSchema, type HandBackInput, itemPageSchema,
} from '@gov/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../shared/api/ApiClientContext';
import { applicationKeys, storeView } from '../portal/applications/useApplications';

export const counterKeys = {
  cases: (query: CounterCaseQuery) => ['counter-cases', query] as const,
  person: (idNumber: string) => ['counter-person', idNumber] as const,
};

/** Every published item; the server says when this window may not accept one. */
export function useCounterItems() {
  const api = useApiClient();
  return useQuery({
    queryKey: ['counter-items'],
    queryFn: ({ signal }) => api.get('/api/public/catalogue/items?pageSize=100', itemPageSchema, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** What the platform knows of the citizen at the window (only once the ID number is valid). */
export function useCounterPerson(idNumber: string | null) {
  const api = useApiClient();
  return useQuery({
    queryKey: counterKeys.person(idNumber ?? ''),
    queryFn: ({ signal }) => api.get(`/api/counter/people/${encodeURIComponent(idNumber ?? '')}`, counterPersonSchema, { signal }),
    enabled: idNumber !== null,
    retry: false,
  });
}

export function useStartCounterApplication() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CounterApplicationInput) => api.send('POST', '/api/counter/applications', input, applicationViewSchema),
    onSuccess: (view) => {
      storeView(queryClient, view);
      void queryClient.invalidateQueries({ queryKey: ['counter-cases'] });
    },
  });
}

/** The centre's cases; refreshed every 15 s so results waiting for hand-back show up. */
export function useCounterCases(query: CounterCaseQuery) {
  const api = useApiClient();
  const params = new URLSearchParams({ page: String(query.page), pageSize: String(query.pageSize), ...(query.status ? { status: query.status } : {}) });
  return useQuery({
    queryKey: counterKeys.cases(query),
    queryFn: ({ signal }) => api.get(`/api/counter/cases?${params.toString()}`, counterCasePageSchema, { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
}

export function useHandBack() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ taskKey, input }: { taskKey: string; input: HandBackInput }) =>
      api.send('POST', `/api/inbox/tasks/${encodeURIComponent(taskKey)}/hand-back`, input, applicationViewSchema),
    onSuccess: (view) => {
      queryClient.setQueryData(applicationKeys.one(view.id), view);
      void queryClient.invalidateQueries({ queryKey: ['counter-cases'] });
    },
  });
}
