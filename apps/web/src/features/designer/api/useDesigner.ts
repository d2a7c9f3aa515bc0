import {
  bundleImportResultSchema, elementTemplateViewSchema, processBundleSchema, designerItemSummarySchema, designResourceDraftSchema, designResourceSummarySchema, draftRevisionSchema, draftRevisionSummarySchema, processDraftViewSchema, processVersionsSchema, testRunViewSchema,
} from '@gov/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { useApiClient } from '../../../shared/api/ApiClientContext';

const item = (code: string) => `/api/designer/items/${encodeURIComponent(code)}`;

export function useDesignerItems() {
  const api = useApiClient();
  return useQuery({ queryKey: ['designer', 'items'], queryFn: ({ signal }) => api.get('/api/designer/items', z.array(designerItemSummarySchema), { signal }) });
}

export function useDraft(code: string) {
  const api = useApiClient();
  // The editor owns the model once loaded: no refetch on focus would replace unsaved work.
  return useQuery({ queryKey: ['designer', 'draft', code], queryFn: ({ signal }) => api.get(`${item(code)}/draft`, processDraftViewSchema, { signal }), refetchOnWindowFocus: false, staleTime: Infinity });
}

export function useRevisions(code: string) {
  const api = useApiClient();
  return useQuery({ queryKey: ['designer', 'revisions', code], queryFn: ({ signal }) => api.get(`${item(code)}/draft/revisions`, z.array(draftRevisionSummarySchema), { signal }) });
}

export function useVersions(code: string) {
  const api = useApiClient();
  return useQuery({ queryKey: ['designer', 'versions', code], queryFn: ({ signal }) => api.get(`${item(code)}/versions`, processVersionsSchema, { signal }) });
}

export function useSaveDraft(code: string) {
  const api = useApiClient();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { xml: string; baseRevision: number }) => api.send('PUT', `${item(code)}/draft`, body, processDraftViewSchema),
    onSuccess: async (saved) => {
      client.setQueryData(['designer', 'draft', code], saved);
      await Promise.all([client.invalidateQueries({ queryKey: ['designer', 'revisions', code] }), client.invalidateQueries({ queryKey: ['designer', 'resources', code] })]);
    },
  });
}

export function useDeploy(code: string) {
  const api = useApiClient();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (revision: number) => api.send('POST', `${item(code)}/deployments`, { revision }, processVersionsSchema),
    onSuccess: (versions) => {
      client.setQueryData(['designer', 'versions', code], versions);
      return Promise.all([client.invalidateQueries({ queryKey: ['designer', 'items'] }), client.invalidateQueries({ queryKey: ['designer', 'resources', code] })]);
    },
  });
}

export function useStartTestRun(code: string) {
  const api = useApiClient();
  return useMutation({
    mutationFn: (body: { revision: number; variables: Record<string, unknown> }) => api.send('POST', `${item(code)}/test-runs`, body, testRunViewSchema),
  });
}

/** A running test run, followed every second until it ends. */
export function useTestRun(key: string | null) {
  const api = useApiClient();
  return useQuery({
    queryKey: ['designer', 'test-run', key],
    queryFn: ({ signal }) => api.get(`/api/designer/test-runs/${key ?? ''}`, testRunViewSchema, { signal }),
    enabled: key !== null,
    refetchInterval: (query) => (query.state.data?.state === 'ACTIVE' || !query.state.data ? 1000 : false),
  });
}

export function useCompleteInRun(key: string | null) {
  const api = useApiClient();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, itemKey, variables }: { kind: 'user-tasks' | 'jobs'; itemKey: string; variables: Record<string, unknown> }) =>
      api.send('POST', `/api/designer/test-runs/${key ?? ''}/${kind}/${itemKey}/completion`, { variables }, testRunViewSchema),
    onSuccess: (view) => client.setQueryData(['designer', 'test-run', key], view),
  });
}

export function useRevision(code: string, revision: number | null) {
  const api = useApiClient();
  return useQuery({
    queryKey: ['designer', 'revision', code, revision],
    queryFn: ({ signal }) => api.get(`${item(code)}/draft/revisions/${revision ?? 0}`, draftRevisionSchema, { signal }),
    enabled: revision !== null,
    staleTime: Infinity, // a saved revision never changes
  });
}

// ---- forms (form-js) and decisions (DMN) ----

export type ResourcePath = 'forms' | 'decisions';
const resource = (code: string, kind: ResourcePath, id: string) => `${item(code)}/${kind}/${encodeURIComponent(id)}/draft`;

export function useDesignResources(code: string) {
  const api = useApiClient();
  return useQuery({ queryKey: ['designer', 'resources', code], queryFn: ({ signal }) => api.get(`${item(code)}/resources`, z.array(designResourceSummarySchema), { signal }) });
}

export function useResourceDraft(code: string, kind: ResourcePath, id: string) {
  const api = useApiClient();
  const client = useQueryClient();
  return useQuery({
    queryKey: ['designer', kind, code, id],
    queryFn: async ({ signal }) => {
      const draft = await api.get(resource(code, kind, id), designResourceDraftSchema, { signal });
      await client.invalidateQueries({ queryKey: ['designer', 'resources', code] }); // opening a new one creates its draft
      return draft;
    },
    refetchOnWindowFocus: false, staleTime: Infinity,
  });
}

export function useSaveResource(code: string, kind: ResourcePath, id: string) {
  const api = useApiClient();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { content: string; baseRevision: number }) => api.send('PUT', resource(code, kind, id), body, designResourceDraftSchema),
    onSuccess: async (saved) => {
      client.setQueryData(['designer', kind, code, id], saved);
      await client.invalidateQueries({ queryKey: ['designer', 'resources', code] });
    },
  });
}

// ---- export / import of the processes/<code>/ files ----

export function useExportBundle(code: string) {
  const api = useApiClient();
  return useMutation({ mutationFn: (from: 'draft' | 'deployed') => api.get(`${item(code)}/bundle?from=${from}`, processBundleSchema) });
}

export function useImportBundle(code: string) {
  const api = useApiClient();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (files: Record<string, string>) => api.send('POST', `${item(code)}/bundle`, { files }, bundleImportResultSchema),
    // Every draft of the item may have a new revision: the editors load them afresh.
    onSuccess: () => client.invalidateQueries({ queryKey: ['designer'] }),
  });
}

/** The element templates for the chooser: the repository's merged with those admins added. */
export function useElementTemplates() {
  const api = useApiClient();
  return useQuery({ queryKey: ['designer', 'element-templates'], queryFn: ({ signal }) => api.get('/api/designer/element-templates', z.array(elementTemplateViewSchema), { signal }), staleTime: 60_000 });
}
