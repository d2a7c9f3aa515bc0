import { SearchOutlined } from '@ant-design/icons';
import { checkIdNumber, type CounterCase, type CounterCaseQuery } from '@gov/contracts';
import { Alert, Button, Card, Checkbox, Empty, Form, Input, Modal, Select, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCurrentUser } from '../../shared/auth/CurrentUser';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useDocumentTitle } from '../../shared/ui/useDocumentTitle';
import { StatusTag } from '../portal/applications/StatusTag';
import { formatDateTime } from '../portal/applications/useDownload';
import { useCounterCases, useCounterItems, useCounterPerson, useHandBack, useStartCounterApplication } from './useCounter';

const VIEWS = ['drafts', 'in-progress', 'awaiting-hand-back', 'done'] as const;
type CounterView = (typeof VIEWS)[number];

/** The centre as people read it (和平区太原街街道北市社区). */
export const centreLabel = (path: string) => path.split('/').filter(Boolean).slice(1).join('') || path;

/**
 * The counter (R14, R15): a clerk accepts an application for a walk-in citizen, and hands results
 * back. The application itself is the same editor as online (/counter/applications/:id).
 */
export function CounterPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const centre = me.departments[0];
  useDocumentTitle(t('counter.title'));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} data-testid="area-title" style={{ marginTop: 0 }}>
          {t('counter.title')}
        </Typography.Title>
        <Typography.Paragraph className="lead">{t('counter.intro')}</Typography.Paragraph>
        {centre && <Typography.Text strong data-testid="counter-centre">{t('counter.centre', { centre: centreLabel(centre.path) })}</Typography.Text>}
      </div>
      <NewApplicationCard />
      <CounterCasesCard />
    </Space>
  );
}

function NewApplicationCard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const items = useCounterItems();
  const start = useStartCounterApplication();
  const [itemCode, setItemCode] = useState<string | undefined>();
  const [idInput, setIdInput] = useState('');
  const [checked, setChecked] = useState<string | null>(null);
  const [idError, setIdError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [missing, setMissing] = useState<{ item?: boolean; name?: boolean }>({});
  const person = useCounterPerson(checked);

  const lookUp = () => {
    const result = checkIdNumber(idInput.trim());
    if (!result.valid) {
      setChecked(null);
      setIdError(t('counter.errors.idNumber', { message: result.message }));
      return;
    }
    setIdError(null);
    setChecked(result.idNumber);
  };
  // What the platform knows fills the empty fields once.
  const [filledFor, setFilledFor] = useState<string | null>(null);
  if (person.data && checked && filledFor !== checked) {
    setFilledFor(checked);
    if (person.data.name && name === '') setName(person.data.name);
    if (person.data.phone && phone === '') setPhone(person.data.phone);
  }

  const onStart = async () => {
    const problems = { item: !itemCode, name: name.trim().length < 2 };
    setMissing(problems);
    if (!checked) lookUp();
    if (problems.item || problems.name || !checked) return;
    try {
      const view = await start.mutateAsync({ itemCode: itemCode ?? '', applicant: { idNumber: checked, name: name.trim(), ...(phone.trim() ? { phone: phone.trim() } : {}) } });
      void navigate(`/counter/applications/${view.id}`);
    } catch {
      // shown below from start.error
    }
  };

  return (
    <Card title={<h2 className="card-heading">{t('counter.newApplication')}</h2>} data-testid="counter-new">
      <Form layout="vertical" style={{ maxWidth: 640 }} onFinish={() => void onStart()}>
        <Form.Item label={t('counter.item')} htmlFor="counter-item" required validateStatus={missing.item ? 'error' : undefined} help={missing.item ? t('counter.errors.item') : undefined}>
          <Select
            id="counter-item"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('counter.itemPlaceholder')}
            loading={items.isPending}
            value={itemCode}
            onChange={setItemCode}
            options={items.data?.items.map((item) => ({ value: item.code, label: `${item.name}（${item.agency.name}）` }))}
            data-testid="counter-item"
          />
        </Form.Item>
        {items.isError && <ErrorAlert error={items.error} onRetry={() => void items.refetch()} />}
        <Form.Item label={t('counter.idNumber')} htmlFor="counter-id-number" required extra={t('counter.lookUpHelp')} validateStatus={idError ? 'error' : undefined} help={idError ?? undefined}>
          <Space.Compact style={{ width: '100%' }}>
            <Input id="counter-id-number" value={idInput} maxLength={18} autoComplete="off" onChange={(e) => { setIdInput(e.target.value); setChecked(null); }} onPressEnter={(e) => { e.preventDefault(); lookUp(); }} data-testid="counter-id-number" />
            <Button icon={<SearchOutlined aria-hidden />} onClick={lookUp} data-testid="counter-look-up">
              {t('counter.lookUp')}
            </Button>
          </Space.Compact>
        </Form.Item>
        {person.data && (
          <Alert
            style={{ marginBottom: 16 }}
            type="info"
            showIcon
            data-testid="counter-person"
            title={person.data.name ? t('counter.personKnown', { account: person.data.hasAccount ? t('counter.personHasAccount') : '', open: person.data.openCases }) : t('counter.personNew')}
          />
        )}
        {person.isError && <ErrorAlert error={person.error} />}
        <Form.Item label={t('counter.name')} htmlFor="counter-name" required validateStatus={missing.name ? 'error' : undefined} help={missing.name ? t('counter.errors.name') : undefined}>
          <Input id="counter-name" value={name} maxLength={50} onChange={(e) => setName(e.target.value)} data-testid="counter-name" />
        </Form.Item>
        <Form.Item label={t('counter.phone')} htmlFor="counter-phone" extra={t('counter.phoneHelp')}>
          <Input id="counter-phone" value={phone} maxLength={20} inputMode="tel" onChange={(e) => setPhone(e.target.value)} data-testid="counter-phone" />
        </Form.Item>
        {start.isError && <div style={{ marginBottom: 16 }}><ErrorAlert error={start.error} /></div>}
        <Button type="primary" htmlType="submit" loading={start.isPending} data-testid="counter-start">
          {t('counter.start')}
        </Button>
      </Form>
    </Card>
  );
}

