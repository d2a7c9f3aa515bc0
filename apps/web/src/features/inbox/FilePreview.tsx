import type { MaterialFile } from '@gov/contracts';
import { Alert, Button, Modal, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiClient } from '../../shared/api/ApiClientContext';
import { useSaveBlob } from '../../shared/api/saveBlob';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';

export const fileContentPath = (fileId: string) => `/api/files/${encodeURIComponent(fileId)}/content`;

/** Files the browser shows by itself; OFD needs a reader of its own and is downloaded instead. */
export const previewable = (file: Pick<MaterialFile, 'mediaType'>) => file.mediaType === 'application/pdf' || file.mediaType.startsWith('image/');

/**
 * An uploaded material in a dialog. Files need the bearer token, so the content is fetched as a
 * blob and shown through an object URL (also offered to open in a new tab), revoked on close.
 */
export function FilePreview({ file, onClose }: { file: MaterialFile; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApiClient();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    let objectUrl: string | null = null;
    api.blob(fileContentPath(file.id), { signal: controller.signal }).then(
      (blob) => {
        // The server checked the type by content; the blob keeps it so the browser renders it.
        objectUrl = URL.createObjectURL(blob.type ? blob : new Blob([blob], { type: file.mediaType }));
        setUrl(objectUrl);
      },
      (cause: unknown) => {
        if (!controller.signal.aborted) setError(cause instanceof Error ? cause : new Error(String(cause)));
      },
    );
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [api, file.id, file.mediaType]);

  return (
    <Modal
      open
      onCancel={onClose}
      width={960}
      title={t('inbox.caseFile.previewTitle', { name: file.name })}
      closable={{ 'aria-label': t('inbox.caseFile.close') }}
      footer={
        <Space>
          {url && (
            <a href={url} target="_blank" rel="noopener noreferrer" data-testid="file-preview-open-tab">
              {t('inbox.caseFile.openInTab')}
            </a>
          )}
          <Button onClick={onClose}>{t('inbox.caseFile.close')}</Button>
        </Space>
      }
    >
      <div data-testid="file-preview" data-file-id={file.id} data-state={error ? 'failed' : url ? 'ready' : 'loading'}>
        {!url && !error && <Spin />}
        {error && (
          <>
            <Alert type="error" showIcon title={t('inbox.caseFile.previewFailed')} style={{ marginBottom: 8 }} />
            <ErrorAlert error={error} />
          </>
        )}
        {url && file.mediaType === 'application/pdf' && <iframe className="inbox-preview-frame" src={url} title={t('inbox.caseFile.previewFrame', { name: file.name })} />}
        {url && file.mediaType.startsWith('image/') && <img className="inbox-preview-image" src={url} alt={file.name} />}
      </div>
    </Modal>
  );
}

/** Saves a protected file through a temporary link (a plain <a href> would carry no token). */
export function useSaveFile(): (file: MaterialFile) => Promise<void> {
  const save = useSaveBlob();
  return (file) => save(fileContentPath(file.id), file.name);
}
