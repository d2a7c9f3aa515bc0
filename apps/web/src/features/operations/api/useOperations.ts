import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { useApiClient } from '../../../shared/api/ApiClientContext';
import { queryString } from '../operationsFormat';
import { type CasePage, casePageSchema, connectionSchema, departmentHealthSchema, exchangePageSchema, incidentSchema } from './schemas';

const operationsKey = ['operations'] as const;
/** Incidents and health change without anyone in the console doing anything: look again every 10 s. */
const LIVE_MS = 10_000;

export function useIncidents() {
  const api = useApiClient();
  return useQuery({
    queryKey: [...operationsKey, 'incidents'],
    queryFn: ({ signal }) => api.get('/api/operations/incidents', z.array(incidentSchema), { signal }),
    refetchInterval: LIVE_MS,
  });
}

export function useDepartmentHealth() {
  const api = useApiClient();
  return useQuery({
    queryKey: [...operationsKey, 'health'],
    queryFn: ({ signal }) => api.get('/api/operations/departments/health', z.array(departmentHealthSchema), { signal }),
    refetchInterval: LIVE_MS,
  });
}

export interface ExchangeFilters {
  department?: string | undefined;
  outcome?: string | undefined;
  caseNumber?: string | undefined;
  limit: number;
}

export function useExchanges(filters: ExchangeFilters) {
  const api = useApiClient();
  return useQuery({
    queryKey: [...operationsKey, 'exchanges', filters],
    queryFn: ({ signal }) => api.get(`/api/integrations/exchanges${queryString({ ...filters })}`, exchangePageSchema, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useConnections() {
  const api = useApiClient();
  return useQuery({
    queryKey: [...operationsKey, 'connections'],
    queryFn: ({ signal }) => api.get('/api/integrations/connections', z.array(connectionSchema), { signal }),
  });
}

function useInvalidateOperations() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: operationsKey });
}

export function useRetryIncident() {
  const api = useApiClient();
  const invalidate = useInvalidateOperations();
  return useMutation({
    mutationFn: ({ incidentKey, retries, variables }: { incidentKey: string; retries: number; variables: Record<string, unknown> | undefined }) =>
      api.send('POST', `/api/operations/incidents/${encodeURIComponent(incidentKey)}/retry`, { retries, ...(variables ? { variables } : {}) }, z.object({ resolved: z.literal(true) })),
    onSuccess: invalidate,
  });
}

export function useCancelCase() {
  const api = useApiClient();
  const invalidate = useInvalidateOperations();
  return useMutation({
    mutationFn: ({ processInstanceKey, reason }: { processInstanceKey: string; reason: string }) =>
      api.send('POST', `/api/operations/cases/${encodeURIComponent(processInstanceKey)}/cancel`, { reason }, z.object({ cancelled: z.literal(true), reason: z.string() })),
    onSuccess: invalidate,
  });
}

/** The body of PUT /api/integrations/connections/{department} (deptConnectionInputSchema); secrets are sent every time. */
export interface ConnectionInput {
  name: string;
  baseUrl: string;
  auth: { kind: 'api-key'; apiKey: string } | { kind: 'oauth2-client-credentials'; tokenUrl: string; clientId: string; clientSecret: string };
  callbackSecret: string;
  jobTypes: string[];
  timeoutMs: number;
  rateLimitPerMinute: number;
  enabled: boolean;
}

export function useSaveConnection() {
  const api = useApiClient();
  const invalidate = useInvalidateOperations();
  return useMutation({
    mutationFn: ({ department, input }: { department: string; input: ConnectionInput }) =>
      api.send('PUT', `/api/integrations/connections/${encodeURIComponent(department)}`, input, connectionSchema),
    onSuccess: invalidate,
  });
}

export interface CaseFilters {
  caseNumber?: string | undefined;
  idNumber?: string | undefined;
  itemCode?: string | undefined;
  department?: string | undefined;
  status?: string | undefined;
  submittedFrom?: string | undefined;
  submittedTo?: string | undefined;
}

export const CASE_PAGE_SIZE = 20;

export function useCaseLibrary(filters: CaseFilters, page: number) {
  const api = useApiClient();
  return useQuery({
    queryKey: ['case-library', filters, page],
    queryFn: ({ signal }): Promise<CasePage> => api.get(`/api/cases${queryString({ ...filters, page, pageSize: CASE_PAGE_SIZE })}`, casePageSchema, { signal }),
    placeholderData: keepPreviousData,
  });
}
