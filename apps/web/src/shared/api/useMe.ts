import { type Me, meSchema } from '@gov/contracts';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { useAuth } from '../auth/useAuth';
import { useApiClient } from './ApiClientContext';

export const meQueryKey = (subject: string | undefined) => ['me', subject ?? 'anonymous'] as const;

/**
 * GET /api/me: who the caller is as the server sees it (roles, departments, the areas they
 * may use). Only fetched when logged in; for anonymous users the query stays pending and idle.
 */
export function useMe(): UseQueryResult<Me> {
  const api = useApiClient();
  const { session, authenticated } = useAuth();
  return useQuery({
    queryKey: meQueryKey(session.subject()),
    queryFn: ({ signal }) => api.get('/api/me', meSchema, { signal }),
    enabled: authenticated,
    staleTime: 5 * 60_000,
  });
}
