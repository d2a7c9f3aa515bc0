import { useApiClient } from './ApiClientContext';

/**
 * Downloads a file that needs the bearer token (a receipt, a material, an export): fetched as a
 * blob and saved through a temporary link, since a plain <a href> would carry no token.
 */
export function useSaveBlob(): (path: string, fileName: string) => Promise<void> {
  const api = useApiClient();
  return async (path, fileName) => {
    const blob = await api.blob(path);
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
}