function CounterCasesCard() {
  const { t } = useTranslation();
  const [view, setView] = useState<CounterView>('drafts');
  const [page, setPage] = useState(1);
  return (
    <Card title={<h2 className="card-heading">{t('counter.cases')}</h2>} data-testid="counter-cases">
      <Tabs
        activeKey={view}
        onChange={(key) => {
          const next = VIEWS.find((v) => v === key);
          if (next) { setView(next); setPage(1); }
        }}
        items={VIEWS.map((key) => ({ key, label: t(`counter.views.${key}`), children: key === view ? <CaseTable query={{ status: key, page, pageSize: 20 }} onPage={setPage} /> : null }))}
      />
    </Card>
  );
}

function CaseTable({ query, onPage }: { query: CounterCaseQuery; onPage: (page: number) => void }) {
  const { t, i18n } = useTranslation();
  const cases = useCounterCases(query);
  const [handingBack, setHandingBack] = useState<CounterCase | null>(null);
  if (cases.isError) return <ErrorAlert error={cases.error} onRetry={() => void cases.refetch()} />;
  return (
    <>
      <Table<CounterCase>
        rowKey="id"
        loading={cases.isPending}
        dataSource={cases.data?.items}
        locale={{ emptyText: <Empty description={t('counter.empty')} /> }}
        pagination={{ current: query.page, pageSize: query.pageSize, total: cases.data?.total ?? 0, onChange: onPage, showSizeChanger: false }}
        onRow={(row) => ({ id: `counter-case-${row.id}` })}
        columns={[
          { title: t('counter.columns.caseNumber'), dataIndex: 'caseNumber', render: (value: string | null) => value ?? '—' },
          { title: t('counter.columns.item'), dataIndex: 'itemName' },
          { title: t('counter.columns.applicant'), dataIndex: 'applicantName' },
          { title: t('counter.columns.status'), dataIndex: 'status', render: (_: unknown, row) => <StatusTag status={row.status} /> },
          { title: t('counter.columns.updatedAt'), dataIndex: 'updatedAt', render: (value: string) => formatDateTime(value, i18n.language) },
          {
            title: t('counter.columns.actions'),
            key: 'actions',
            render: (_: unknown, row) => (
              <Space>
                <Link to={`/counter/applications/${row.id}`} data-testid={`counter-open-${row.id}`}>{t('counter.open')}</Link>
                {row.handBackTaskKey && (
                  <Button size="small" type="primary" onClick={() => setHandingBack(row)} data-testid={`counter-hand-back-${row.id}`}>
                    {t('counter.handBack')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {handingBack && <HandBackModal row={handingBack} onClose={() => setHandingBack(null)} />}
    </>
  );
}

/** 基层窗口反馈: who collected the result, with the ID checked. */
function HandBackModal({ row, onClose }: { row: CounterCase; onClose: () => void }) {
  const { t } = useTranslation();
  const handBack = useHandBack();
  const [receivedBy, setReceivedBy] = useState(row.applicantName);
  const [idChecked, setIdChecked] = useState(false);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<{ receivedBy?: boolean; idChecked?: boolean }>({});
  const onOk = async () => {
    const problems = { receivedBy: receivedBy.trim().length < 2, idChecked: !idChecked };
    setMissing(problems);
    if (problems.receivedBy || problems.idChecked) return;
    try {
      await handBack.mutateAsync({ taskKey: row.handBackTaskKey ?? '', input: { receivedBy: receivedBy.trim(), idChecked: true, note: note.trim() } });
      onClose();
    } catch {
      // shown from handBack.error
    }
  };
  return (
    <Modal open title={t('counter.handBackTitle', { caseNumber: row.caseNumber ?? '' })} onCancel={onClose} onOk={() => void onOk()} confirmLoading={handBack.isPending} okButtonProps={{ 'data-testid': 'hand-back-confirm' }}>
      <Form layout="vertical">
        <Form.Item label={t('counter.receivedBy')} htmlFor="hand-back-received-by" required validateStatus={missing.receivedBy ? 'error' : undefined} help={missing.receivedBy ? t('counter.errors.receivedBy') : undefined}>
          <Input id="hand-back-received-by" value={receivedBy} maxLength={50} onChange={(e) => setReceivedBy(e.target.value)} data-testid="hand-back-received-by" />
        </Form.Item>
        <Form.Item validateStatus={missing.idChecked ? 'error' : undefined} help={missing.idChecked ? t('counter.errors.idChecked') : undefined}>
          <Checkbox checked={idChecked} onChange={(e) => setIdChecked(e.target.checked)} data-testid="hand-back-id-checked">
            {t('counter.idChecked')}
          </Checkbox>
        </Form.Item>
        <Form.Item label={t('counter.note')} htmlFor="hand-back-note">
          <Input.TextArea id="hand-back-note" value={note} maxLength={500} rows={2} onChange={(e) => setNote(e.target.value)} />
        </Form.Item>
      </Form>
      {handBack.isError && <ErrorAlert error={handBack.error} />}
    </Modal>
  );
}
