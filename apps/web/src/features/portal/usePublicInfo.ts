import { type PublicInfoKind, publicInfoListSchema } from '@gov/contracts';
import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../shared/api/ApiClientContext';

/** Published public information of one kind, newest first. */
export function usePublicInfo(kind: PublicInfoKind) {
  const api = useApiClient();
  return useQuery({
    queryKey: ['public-info', kind],
    queryFn: ({ signal }) => api.get(`/api/public/info?kind=${encodeURIComponent(kind)}`, publicInfoListSchema, { signal }),
    staleTime: 60_000,
  });
}
