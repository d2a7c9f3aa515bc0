import { ArrowLeftOutlined } from '@ant-design/icons';
import { AUDIENCES, ITEM_TYPES, LEVELS, type ManagedItem, type ServiceItemInput, THEMES } from '@gov/contracts';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../shared/api/ApiError';
import { GuideView } from '../../shared/catalogue/GuideView';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { LinkButton } from '../../shared/ui/LinkButton';
import { useItemTransition, useManagedItem, useSaveItem } from './api/useCatalogueAdmin';
import { ItemHistoryPanel } from './ItemHistoryPanel';

/** List fields edited as one JSON document; the server validates them and names any bad field. */
const LIST_FIELDS = ['legalBasis', 'conditions', 'materials', 'fees', 'flow', 'faqs', 'coAgencies'] as const;

const EMPTY: ServiceItemInput = {
  code: '', name: '', type: 'licence', levels: ['city'], agency: { path: '', name: '' }, coAgencies: [], audiences: ['personal'], themes: [],
  legalBasis: [{ law: '', articles: '' }], scope: '', conditions: [''], materials: [], statutoryDays: 20, promisedDays: 10, fees: [],
  flow: [{ name: '', description: '' }], online: true, offlineReason: null, maxVisits: 0, counterAcceptance: { street: false, community: false },
  contact: { phone: '', address: '', hours: '', complaint: '' }, process: { bpmnProcessId: null, formId: null }, faqs: [],
};

interface FormValues {
  code: string;
  name: string;
  type: ServiceItemInput['type'];
  levels: ServiceItemInput['levels'];
  agencyPath: string;
  agencyName: string;
  audiences: ServiceItemInput['audiences'];
  themes: NonNullable<ServiceItemInput['themes']>;
  scope: string;
  statutoryDays: number;
  promisedDays: number;
  online: boolean;
  offlineReason: string;
  maxVisits: number;
  street: boolean;
  community: boolean;
  phone: string;
  address: string;
  hours: string;
  complaint: string;
  lists: string;
}

function toForm(item: ServiceItemInput): FormValues {
  const lists = Object.fromEntries(LIST_FIELDS.map((key) => [key, item[key] ?? []]));
  return {
    code: item.code, name: item.name, type: item.type, levels: item.levels, agencyPath: item.agency.path, agencyName: item.agency.name,
    audiences: item.audiences, themes: item.themes ?? [], scope: item.scope, statutoryDays: item.statutoryDays, promisedDays: item.promisedDays,
    online: item.online, offlineReason: item.offlineReason ?? '', maxVisits: item.maxVisits, street: item.counterAcceptance.street,
    community: item.counterAcceptance.community, phone: item.contact.phone, address: item.contact.address, hours: item.contact.hours,
    complaint: item.contact.complaint, lists: JSON.stringify(lists, null, 2),
  };
}

function fromForm(values: FormValues, base: ServiceItemInput): ServiceItemInput {
  const parsed: unknown = JSON.parse(values.lists);
  const lists = typeof parsed === 'object' && parsed !== null ? parsed : {};
  return {
    ...base,
    ...lists,
    code: values.code.trim(), name: values.name, type: values.type, levels: values.levels, agency: { path: values.agencyPath, name: values.agencyName },
    audiences: values.audiences, themes: values.themes, scope: values.scope, statutoryDays: values.statutoryDays, promisedDays: values.promisedDays,
    online: values.online, offlineReason: values.offlineReason.trim() === '' ? null : values.offlineReason, maxVisits: values.maxVisits,
    counterAcceptance: { street: values.street, community: values.community },
    contact: { phone: values.phone, address: values.address, hours: values.hours, complaint: values.complaint },
  };
}

/** Create or edit an item; preview its guide, publish, retire, and see its history. */
export function ItemEditor({ code }: { code: string | null }) {
  const loaded = useManagedItem(code);
  if (code !== null && loaded.isPending) return <Card loading />;
  if (loaded.isError) return <ErrorAlert error={loaded.error} onRetry={() => void loaded.refetch()} />;
  return <ItemForm key={`${code ?? 'new'}-${loaded.data?.revision ?? 0}`} managed={loaded.data ?? null} />;
}

