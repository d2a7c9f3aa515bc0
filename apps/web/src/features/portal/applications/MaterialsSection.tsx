import { DeleteOutlined, DownloadOutlined, FolderOpenOutlined, SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import type { ApplicationMaterial, ApplicationView, LicenceOffer, MaterialFile } from '@gov/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Empty, Modal, Space, Tag, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api/ApiError';
import { ELicenceMark } from '../../../shared/ui/ELicenceMark';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { useAutofill, useFillFromWallet, useLicenceOffers, useUseLicence } from '../licences/useLicences';
import { applicationKeys, fileContentPath, useAttachMaterial, useMaterialLibrary, useUploadFile } from './useApplications';
import { formatDateTime, formatSize, useDownload } from './useDownload';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.ofd,application/pdf,image/jpeg,image/png,application/ofd';

/**
 * The item's required materials and what the applicant gave for each: upload (to the library,
 * then attached), reuse from the library, remove. `problems` (from a refused submit) and
 * `corrections` (from a correction notice) are shown at the material and highlight it.
 */
export function MaterialsSection({
  view,
  editable,
  problems = {},
  corrections = {},
}: {
  view: ApplicationView;
  editable: boolean;
  problems?: Record<string, readonly string[]>;
  corrections?: Record<string, readonly string[]>;
}) {
  const { t } = useTranslation();
  // E-licences from the wallet that can stand for a material (R22: generate once, reuse many times).
  const offers = useLicenceOffers(view.id, editable);
  const autofill = useAutofill(editable);
  const fill = useFillFromWallet(view.id);
  const filledOnce = useRef(false);
  // On the holder's standing consent, empty materials an e-licence can replace are filled once, on opening.
  const unfilled = (offers.data ?? []).filter((o) => view.materials.find((m) => m.materialId === o.materialId)?.files.length === 0);
  const shouldFill = editable && autofill.data?.enabled === true && unfilled.length > 0;
  useEffect(() => {
    if (!shouldFill || filledOnce.current) return;
    filledOnce.current = true;
    fill.mutate(true);
  }, [shouldFill, fill]);
  return (
    <div data-testid="materials">
      {fill.isSuccess && (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('licences.autofilled')} data-testid="licence-autofilled" />
      )}
      {fill.isError && <ErrorAlert error={fill.error} />}
      {view.materials.map((material) => (
        <MaterialItem
          key={material.materialId}
          applicationId={view.id}
          atCounter={Boolean(view.counter)}
          material={material}
          offers={(offers.data ?? []).filter((o) => o.materialId === material.materialId)}
          editable={editable}
          problems={problems[material.materialId] ?? []}
          corrections={corrections[material.materialId] ?? []}
        />
      ))}
    </div>
  );
}

