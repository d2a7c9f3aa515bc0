import { notificationSchema } from '@gov/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { useApiClient } from '../api/ApiClientContext';

export const notificationListSchema = z.object({ items: z.array(notificationSchema), unread: z.number().int() });
export const notificationsKey = ['notifications'] as const;

/**
 * The citizen's notifications (case progress, correction notices, results). Used by the header
 * bell on every page, so it lives outside the portal area; refreshed every minute.
 */
export function useNotifications(enabled: boolean) {
  const api = useApiClient();
  return useQuery({
    queryKey: notificationsKey,
    queryFn: ({ signal }) => api.get('/api/notifications', notificationListSchema, { signal }),
    enabled,
    refetchInterval: 60_000,
    staleTime: 20_000,
  });
}

export function useMarkNotificationRead() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.send('POST', `/api/notifications/${encodeURIComponent(id)}/read`, undefined, z.unknown()),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}
