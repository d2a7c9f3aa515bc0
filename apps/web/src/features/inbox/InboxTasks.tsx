import { ReloadOutlined } from '@ant-design/icons';
import { DEPARTMENTS, INBOX_VIEWS, type InboxTask, type InboxView } from '@gov/contracts';
import { App, Alert, Button, Card, Empty, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../shared/auth/CurrentUser';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { ColleagueInput } from './ColleagueInput';
import {
  departmentLabel,
  dueState,
  explainedCode,
  formatDate,
  formatDateTime,
  INBOX_PAGE_SIZE,
  INBOX_SORTS,
  INBOX_STAGES,
  type InboxFilters,
  type InboxListState,
  listStateFromUrl,
  listStateToUrl,
  withoutEmpty,
} from './inboxModel';
import { SavedFilters } from './SavedFilters';
import { useBulkAssign, useBulkClaim, useClaimTask, useInboxTasks, useUnclaimTask, useViewCounts } from './useInbox';
import './inbox.css';

/**
 * The shared inbox: five views (mine, department, participated, overdue, due soon), filters,
 * sorting and pagination; claim and give back per row, claim in bulk. View, sort, page and the
 * non-personal filters live in the URL, so "back" from a task returns to the same list; the
 * applicant's name is personal data and stays in the page.
 */
export function InboxTasks() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [applicant, setApplicant] = useState<string | undefined>();
  const state = useMemo(() => listStateFromUrl(params, applicant), [params, applicant]);
  const counts = useViewCounts();

  const update = (next: InboxListState) => {
    setApplicant(next.filters.applicant);
    setParams(listStateToUrl(next), { replace: true });
  };
  const selectView = (key: string) => {
    const view = INBOX_VIEWS.find((candidate) => candidate === key);
    if (view) update({ ...state, view, page: 1 });
  };

  return (
    <Card title={<h2 className="card-heading">{t('inbox.tasksTitle')}</h2>} data-testid="inbox-tasks">
      <Tabs
        activeKey={state.view}
        onChange={selectView}
        aria-label={t('inbox.viewsLabel')}
        items={INBOX_VIEWS.map((view) => ({
          key: view,
          label: <ViewLabel view={view} count={counts[view]} />,
          children: view === state.view ? <TaskList state={state} onChange={update} /> : null,
        }))}
      />
    </Card>
  );
}

function ViewLabel({ view, count }: { view: InboxView; count: number | undefined }) {
  const { t } = useTranslation();
  const alerting = view === 'overdue' && count !== undefined && count > 0;
  return (
    <span data-testid={`inbox-view-${view}`}>
      {t(`inbox.views.${view}`)}
      {count !== undefined && (
        <span className={alerting ? 'inbox-count inbox-count-alert' : 'inbox-count'} data-testid={`inbox-count-${view}`}>
          {t('inbox.count', { count })}
        </span>
      )}
    </span>
  );
}

