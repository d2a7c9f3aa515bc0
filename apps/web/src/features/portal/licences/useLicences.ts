import { type ApplicationView, applicationViewSchema, autofillConsentSchema, dataUseSchema, eLicenceSchema, licenceOfferSchema, shareLinkSchema, verificationSchema } from '@gov/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { useApiClient } from '../../../shared/api/ApiClientContext';
import { applicationKeys, storeView } from '../applications/useApplications';

export const licenceKeys = {
  wallet: ['licences', 'wallet'] as const,
  ledger: ['licences', 'ledger'] as const,
  offers: (applicationId: string) => ['licences', 'offers', applicationId] as const,
  autofill: ['licences', 'autofill'] as const,
  verify: (licenceNo: string, share: string | null) => ['licences', 'verify', licenceNo, share] as const,
};

export const licencePdfPath = (licenceNo: string) => `/api/licences/${encodeURIComponent(licenceNo)}/pdf`;

/** 我的证照: my e-licences and my company's. */
export function useWallet() {
  const api = useApiClient();
  return useQuery({ queryKey: licenceKeys.wallet, queryFn: ({ signal }) => api.get('/api/licences', z.array(eLicenceSchema), { signal }) });
}

/** 数据使用记录: every use of my licences and materials. */
export function useLedger() {
  const api = useApiClient();
  return useQuery({ queryKey: licenceKeys.ledger, queryFn: ({ signal }) => api.get('/api/licences/ledger', z.array(dataUseSchema), { signal }) });
}

export function useShareLink() {
  const api = useApiClient();
  return useMutation({
    mutationFn: ({ licenceNo, hours }: { licenceNo: string; hours: number }) => api.send('POST', `/api/licences/${encodeURIComponent(licenceNo)}/share`, { hours }, shareLinkSchema),
  });
}

/** Which of my e-licences can fill which material of a draft. */
export function useLicenceOffers(applicationId: string, enabled: boolean) {
  const api = useApiClient();
  return useQuery({
    queryKey: licenceKeys.offers(applicationId),
    queryFn: ({ signal }) => api.get(`/api/applications/${encodeURIComponent(applicationId)}/licence-offers`, z.array(licenceOfferSchema), { signal }),
    enabled,
  });
}

/** Fills a material with an e-licence from the wallet (verified by the server, written to the ledger). */
export function useUseLicence(applicationId: string) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ materialId, licenceNo }: { materialId: string; licenceNo: string }): Promise<ApplicationView> =>
      api.send('PUT', `/api/applications/${encodeURIComponent(applicationId)}/materials/${encodeURIComponent(materialId)}/licence`, { licenceNo }, applicationViewSchema),
    onSuccess: (view) => {
      storeView(queryClient, view);
      void queryClient.invalidateQueries({ queryKey: applicationKeys.library });
      void queryClient.invalidateQueries({ queryKey: licenceKeys.ledger });
    },
  });
}

/** Public: the library's answer for a licence number (and a share token, when the link has one). */
export function useVerification(licenceNo: string, share: string | null) {
  const api = useApiClient();
  return useQuery({
    queryKey: licenceKeys.verify(licenceNo, share),
    queryFn: ({ signal }) => api.get(`/api/verify/${encodeURIComponent(licenceNo)}${share ? `?share=${encodeURIComponent(share)}` : ''}`, verificationSchema, { signal }),
    enabled: licenceNo !== '',
    retry: false,
  });
}

/** Public: checks a PDF someone was given. */
export function useVerifyDocument() {
  const api = useApiClient();
  return useMutation({
    mutationFn: (file: Blob & { name?: string }) => {
      const body = new FormData();
      body.append('file', file, file.name ?? 'licence.pdf');
      return api.upload('/api/verify/document', body, verificationSchema);
    },
  });
}

/** My standing consent to fill new applications from the wallet. */
export function useAutofill(enabled = true) {
  const api = useApiClient();
  return useQuery({ queryKey: licenceKeys.autofill, queryFn: ({ signal }) => api.get('/api/licences/autofill', autofillConsentSchema, { signal }), enabled });
}

export function useSetAutofill() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (enabled: boolean) => api.send('PUT', '/api/licences/autofill', { enabled }, autofillConsentSchema),
    onSuccess: (consent) => queryClient.setQueryData(licenceKeys.autofill, consent),
  });
}

/** Fills every empty material the wallet can fill (`automatic`: on the standing consent). */
export function useFillFromWallet(applicationId: string) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (automatic: boolean): Promise<ApplicationView> =>
      api.send('POST', `/api/applications/${encodeURIComponent(applicationId)}/licences/fill`, { automatic }, applicationViewSchema),
    onSuccess: (view) => {
      storeView(queryClient, view);
      void queryClient.invalidateQueries({ queryKey: licenceKeys.ledger });
    },
  });
}
