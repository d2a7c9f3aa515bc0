import {
  type ApplicationStatus,
  type ApplicationView,
  applicationPageSchema,
  applicationViewSchema,
  libraryFileSchema,
  materialFileSchema,
  type RatingInput,
} from '@gov/contracts';
import { keepPreviousData, type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { useApiClient } from '../../../shared/api/ApiClientContext';
import { notificationsKey } from '../../../shared/notifications/useNotifications';
import { formJsSchema } from '../../../shared/forms/formSchema';

export const applicationKeys = {
  all: ['applications'] as const,
  list: (filter: ApplicationListFilter) => ['applications', 'list', filter] as const,
  one: (id: string) => ['applications', 'one', id] as const,
  library: ['material-library'] as const,
  /** Not under `all`: saving the application does not change its form. */
  form: (id: string) => ['application-form', id] as const,
};

export interface ApplicationListFilter {
  status?: ApplicationStatus;
  /** Only rated cases ("my ratings"). */
  rated?: boolean;
  page: number;
  pageSize: number;
}

const path = (id: string) => `/api/applications/${encodeURIComponent(id)}`;

/**
 * Puts a fresh view of an application into the cache, unless the cache already holds a newer
 * version (answers to autosave and material changes may arrive out of order).
 */
export function storeView(queryClient: QueryClient, view: ApplicationView): void {
  queryClient.setQueryData<ApplicationView>(applicationKeys.one(view.id), (cached) => (cached && cached.version > view.version ? cached : view));
}

/** The application's form-js schema: a case's as it was submitted, a draft's as the item serves it now. */
export function useApplicationForm(id: string, enabled: boolean) {
  const api = useApiClient();
  return useQuery({
    queryKey: applicationKeys.form(id),
    queryFn: ({ signal }) => api.get(`${path(id)}/form`, formJsSchema, { signal }),
    enabled,
    staleTime: 10 * 60_000,
  });
}

export function applicationListQuery(filter: ApplicationListFilter): string {
  const params = new URLSearchParams({ page: String(filter.page), pageSize: String(filter.pageSize) });
  if (filter.status) params.set('status', filter.status);
  if (filter.rated) params.set('rated', 'true');
  return params.toString();
}

/** The caller's own applications, newest first. */
export function useMyApplications(filter: ApplicationListFilter, enabled = true) {
  const api = useApiClient();
  return useQuery({
    queryKey: applicationKeys.list(filter),
    queryFn: ({ signal }) => api.get(`/api/applications?${applicationListQuery(filter)}`, applicationPageSchema, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One application; refreshed while it waits for a department, so progress shows without reloading. */
export function useApplication(id: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: applicationKeys.one(id),
    queryFn: ({ signal }) => api.get(path(id), applicationViewSchema, { signal }),
    refetchInterval: (query) => (query.state.data && (query.state.data.status === 'submitted' || query.state.data.status === 'in-review') ? 15_000 : false),
    retry: false,
  });
}

export function useCreateApplication() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (itemCode: string) => api.send('POST', '/api/applications', { itemCode }, applicationViewSchema),
    onSuccess: (view) => {
      storeView(queryClient, view);
      void queryClient.invalidateQueries({ queryKey: ['applications', 'list'] });
    },
  });
}

/** PUT the form data (autosave); `version` guards against overwriting newer work (409). */
export function useSaveForm(id: string) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return async (formData: Record<string, unknown>): Promise<void> => {
    const version = queryClient.getQueryData<ApplicationView>(applicationKeys.one(id))?.version;
    const view = await api.send('PUT', `${path(id)}/form`, { formData, version }, applicationViewSchema);
    storeView(queryClient, view);
  };
}

/** `/api/files`, or at a counter the citizen's library of the counter application `forApplication`. */
const filesPath = (forApplication: string | undefined) => (forApplication ? `/api/files?applicationId=${encodeURIComponent(forApplication)}` : '/api/files');

export function useUploadFile(forApplication?: string) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: Blob & { name?: string }) => {
      const body = new FormData();
      body.append('file', file, file.name ?? 'file');
      return api.upload(filesPath(forApplication), body, materialFileSchema);
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: applicationKeys.library }),
  });
}

export function useAttachMaterial(id: string) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ materialId, fileIds }: { materialId: string; fileIds: string[] }) =>
      api.send('PUT', `${path(id)}/materials/${encodeURIComponent(materialId)}`, { fileIds }, applicationViewSchema),
    onSuccess: (view) => {
      storeView(queryClient, view);
      void queryClient.invalidateQueries({ queryKey: applicationKeys.library });
    },
  });
}

/** My material library (a clerk at a counter: the citizen's): every file uploaded, with where it was used. */
export function useMaterialLibrary(enabled = true, forApplication?: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [...applicationKeys.library, forApplication ?? 'mine'],
    queryFn: ({ signal }) => api.get(filesPath(forApplication), z.array(libraryFileSchema), { signal }),
    enabled,
  });
}

/** Submit or resubmit with the attempt's Idempotency-Key. */
export function useSubmitApplication(id: string) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, idempotencyKey }: { kind: 'submit' | 'resubmit'; idempotencyKey: string }) =>
      api.send('POST', `${path(id)}/${kind}`, undefined, applicationViewSchema, { headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: (view) => {
      queryClient.setQueryData(applicationKeys.one(view.id), view);
      void queryClient.invalidateQueries({ queryKey: ['applications', 'list'] });
      void queryClient.invalidateQueries({ queryKey: notificationsKey });
    },
  });
}

export function useWithdrawApplication(id: string) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => api.send('POST', `${path(id)}/withdraw`, { reason }, applicationViewSchema),
    onSuccess: (view) => {
      queryClient.setQueryData(applicationKeys.one(view.id), view);
      void queryClient.invalidateQueries({ queryKey: ['applications', 'list'] });
    },
  });
}

export function useRateApplication(id: string) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rating: RatingInput) => api.send('POST', `${path(id)}/rating`, rating, applicationViewSchema),
    onSuccess: (view) => {
      queryClient.setQueryData(applicationKeys.one(view.id), view);
      void queryClient.invalidateQueries({ queryKey: ['applications', 'list'] });
    },
  });
}

/** The receipt's API path (a PDF; fetched with the bearer token). */
export const receiptPath = (id: string) => `${path(id)}/receipt.pdf`;
/** The one-time notice of an on-the-spot pre-review (a PDF to print at the counter). */
export const precheckNoticePath = (id: string) => `${path(id)}/precheck-notice.pdf`;
export const fileContentPath = (fileId: string) => `/api/files/${encodeURIComponent(fileId)}/content`;
