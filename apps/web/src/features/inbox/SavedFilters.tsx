import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { type SavedFilter, savedFilterSchema } from '@gov/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Popover, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useApiClient } from '../../shared/api/ApiClientContext';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { type InboxListState, listStateFromUrl, listStateToUrl } from './inboxModel';

const filtersKey = ['inbox-saved-filters'] as const;

/** The approver's named filters (kept on the server): apply one, save the current list, delete. */
export function SavedFilters({ state, onApply }: { state: InboxListState; onApply: (state: InboxListState) => void }) {
  const { t } = useTranslation();
  const api = useApiClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const list = useQuery({ queryKey: filtersKey, queryFn: ({ signal }) => api.get('/api/inbox/filters', z.array(savedFilterSchema), { signal }) });
  const [selected, setSelected] = useState<string | undefined>();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const save = useMutation({
    mutationFn: () => api.send('POST', '/api/inbox/filters', { name: name.trim(), query: { view: state.view, sort: state.sort, ...Object.fromEntries(listStateToUrl({ ...state, page: 1 })) } }, savedFilterSchema),
    onSuccess: (saved) => {
      setNaming(false);
      setName('');
      setSelected(saved.id);
      void message.success(t('inbox.filters.savedDone', { name: saved.name }));
      void queryClient.invalidateQueries({ queryKey: filtersKey });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.send('DELETE', `/api/inbox/filters/${encodeURIComponent(id)}`, undefined, z.unknown()),
    onSuccess: () => {
      setSelected(undefined);
      void queryClient.invalidateQueries({ queryKey: filtersKey });
    },
  });
  const apply = (filter: SavedFilter) => onApply(listStateFromUrl(new URLSearchParams(filter.query)));

  return (
    <Space wrap>
      <Select
        aria-label={t('inbox.filters.saved')}
        placeholder={t('inbox.filters.saved')}
        style={{ minWidth: 160 }}
        value={selected}
        onChange={(id: string) => {
          setSelected(id);
          const filter = list.data?.find((f) => f.id === id);
          if (filter) apply(filter);
        }}
        options={list.data?.map((f) => ({ value: f.id, label: f.name }))}
        data-testid="inbox-saved-filters"
      />
      {selected && (
        <Button icon={<DeleteOutlined aria-hidden />} aria-label={t('inbox.filters.deleteSaved')} onClick={() => remove.mutate(selected)} loading={remove.isPending} data-testid="inbox-saved-delete" />
      )}
      <Popover
        open={naming}
        onOpenChange={setNaming}
        trigger="click"
        content={
          <Space orientation="vertical">
            <label htmlFor="inbox-saved-name">{t('inbox.filters.savePrompt')}</label>
            <Input id="inbox-saved-name" value={name} maxLength={40} onChange={(e) => setName(e.target.value)} onPressEnter={() => name.trim() && save.mutate()} data-testid="inbox-saved-name" />
            {save.isError && <ErrorAlert error={save.error} />}
            <Button type="primary" disabled={name.trim() === ''} loading={save.isPending} onClick={() => save.mutate()} data-testid="inbox-saved-confirm">
              {t('inbox.filters.saveButton')}
            </Button>
          </Space>
        }
      >
        <Button icon={<SaveOutlined aria-hidden />} data-testid="inbox-save-filter">{t('inbox.filters.save')}</Button>
      </Popover>
    </Space>
  );
}