function MaterialItem({
  applicationId,
  atCounter,
  material,
  offers,
  editable,
  problems,
  corrections,
}: {
  applicationId: string;
  /** A clerk scans into (and picks from) the citizen's library. */
  atCounter: boolean;
  material: ApplicationMaterial;
  offers: readonly LicenceOffer[];
  editable: boolean;
  problems: readonly string[];
  corrections: readonly string[];
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const upload = useUploadFile(atCounter ? applicationId : undefined);
  const attach = useAttachMaterial(applicationId);
  const fillFromLicence = useUseLicence(applicationId);
  const download = useDownload();
  const [uploadError, setUploadError] = useState<{ name: string; error: Error } | null>(null);
  const [picking, setPicking] = useState(false);
  const headingId = `material-${material.materialId}-name`;
  const needsWork = problems.length > 0 || corrections.length > 0;

  /** The files attached right now (the cache may be newer than this render). */
  const currentIds = () =>
    queryClient.getQueryData<ApplicationView>(applicationKeys.one(applicationId))?.materials.find((m) => m.materialId === material.materialId)?.files.map((f) => f.id) ??
    material.files.map((f) => f.id);

  const uploadFile = async (file: Blob & { name?: string }) => {
    setUploadError(null);
    try {
      const uploaded = await upload.mutateAsync(file);
      await attach.mutateAsync({ materialId: material.materialId, fileIds: [...currentIds(), uploaded.id] });
    } catch (error) {
      setUploadError({ name: file.name ?? '', error: error instanceof Error ? error : new Error(String(error)) });
    }
  };

  const remove = (file: MaterialFile) => attach.mutate({ materialId: material.materialId, fileIds: currentIds().filter((id) => id !== file.id) });
  const busy = upload.isPending || attach.isPending || fillFromLicence.isPending;
  const usedLicences = new Set(material.files.flatMap((f) => (f.eLicence ? [f.eLicence.licenceNo] : [])));

  return (
    <section className={`material-item${needsWork ? ' material-needs-work' : ''}`} aria-labelledby={headingId} data-testid={`material-${material.materialId}`} tabIndex={-1} id={`material-${material.materialId}`}>
      <h3 className="material-name" id={headingId}>
        {material.name}
      </h3>
      <Space size={[4, 4]} wrap>
        {material.requirement === 'mandatory' ? <Tag className="tag-app-attention">{t('applications.mandatory')}</Tag> : <Tag className="tag-app-neutral">{t('applications.conditional', { condition: material.condition ?? '' })}</Tag>}
        {material.eLicenceTypes.length > 0 && <Tag className="tag-app-open">{t('applications.eLicence', { types: material.eLicenceTypes.join('、') })}</Tag>}
      </Space>

      {corrections.map((reason) => (
        <Alert key={reason} type="warning" showIcon style={{ marginTop: 8 }} title={t('applications.notice.highlight', { reason })} data-testid={`material-correction-${material.materialId}`} />
      ))}
      {problems.length > 0 && (
        <Alert type="error" showIcon style={{ marginTop: 8 }} data-testid={`material-problem-${material.materialId}`} title={problems.join('；')} />
      )}

      {material.files.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }}>
          {t('applications.noFiles')}
        </Typography.Paragraph>
      ) : (
        <ul className="material-files">
          {material.files.map((file) => (
            <li key={file.id} data-testid={`material-file-${file.id}`}>
              <Button type="link" size="small" icon={<DownloadOutlined aria-hidden />} onClick={() => void download(fileContentPath(file.id), file.name)} aria-label={t('applications.openFile', { name: file.name })}>
                {file.name}
              </Button>
              <Typography.Text type="secondary">
                {formatSize(file.size)} · {formatDateTime(file.uploadedAt, i18n.language)}
              </Typography.Text>
              {file.eLicence && <ELicenceMark licence={file.eLicence} />}
              {editable && (
                <Button size="small" danger icon={<DeleteOutlined aria-hidden />} disabled={busy} onClick={() => remove(file)} aria-label={t('applications.removeFile', { name: file.name })} data-testid={`remove-file-${file.id}`} />
              )}
            </li>
          ))}
        </ul>
      )}

      {uploadError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 8 }}
          data-testid={`upload-error-${material.materialId}`}
          title={t('applications.uploadFailed', { name: uploadError.name })}
          description={uploadError.error instanceof ApiError ? (uploadError.error.detail ?? uploadError.error.title) : uploadError.error.message}
        />
      )}
      {attach.isError && !uploadError && <ErrorAlert error={attach.error} />}
      {fillFromLicence.isError && <ErrorAlert error={fillFromLicence.error} />}

      {editable && (
        <Space wrap>
          <Upload
            accept={ACCEPT}
            showUploadList={false}
            multiple={false}
            disabled={busy}
            customRequest={({ file }) => {
              if (typeof file !== 'string') void uploadFile(file);
            }}
          >
            <Button icon={<UploadOutlined aria-hidden />} loading={busy} data-testid={`upload-${material.materialId}`} aria-describedby={headingId}>
              {busy ? t('applications.uploading') : t('applications.upload')}
            </Button>
          </Upload>
          <Button icon={<FolderOpenOutlined aria-hidden />} onClick={() => setPicking(true)} disabled={busy} data-testid={`pick-${material.materialId}`} aria-describedby={headingId}>
            {t('applications.pickFromLibrary')}
          </Button>
          {offers.filter((offer) => !usedLicences.has(offer.licenceNo)).map((offer) => (
            <Button
              key={offer.licenceNo}
              type="primary"
              ghost
              icon={<SafetyCertificateOutlined aria-hidden />}
              disabled={busy}
              aria-describedby={headingId}
              data-testid={`use-licence-${material.materialId}`}
              onClick={() => fillFromLicence.mutate({ materialId: material.materialId, licenceNo: offer.licenceNo })}
            >
              {t('licences.useInApplication', { type: offer.typeName, number: offer.licenceNo })}
            </Button>
          ))}
        </Space>
      )}
      {picking && (
        <LibraryPicker
          material={material}
          forApplication={atCounter ? applicationId : undefined}
          onCancel={() => setPicking(false)}
          onPick={async (fileIds) => {
            await attach.mutateAsync({ materialId: material.materialId, fileIds });
            setPicking(false);
          }}
        />
      )}
    </section>
  );
}

function LibraryPicker({ material, forApplication, onCancel, onPick }: { material: ApplicationMaterial; forApplication: string | undefined; onCancel: () => void; onPick: (fileIds: string[]) => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const library = useMaterialLibrary(true, forApplication);
  const [selected, setSelected] = useState<string[]>(() => material.files.map((f) => f.id));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  return (
    <Modal
      open
      title={t('applications.libraryTitle', { material: material.name })}
      onCancel={onCancel}
      okText={t('applications.libraryUse')}
      cancelText={t('applications.cancel')}
      okButtonProps={{ 'data-testid': 'library-pick-confirm', disabled: selected.length === 0 }}
      confirmLoading={saving}
      onOk={() => {
        setSaving(true);
        setError(null);
        onPick(selected)
          .catch((e: unknown) => setError(e instanceof Error ? e : new Error(String(e))))
          .finally(() => setSaving(false));
      }}
    >
      {library.isPending && <Typography.Text>{t('app.loading')}</Typography.Text>}
      {library.isError && <ErrorAlert error={library.error} onRetry={() => void library.refetch()} />}
      {error && <ErrorAlert error={error} />}
      {library.data && library.data.length === 0 && <Empty description={t('applications.libraryEmpty')} />}
      {library.data && library.data.length > 0 && (
        <Checkbox.Group value={selected} onChange={(values) => setSelected(values.map(String))} style={{ display: 'grid', gap: 8 }} aria-label={t('applications.libraryTitle', { material: material.name })}>
          {library.data.map((file) => (
            <Checkbox key={file.id} value={file.id} data-testid={`library-file-${file.id}`}>
              {file.name}{' '}
              <Typography.Text type="secondary">
                {formatSize(file.size)} · {formatDateTime(file.uploadedAt, i18n.language)}
              </Typography.Text>
            </Checkbox>
          ))}
        </Checkbox.Group>
      )}
    </Modal>
  );
}
