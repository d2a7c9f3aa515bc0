import '../../shared/catalogue/catalogue.css';
import { AUDIENCES, LEVELS, THEMES } from '@gov/contracts';
import { Button, Card, Empty, Input, List, Pagination, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type CatalogueFilters, usePublicFacets, usePublicItems } from '../../shared/catalogue/usePublicCatalogue';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';

const FILTER_KEYS = ['q', 'level', 'department', 'theme', 'audience', 'online'] as const;

function filtersFrom(params: URLSearchParams): CatalogueFilters {
  const filters: CatalogueFilters = { page: Math.max(1, Number(params.get('page') ?? '1') || 1) };
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

/** Public search and browsing of published items by keyword, level, department, theme, audience and channel. */
export function CatalogueBrowser() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const items = usePublicItems(filters);
  const facets = usePublicFacets();
  // The search box follows the URL (back/forward) without re-mounting, so keyboard focus stays in it after a search.
  const [query, setQuery] = useState(filters.q ?? '');
  const [shownQ, setShownQ] = useState(filters.q);
  if (filters.q !== shownQ) {
    setShownQ(filters.q);
    setQuery(filters.q ?? '');
  }

  const update = (key: (typeof FILTER_KEYS)[number], value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next);
  };
  const filterSelect = (key: 'level' | 'department' | 'theme' | 'audience' | 'online', label: string, options: { value: string; label: string }[]) => (
    <div className="catalogue-filter">
      <label htmlFor={`filter-${key}`}>{label}</label>
      <Select
        id={`filter-${key}`}
        data-testid={`filter-${key}`}
        value={filters[key] ?? ''}
        onChange={(value: string) => update(key, value || undefined)}
        options={[{ value: '', label: t('catalogue.any') }, ...options]}
        style={{ minWidth: 160 }}
        popupMatchSelectWidth={false}
      />
    </div>
  );

  return (
    <Card title={<h2 className="card-heading">{t('catalogue.searchHeading')}</h2>}>
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          const value = new FormData(event.currentTarget).get('q');
          update('q', typeof value === 'string' ? value.trim() || undefined : undefined);
        }}
      >
        <label htmlFor="catalogue-search" className="catalogue-search-label">
          {t('catalogue.searchLabel')}
        </label>
        <Space.Compact style={{ width: '100%', maxWidth: 640 }}>
          <Input id="catalogue-search" name="q" data-testid="catalogue-search" value={query} onChange={(event) => setQuery(event.target.value)} placeholder={t('catalogue.searchPlaceholder')} allowClear />
          <Button htmlType="submit" type="primary" data-testid="catalogue-search-submit">
            {t('catalogue.search')}
          </Button>
        </Space.Compact>
      </form>
      <fieldset className="catalogue-filters">
        <legend>{t('catalogue.filters')}</legend>
        {filterSelect('level', t('catalogue.level'), LEVELS.map((l) => ({ value: l, label: t(`catalogue.levelNames.${l}`) })))}
        {filterSelect('department', t('catalogue.department'), (facets.data?.departments ?? []).map((d) => ({ value: d.path, label: `${d.name}（${d.items}）` })))}
        {filterSelect('theme', t('catalogue.theme'), THEMES.map((th) => ({ value: th, label: t(`catalogue.themeNames.${th}`) })))}
        {filterSelect('audience', t('catalogue.audience'), AUDIENCES.map((a) => ({ value: a, label: t(`catalogue.audienceNames.${a}`) })))}
        {filterSelect('online', t('catalogue.online'), [{ value: 'true', label: t('catalogue.onlineYes') }, { value: 'false', label: t('catalogue.onlineNo') }])}
      </fieldset>

      {items.isError && <ErrorAlert error={items.error} onRetry={() => void items.refetch()} />}
      {items.data && (
        <section aria-live="polite" aria-busy={items.isFetching}>
          <Typography.Paragraph data-testid="catalogue-count">{t('catalogue.results', { count: items.data.total })}</Typography.Paragraph>
          {items.data.items.length === 0 ? (
            <Empty description={t('catalogue.noResults')} />
          ) : (
            <List
              data-testid="catalogue-results"
              dataSource={items.data.items}
              renderItem={(item) => (
                <List.Item key={item.code} data-testid={`catalogue-item-${item.code}`}>
                  <div className="catalogue-result">
                    <h3 className="catalogue-result-title">
                      <Link to={`/portal?item=${encodeURIComponent(item.code)}`}>{item.name}</Link>
                    </h3>
                    <div className="catalogue-result-meta">
                      <span>{item.agency.name}</span>
                      <span>
                        {t('catalogue.code')} {item.code}
                      </span>
                      <span>{item.promisedDays === 0 ? t('catalogue.promisedInstant') : t('catalogue.promisedDays', { days: item.promisedDays })}</span>
                    </div>
                    <div>
                      {item.levels.map((l) => (
                        <Tag key={l}>{t(`catalogue.levelNames.${l}`)}</Tag>
                      ))}
                      <Tag className={item.online ? 'tag-ok' : 'tag-warn'}>{item.online ? t('catalogue.onlineYes') : t('catalogue.onlineNo')}</Tag>
                    </div>
                  </div>
                </List.Item>
              )}
            />
          )}
          {items.data.total > items.data.pageSize && (
            <Pagination
              current={items.data.page}
              pageSize={items.data.pageSize}
              total={items.data.total}
              showSizeChanger={false}
              onChange={(page) => {
                const next = new URLSearchParams(params);
                next.set('page', String(page));
                setParams(next);
              }}
            />
          )}
        </section>
      )}
    </Card>
  );
}
