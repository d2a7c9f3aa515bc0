
/** Saves a file that needs the bearer token (receipts, materials). */
export { useSaveBlob as useDownload } from '../../../shared/api/saveBlob';

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Date and time in the page's language, e.g. 2025/5/1 14:05. */
export function formatDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDate(iso: string, language: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso; // calendar dates stay as the statutory clock counts them
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(language);
}

/** A department as the applicant reads it: the group path /沈阳市/公安局 becomes 沈阳市公安局. */
export function departmentName(department: string): string {
  return department.startsWith('/') ? department.split('/').filter(Boolean).join('') : department;
}
