import {
  type CatalogueExport, catalogueExportSchema, importResultSchema, itemHistorySchema, itemPageSchema, itemRevisionSchema, managedItemSchema,
  type ServiceItemInput,
} from '@gov/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../../shared/api/ApiClientContext';
import { type CatalogueFilters, catalogueQueryString } from '../../../shared/catalogue/usePublicCatalogue';

const path = (code: string) => `/api/catalogue/items/${encodeURIComponent(code)}`;

export function useManagedItems(filters: CatalogueFilters) {
  const api = useApiClient();
  return useQuery({
    queryKey: ['catalogue-admin', 'list', filters],
    queryFn: ({ signal }) => api.get(`/api/catalogue/items?${catalogueQueryString(filters, 20)}`, itemPageSchema, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useManagedItem(code: string | null) {
  const api = useApiClient();
  return useQuery({
    queryKey: ['catalogue-admin', 'item', code],
    queryFn: ({ signal }) => api.get(path(code ?? ''), managedItemSchema, { signal }),
    enabled: code !== null,
  });
}

export function useItemHistory(code: string) {
  const api = useApiClient();
  return useQuery({ queryKey: ['catalogue-admin', 'history', code], queryFn: ({ signal }) => api.get(`${path(code)}/versions`, itemHistorySchema, { signal }) });
}

export function useItemRevision(code: string, revision: number | null) {
  const api = useApiClient();
  return useQuery({
    queryKey: ['catalogue-admin', 'revision', code, revision],
    queryFn: ({ signal }) => api.get(`${path(code)}/versions/${revision ?? 0}`, itemRevisionSchema, { signal }),
    enabled: revision !== null,
  });
}

/** Every change to the catalogue refreshes the admin's views and the public ones. */
function useInvalidate() {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries({ queryKey: ['catalogue-admin'] }), client.invalidateQueries({ queryKey: ['public-catalogue'] }), client.invalidateQueries({ queryKey: ['public-catalogue-item'] })]);
}

export function useSaveItem() {
  const api = useApiClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ item, baseRevision }: { item: ServiceItemInput; baseRevision: number | null }) =>
      baseRevision === null ? api.send('POST', '/api/catalogue/items', item, managedItemSchema) : api.send('PUT', path(item.code), { item, baseRevision }, managedItemSchema),
    onSuccess: invalidate,
  });
}

export function useItemTransition() {
  const api = useApiClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ code, action }: { code: string; action: 'publish' | 'retire' }) => api.send('POST', `${path(code)}/${action}`, undefined, managedItemSchema),
    onSuccess: invalidate,
  });
}

export function useImportCatalogue() {
  const api = useApiClient();
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: unknown) => api.send('POST', '/api/catalogue/import', body, importResultSchema), onSuccess: invalidate });
}

export function useExportCatalogue() {
  const api = useApiClient();
  return useMutation({ mutationFn: (): Promise<CatalogueExport> => api.get('/api/catalogue/export', catalogueExportSchema) });
}
