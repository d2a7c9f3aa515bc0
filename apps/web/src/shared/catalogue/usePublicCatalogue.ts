import { dueDateSchema, type ItemPage, itemPageSchema, publicFacetsSchema, publicItemSchema } from '@gov/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApiClient } from '../api/ApiClientContext';

export interface CatalogueFilters {
  q?: string;
  level?: string;
  department?: string;
  theme?: string;
  audience?: string;
  online?: string;
  status?: string;
  page: number;
}

export function catalogueQueryString(filters: CatalogueFilters, pageSize = 10): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  params.set('pageSize', String(pageSize));
  return params.toString();
}

export function usePublicItems(filters: CatalogueFilters) {
  const api = useApiClient();
  return useQuery<ItemPage>({
    queryKey: ['public-catalogue', filters],
    queryFn: ({ signal }) => api.get(`/api/public/catalogue/items?${catalogueQueryString(filters)}`, itemPageSchema, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function usePublicFacets() {
  const api = useApiClient();
  return useQuery({ queryKey: ['public-catalogue-facets'], queryFn: ({ signal }) => api.get('/api/public/catalogue/facets', publicFacetsSchema, { signal }), staleTime: 60_000 });
}

export function usePublicItem(code: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: ['public-catalogue-item', code],
    queryFn: ({ signal }) => api.get(`/api/public/catalogue/items/${encodeURIComponent(code)}`, publicItemSchema, { signal }),
    retry: false,
  });
}

/** Today's date in China (UTC+8, no daylight saving), as the statutory clock counts it. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The last day of a limit of `days` working days if the application were accepted today. */
export function useDueDate(days: number | undefined) {
  const api = useApiClient();
  const start = chinaToday();
  return useQuery({
    queryKey: ['due-date', start, days],
    queryFn: ({ signal }) => api.get(`/api/public/calendar/due-date?start=${start}&days=${days ?? 0}`, dueDateSchema, { signal }),
    enabled: days !== undefined && days > 0,
    staleTime: 60 * 60_000,
  });
}