function TaskList({ state, onChange }: { state: InboxListState; onChange: (state: InboxListState) => void }) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const location = useLocation();
  const { message } = App.useApp();
  const tasks = useInboxTasks(state);
  const claim = useClaimTask();
  const unclaim = useUnclaimTask();
  const bulkClaim = useBulkClaim();
  const [actionError, setActionError] = useState<unknown>(null);
  const [selected, setSelected] = useState<string[]>([]);

  const rows = useMemo(() => tasks.data?.items ?? [], [tasks.data]);
  const claimable = (task: InboxTask) => task.state === 'open' && task.assignee === null;
  // Department admins select any open step of their departments to reassign; others select what they may claim.
  const reassigns = me.roles.includes('dept-admin') || me.roles.includes('admin');
  const selectable = (task: InboxTask) => claimable(task) || (reassigns && task.state === 'open');
  // A refresh may take selected tasks away (a colleague claimed them): only what is still selectable counts.
  const selectedNow = selected.filter((key) => rows.some((task) => task.taskKey === key && selectable(task)));
  const claimableSelected = selectedNow.filter((key) => rows.some((task) => task.taskKey === key && claimable(task)));
  const bulkAssign = useBulkAssign();
  const [reassignTo, setReassignTo] = useState('');
  const now = new Date(tasks.dataUpdatedAt);

  const caseOf = (task: InboxTask) => task.caseNumber ?? task.taskKey;
  const explain = (error: unknown): ReactNode => {
    const code = explainedCode(error);
    return code ? <Alert type="warning" showIcon role="alert" title={t(`inbox.errors.${code}`)} data-testid="inbox-action-error" /> : error instanceof Error ? <ErrorAlert error={error} /> : null;
  };

  const doClaim = (task: InboxTask) => {
    setActionError(null);
    claim.mutate(task.taskKey, {
      onSuccess: () => void message.success(t('inbox.claimed', { caseNumber: caseOf(task) })),
      onError: setActionError,
    });
  };
  const doUnclaim = (task: InboxTask) => {
    setActionError(null);
    unclaim.mutate(task.taskKey, {
      onSuccess: () => void message.success(t('inbox.unclaimed', { caseNumber: caseOf(task) })),
      onError: setActionError,
    });
  };
  const doBulkClaim = () => {
    setActionError(null);
    bulkClaim.mutate(claimableSelected, {
      onSuccess: ({ claimed, failed }) => {
        setSelected([]);
        if (failed.length === 0) void message.success(t('inbox.bulkClaimed', { claimed: claimed.length }));
        else void message.warning(t('inbox.bulkClaimPartly', { claimed: claimed.length, failed: failed.length }));
      },
    });
  };

  const doBulkAssign = () => {
    setActionError(null);
    bulkAssign.mutate({ taskKeys: selectedNow, assignee: reassignTo.trim() }, {
      onSuccess: ({ assigned, failed }) => {
        setSelected([]);
        if (failed.length === 0) void message.success(t('inbox.bulkAssigned', { assigned: assigned.length, assignee: reassignTo.trim() }));
        else void message.warning(t('inbox.bulkAssignPartly', { assigned: assigned.length, failed: failed.length }));
      },
    });
  };

  const pending = (mutation: { isPending: boolean; variables: string | undefined }, task: InboxTask) => mutation.isPending && mutation.variables === task.taskKey;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }} data-testid="inbox-view-help">
        {t(`inbox.viewHelp.${state.view}`)}
      </Typography.Paragraph>
      <FilterForm state={state} onChange={onChange} />
      <div className="inbox-toolbar">
        <Space wrap>
          <Typography.Text data-testid="inbox-total" aria-live="polite">
            {tasks.data ? t('inbox.total', { count: tasks.data.total }) : ''}
          </Typography.Text>
          <Button type="primary" disabled={claimableSelected.length === 0} loading={bulkClaim.isPending} onClick={doBulkClaim} data-testid="inbox-bulk-claim">
            {t('inbox.bulkClaim', { count: claimableSelected.length })}
          </Button>
          {reassigns && (
            <Space.Compact>
              <ColleagueInput ariaLabel={t('inbox.bulkAssignee')} placeholder={t('inbox.bulkAssignee')} value={reassignTo} onChange={setReassignTo} width={200} testId="inbox-bulk-assignee" />
              <Button disabled={selectedNow.length === 0 || reassignTo.trim() === ''} loading={bulkAssign.isPending} onClick={doBulkAssign} data-testid="inbox-bulk-assign">
                {t('inbox.bulkAssign', { count: selectedNow.length })}
              </Button>
            </Space.Compact>
          )}
        </Space>
        <Space wrap>
          <label htmlFor="inbox-sort">{t('inbox.filters.sort')}</label>
          <Select
            id="inbox-sort"
            style={{ minWidth: 220 }}
            value={state.sort}
            onChange={(sort: InboxListState['sort']) => onChange({ ...state, sort, page: 1 })}
            options={INBOX_SORTS.map((sort) => ({ value: sort, label: t(`inbox.sorts.${sort}`) }))}
            data-testid="inbox-sort"
          />
          <Typography.Text type="secondary" data-testid="inbox-refreshed">
            {tasks.dataUpdatedAt > 0 ? t('inbox.autoRefresh', { time: now.toLocaleTimeString(i18n.language) }) : ''}
          </Typography.Text>
          <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void tasks.refetch()} loading={tasks.isFetching} data-testid="inbox-refresh">
            {t('inbox.refresh')}
          </Button>
        </Space>
      </div>
      {tasks.isError && <ErrorAlert error={tasks.error} onRetry={() => void tasks.refetch()} />}
      {actionError !== null && explain(actionError)}
      <Table<InboxTask>
        rowKey="taskKey"
        size="middle"
        data-testid="inbox-table"
        dataSource={rows}
        loading={tasks.isPending}
        className="inbox-table"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.empty')} /> }}
        onRow={(task) => rowAttributes(task)}
        rowSelection={{
          selectedRowKeys: selectedNow,
          onChange: (keys) => setSelected(keys.map(String)),
          getCheckboxProps: (task) => ({ disabled: !selectable(task), 'aria-label': t('inbox.selectTask', { caseNumber: caseOf(task), step: task.name }) }),
          getTitleCheckboxProps: () => ({ 'aria-label': t('inbox.selectAll') }),
        }}
        pagination={{
          current: state.page,
          pageSize: INBOX_PAGE_SIZE,
          total: tasks.data?.total ?? 0,
          showSizeChanger: false,
          onChange: (page) => onChange({ ...state, page }),
        }}
        columns={[
          {
            key: 'caseNumber',
            title: t('inbox.columns.caseNumber'),
            render: (_, task) => (
              <Link
                to={`/inbox/tasks/${encodeURIComponent(task.taskKey)}`}
                state={{ from: location.search }}
                aria-label={t('inbox.openTask', { caseNumber: caseOf(task), step: task.name })}
                data-testid={`inbox-open-${task.taskKey}`}
                className="inbox-nowrap"
              >
                {caseOf(task)}
              </Link>
            ),
          },
          {
            key: 'item',
            title: t('inbox.columns.item'),
            render: (_, task) => (
              <>
                <span>{task.itemName ?? '—'}</span>
                {task.itemCode && <span className="inbox-secondary">{task.itemCode}</span>}
              </>
            ),
          },
          { key: 'applicant', title: t('inbox.columns.applicant'), render: (_, task) => task.applicantName ?? '—' },
          { key: 'step', title: t('inbox.columns.step'), dataIndex: 'name' },
          {
            key: 'stage',
            title: t('inbox.columns.stage'),
            render: (_, task) => (
              <Space size={4} wrap>
                <Tag className={`tag-inbox-${task.stage}`} data-testid={`inbox-stage-${task.taskKey}`}>
                  {t(`inbox.stages.${task.stage}`)}
                </Tag>
                {task.escalatedAt ? (
                  <Tag className="tag-inbox-escalated" data-testid={`inbox-escalated-${task.taskKey}`}>{t('inbox.deadlineTags.escalated')}</Tag>
                ) : task.warnedAt ? (
                  <Tag className="tag-inbox-warned" data-testid={`inbox-warned-${task.taskKey}`}>{t('inbox.deadlineTags.warned')}</Tag>
                ) : null}
                {task.openNotices > 0 && (
                  <Tag className="tag-inbox-escalated" data-testid={`inbox-notices-${task.taskKey}`}>{t('inbox.deadlineTags.notices', { count: task.openNotices })}</Tag>
                )}
              </Space>
            ),
          },
          { key: 'department', title: t('inbox.columns.department'), render: (_, task) => task.candidateGroups.map(departmentLabel).join('、') },
          {
            key: 'assignee',
            title: t('inbox.columns.assignee'),
            render: (_, task) => (
              <span data-testid={`inbox-assignee-${task.taskKey}`}>
                {task.assignee === null ? <Typography.Text type="secondary">{t('inbox.unassigned')}</Typography.Text> : task.assignee === me.username ? t('inbox.me', { name: task.assignee }) : task.assignee}
              </span>
            ),
          },
          {
            key: 'due',
            title: t('inbox.columns.due'),
            render: (_, task) => <DueCell task={task} now={now} />,
          },
          { key: 'created', title: t('inbox.columns.created'), render: (_, task) => formatDateTime(task.createdAt, i18n.language) },
          {
            key: 'actions',
            title: t('inbox.columns.actions'),
            render: (_, task) => (
              <Space>
                {claimable(task) && (
                  <Button
                    size="small"
                    onClick={() => doClaim(task)}
                    loading={pending(claim, task)}
                    aria-label={t('inbox.claimTask', { caseNumber: caseOf(task), step: task.name })}
                    data-testid={`inbox-claim-${task.taskKey}`}
                  >
                    {t('inbox.claim')}
                  </Button>
                )}
                {task.state === 'open' && task.assignee === me.username && (
                  <Button
                    size="small"
                    onClick={() => doUnclaim(task)}
                    loading={pending(unclaim, task)}
                    aria-label={t('inbox.unclaimTask', { caseNumber: caseOf(task), step: task.name })}
                    data-testid={`inbox-unclaim-${task.taskKey}`}
                  >
                    {t('inbox.unclaim')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}

/** Test hooks on each row: the task key and who has it. */
function rowAttributes(task: InboxTask): Record<string, string> {
  return { 'data-testid': `inbox-row-${task.taskKey}`, 'data-case-number': task.caseNumber ?? '', 'data-assignee': task.assignee ?? '' };
}

export function DueCell({ task, now }: { task: Pick<InboxTask, 'taskKey' | 'dueAt'>; now: Date }) {
  const { t, i18n } = useTranslation();
  const due = dueState(task.dueAt, now);
  const text = {
    none: () => t('inbox.due.none'),
    overdue: () => (due.kind === 'overdue' ? t('inbox.due.overdue', { days: due.days }) : ''),
    today: () => t('inbox.due.today'),
    left: () => (due.kind === 'left' ? t('inbox.due.left', { days: due.days }) : ''),
  }[due.kind]();
  const className = due.kind === 'overdue' ? 'inbox-overdue' : due.kind === 'today' || (due.kind === 'left' && due.days <= 3) ? 'inbox-due-soon' : undefined;
  return (
    <span data-testid={`inbox-due-${task.taskKey}`} data-due={due.kind} className={className}>
      {task.dueAt && <span style={{ display: 'block' }}>{formatDate(task.dueAt, i18n.language)}</span>}
      <span style={{ display: 'block' }}>{text}</span>
    </span>
  );
}

function FilterForm({ state, onChange }: { state: InboxListState; onChange: (state: InboxListState) => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [draft, setDraft] = useState<InboxFilters>(state.filters);
  const seesAll = me.roles.includes('supervisor') || me.roles.includes('admin');
  const departments = seesAll ? DEPARTMENTS.map((department) => department.path) : me.departments.map((department) => department.path);
  const set = <K extends keyof InboxFilters>(key: K, value: InboxFilters[K]) => setDraft((current) => ({ ...current, [key]: value }));

  return (
    <form
      role="search"
      aria-label={t('inbox.filters.label')}
      className="inbox-filters"
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ ...state, filters: withoutEmpty(draft), page: 1 });
      }}
    >
      <div className="inbox-filter">
        <label htmlFor="inbox-filter-case-number">{t('inbox.filters.caseNumber')}</label>
        <Input id="inbox-filter-case-number" value={draft.caseNumber ?? ''} onChange={(e) => set('caseNumber', e.target.value)} data-testid="inbox-filter-case-number" />
      </div>
      <div className="inbox-filter">
        <label htmlFor="inbox-filter-item">{t('inbox.filters.item')}</label>
        <Input id="inbox-filter-item" value={draft.item ?? ''} onChange={(e) => set('item', e.target.value)} data-testid="inbox-filter-item" />
      </div>
      <div className="inbox-filter">
        <label htmlFor="inbox-filter-applicant">{t('inbox.filters.applicant')}</label>
        <Input id="inbox-filter-applicant" value={draft.applicant ?? ''} onChange={(e) => set('applicant', e.target.value)} autoComplete="off" data-testid="inbox-filter-applicant" />
      </div>
      <div className="inbox-filter">
        <label htmlFor="inbox-filter-stage">{t('inbox.filters.stage')}</label>
        <Select
          id="inbox-filter-stage"
          style={{ minWidth: 140 }}
          value={draft.stage ?? ''}
          onChange={(value: string) => set('stage', INBOX_STAGES.find((stage) => stage === value))}
          options={[{ value: '', label: t('inbox.filters.any') }, ...INBOX_STAGES.map((stage) => ({ value: stage, label: t(`inbox.stages.${stage}`) }))]}
          data-testid="inbox-filter-stage"
        />
      </div>
      <div className="inbox-filter">
        <label htmlFor="inbox-filter-created-from">{t('inbox.filters.createdFrom')}</label>
        <Input id="inbox-filter-created-from" type="date" value={draft.createdFrom ?? ''} onChange={(e) => set('createdFrom', e.target.value)} data-testid="inbox-filter-created-from" />
      </div>
      <div className="inbox-filter">
        <label htmlFor="inbox-filter-created-to">{t('inbox.filters.createdTo')}</label>
        <Input id="inbox-filter-created-to" type="date" value={draft.createdTo ?? ''} onChange={(e) => set('createdTo', e.target.value)} data-testid="inbox-filter-created-to" />
      </div>
      <div className="inbox-filter">
        <label htmlFor="inbox-filter-due-by">{t('inbox.filters.dueBy')}</label>
        <Input id="inbox-filter-due-by" type="date" value={draft.dueBy ?? ''} onChange={(e) => set('dueBy', e.target.value)} data-testid="inbox-filter-due-by" />
      </div>
      <div className="inbox-filter">
        <label htmlFor="inbox-filter-priority">{t('inbox.filters.minPriority')}</label>
        <Select
          id="inbox-filter-priority"
          style={{ minWidth: 120 }}
          value={draft.minPriority ?? ''}
          onChange={(value: string) => set('minPriority', value)}
          options={[{ value: '', label: t('inbox.filters.any') }, { value: '60', label: t('inbox.filters.priorityHigh') }, { value: '80', label: t('inbox.filters.priorityUrgent') }]}
          data-testid="inbox-filter-priority"
        />
      </div>
      {departments.length > 1 && (
        <div className="inbox-filter">
          <label htmlFor="inbox-filter-department">{t('inbox.filters.department')}</label>
          <Select
            id="inbox-filter-department"
            style={{ minWidth: 200 }}
            value={draft.department ?? ''}
            onChange={(value: string) => set('department', value)}
            options={[{ value: '', label: t('inbox.filters.any') }, ...departments.map((path) => ({ value: path, label: departmentLabel(path) }))]}
            data-testid="inbox-filter-department"
          />
        </div>
      )}
      <Space>
        <Button type="primary" htmlType="submit" data-testid="inbox-search">
          {t('inbox.filters.search')}
        </Button>
        <Button
          onClick={() => {
            setDraft({});
            onChange({ ...state, filters: {}, page: 1 });
          }}
          data-testid="inbox-reset"
        >
          {t('inbox.filters.reset')}
        </Button>
        <SavedFilters state={state} onApply={(next) => { setDraft(next.filters); onChange(next); }} />
      </Space>
    </form>
  );
}