function ItemForm({ managed }: { managed: ManagedItem | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const save = useSaveItem();
  const transition = useItemTransition();
  const [preview, setPreview] = useState<ServiceItemInput | null>(null);
  const [jsonError, setJsonError] = useState<string | null>(null);
  const base = managed?.item ?? EMPTY;

  const current = (): ServiceItemInput | null => {
    try {
      setJsonError(null);
      const values: FormValues = { ...toForm(base), ...form.getFieldsValue() };
      return fromForm(values, base);
    } catch (error) {
      setJsonError(t('catalogueAdmin.invalidJson', { message: error instanceof Error ? error.message : String(error) }));
      return null;
    }
  };

  const onSave = async () => {
    const item = current();
    if (!item) return;
    const saved = await save.mutateAsync({ item, baseRevision: managed?.revision ?? null }).catch(() => null);
    if (!saved) return;
    void message.success(t('catalogueAdmin.saved', { revision: saved.revision }));
    if (!managed) void navigate(`/admin?item=${encodeURIComponent(saved.item.code)}`);
  };

  const onTransition = async (action: 'publish' | 'retire') => {
    if (!managed) return;
    const result = await transition.mutateAsync({ code: managed.item.code, action }).catch(() => null);
    if (result) void message.success(action === 'publish' ? t('catalogueAdmin.published', { revision: result.revision }) : t('catalogueAdmin.retired'));
  };

  const fieldError = save.error instanceof ApiError ? save.error.fieldErrors : [];
  const text = (name: keyof FormValues, label: string, testId: string, extra?: { disabled?: boolean; help?: string }) => (
    <Form.Item name={name} label={label} htmlFor={`item-${name}`} extra={extra?.help}>
      <Input id={`item-${name}`} data-testid={testId} disabled={extra?.disabled} />
    </Form.Item>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <LinkButton to="/admin" icon={<ArrowLeftOutlined aria-hidden />}>
        {t('catalogueAdmin.back')}
      </LinkButton>
      <Card
        title={<h2 className="card-heading" data-testid="editor-title">{managed ? managed.item.name : t('catalogueAdmin.newItem')}</h2>}
        extra={managed && (
          <Space wrap>
            <Tag className={`tag-status-${managed.status}`} data-testid="item-status">{t(`catalogueAdmin.statuses.${managed.status}`)}</Tag>
            {managed.unpublishedChanges && managed.status !== 'draft' && <Tag className="tag-warn">{t('catalogueAdmin.unpublished')}</Tag>}
            <Typography.Text>{t('catalogueAdmin.revisionCol')} {managed.revision}</Typography.Text>
          </Space>
        )}
      >
        <Tabs
          items={[
            {
              key: 'edit',
              label: t('catalogueAdmin.editTab'),
              children: (
                <Form form={form} layout="vertical" initialValues={toForm(base)} onFinish={() => void onSave()}>
                  {text('code', t('catalogueAdmin.code'), 'item-code', { disabled: managed !== null, help: t('catalogueAdmin.codeHelp') })}
                  {text('name', t('catalogueAdmin.name'), 'item-name')}
                  <Form.Item name="type" label={t('catalogue.type')} htmlFor="item-type">
                    <Select id="item-type" options={ITEM_TYPES.map((v) => ({ value: v, label: t(`catalogue.types.${v}`) }))} />
                  </Form.Item>
                  <Form.Item name="levels" label={t('catalogue.levels')} htmlFor="item-levels">
                    <Select id="item-levels" mode="multiple" options={LEVELS.map((v) => ({ value: v, label: t(`catalogue.levelNames.${v}`) }))} />
                  </Form.Item>
                  {text('agencyPath', t('catalogueAdmin.agencyPath'), 'item-agency-path')}
                  {text('agencyName', t('catalogueAdmin.agencyName'), 'item-agency-name')}
                  <Form.Item name="audiences" label={t('catalogue.audiences')} htmlFor="item-audiences">
                    <Select id="item-audiences" mode="multiple" options={AUDIENCES.map((v) => ({ value: v, label: t(`catalogue.audienceNames.${v}`) }))} />
                  </Form.Item>
                  <Form.Item name="themes" label={t('catalogue.themes')} htmlFor="item-themes">
                    <Select id="item-themes" mode="multiple" options={THEMES.map((v) => ({ value: v, label: t(`catalogue.themeNames.${v}`) }))} />
                  </Form.Item>
                  <Form.Item name="scope" label={t('catalogue.scope')} htmlFor="item-scope">
                    <Input.TextArea id="item-scope" autoSize={{ minRows: 2 }} data-testid="item-scope" />
                  </Form.Item>
                  <Space wrap size="large">
                    <Form.Item name="statutoryDays" label={t('catalogue.statutoryDays')} htmlFor="item-statutory">
                      <InputNumber id="item-statutory" min={0} max={365} data-testid="item-statutory-days" />
                    </Form.Item>
                    <Form.Item name="promisedDays" label={t('catalogue.promisedDaysLabel')} htmlFor="item-promised">
                      <InputNumber id="item-promised" min={0} max={365} data-testid="item-promised-days" />
                    </Form.Item>
                    <Form.Item name="maxVisits" label={t('catalogue.maxVisits')} htmlFor="item-visits">
                      <InputNumber id="item-visits" min={0} max={5} />
                    </Form.Item>
                  </Space>
                  <Space wrap size="large">
                    <Form.Item name="online" label={t('catalogue.onlineYes')} valuePropName="checked" htmlFor="item-online">
                      <Switch id="item-online" />
                    </Form.Item>
                    <Form.Item name="street" label={t('catalogue.street')} valuePropName="checked" htmlFor="item-street">
                      <Switch id="item-street" />
                    </Form.Item>
                    <Form.Item name="community" label={t('catalogue.community')} valuePropName="checked" htmlFor="item-community">
                      <Switch id="item-community" />
                    </Form.Item>
                  </Space>
                  <Form.Item name="offlineReason" label={t('catalogue.offlineReason')} htmlFor="item-offline-reason">
                    <Input.TextArea id="item-offline-reason" autoSize={{ minRows: 1 }} />
                  </Form.Item>
                  {text('phone', t('catalogue.phone'), 'item-phone')}
                  {text('address', t('catalogue.address'), 'item-address')}
                  {text('hours', t('catalogue.hours'), 'item-hours')}
                  {text('complaint', t('catalogue.complaint'), 'item-complaint')}
                  <Form.Item name="lists" label={t('catalogueAdmin.lists')} extra={t('catalogueAdmin.listsHelp')} htmlFor="item-lists">
                    <Input.TextArea id="item-lists" autoSize={{ minRows: 6, maxRows: 24 }} className="json-editor" spellCheck={false} />
                  </Form.Item>
                  {jsonError && <Alert type="error" showIcon title={jsonError} style={{ marginBottom: 16 }} />}
                  {save.isError && (
                    <div style={{ marginBottom: 16 }} data-testid="save-error">
                      <ErrorAlert error={save.error} />
                      {fieldError.length > 0 && (
                        <ul>
                          {fieldError.map((e) => (
                            <li key={e.path}>
                              <code>{e.path}</code>: {e.message}
                            </li>
                          ))}
                        </ul>
                      )}
                    </div>
                  )}
                  {transition.isError && <ErrorAlert error={transition.error} />}
                  <Space wrap>
                    <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-item">
                      {t('catalogueAdmin.save')}
                    </Button>
                    <Button onClick={() => setPreview(current())} data-testid="preview-item">
                      {t('catalogueAdmin.preview')}
                    </Button>
                    {managed && (managed.status !== 'published' || managed.unpublishedChanges) && (
                      <Button onClick={() => void onTransition('publish')} loading={transition.isPending} data-testid="publish-item">
                        {t('catalogueAdmin.publish')}
                      </Button>
                    )}
                    {managed?.status === 'published' && (
                      <Button danger onClick={() => void onTransition('retire')} loading={transition.isPending} data-testid="retire-item">
                        {t('catalogueAdmin.retire')}
                      </Button>
                    )}
                  </Space>
                </Form>
              ),
            },
            ...(managed ? [{ key: 'history', label: t('catalogueAdmin.historyTab'), children: <ItemHistoryPanel code={managed.item.code} current={managed.item} /> }] : []),
          ]}
        />
      </Card>
      <Modal open={preview !== null} onCancel={() => setPreview(null)} footer={null} width={1000} title={preview?.name ?? t('catalogueAdmin.preview')}>
        {preview && <PreviewBody item={preview} />}
      </Modal>
    </Space>
  );
}

function PreviewBody({ item }: { item: ServiceItemInput }) {
  // The preview shows what the guide would look like with defaults filled in, before the server validates it.
  const complete = { ...item, coAgencies: item.coAgencies ?? [], themes: item.themes ?? [], fees: item.fees ?? [], faqs: item.faqs ?? [], offlineReason: item.offlineReason ?? null,
    process: { ...item.process, eligibilityDecisionId: item.process.eligibilityDecisionId ?? null },
    materials: item.materials.map((m) => ({ ...m, condition: m.condition ?? null, eLicenceTypes: m.eLicenceTypes ?? [], templateUrl: m.templateUrl ?? null, exampleUrl: m.exampleUrl ?? null, notes: m.notes ?? null })) };
  return <GuideView item={complete} />;
}
