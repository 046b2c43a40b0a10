// The customers list: search, industry and tier filters, contract value and ask counts, sortable columns;
// create, edit and delete for members with customer.manage. Filters live in the URL, so a view can be shared.
import { useSearchParams } from '@solidjs/router'
import { createEffect, createMemo, createSignal, For, on, onCleanup, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { CustomersIcon, PlusIcon, SearchIcon } from '../../ui/icons'
import { EmptyState, PageHeader } from '../../ui/page'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { useWorkspace } from '../workspaces/workspace-context'
import { CustomerDialog, DeleteCustomerDialog } from './customer-form'
import { CustomersTable, type SortKey } from './customers-table'
import { type CustomerRow, customersQuery, industriesOf, TIERS } from './queries'
import './customers.css'

export function sortCustomers(rows: readonly CustomerRow[], key: SortKey, locale: string): CustomerRow[] {
  const byName = (a: CustomerRow, b: CustomerRow) => a.name.localeCompare(b.name, locale)
  return [...rows].sort((a, b) => (key === 'name' ? byName(a, b) : b[key] - a[key] || byName(a, b)))
}

export default function CustomersPage() {
  const { t } = useI18n()
  const ws = useWorkspace()
  const list = useCustomerList()
  const [creating, setCreating] = createSignal(false)
  const [editing, setEditing] = createSignal<CustomerRow>()
  const [deleting, setDeleting] = createSignal<CustomerRow>()
  const canManage = () => ws.can('customer.manage')

  const newButton = () => (
    <Show when={canManage()}>
      <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
        <PlusIcon />
        {t('customers.new')}
      </button>
    </Show>
  )

  return (
    <div class="page page-wide cu-page">
      <PageHeader title={t('customers.title')} intro={t('customers.intro')} actions={newButton()} />
      <QueryView
        query={list.all}
        isEmpty={(all) => all.items.length === 0}
        empty={
          <EmptyState
            icon={<CustomersIcon />}
            title={t('customers.emptyTitle')}
            body={canManage() ? t('customers.emptyBody') : t('customers.emptyReadOnly')}
            action={newButton()}
          />
        }
      >
        {() => (
          <>
            <CustomerFilters
              search={list.search()}
              onSearch={list.setSearch}
              industry={list.params.industry}
              onIndustry={(industry) => list.setParams({ industry })}
              tier={list.params.tier}
              onTier={(tier) => list.setParams({ tier })}
              industries={list.industries()}
              filtering={list.filtering()}
              onClear={list.clearFilters}
            />
            <ErrorNotice error={list.filtered.error} />
            <Show
              when={list.rows().length > 0}
              fallback={
                <EmptyState
                  icon={<SearchIcon />}
                  title={t('customers.noMatchTitle')}
                  body={t('customers.noMatchBody')}
                  action={
                    <button type="button" class="btn" onClick={list.clearFilters}>
                      {t('customers.clearFilters')}
                    </button>
                  }
                />
              }
            >
              <CustomersTable
                rows={list.rows()}
                stale={list.source().isPlaceholderData}
                sort={list.sort()}
                onSort={(key) => list.setParams({ sort: key === 'name' ? undefined : key })}
                onEdit={setEditing}
                onDelete={setDeleting}
              />
              <p class="table-footnote">
                {list.filtering()
                  ? t('customers.countFiltered', {
                      shown: String(list.rows().length),
                      total: String(list.total()),
                    })
                  : list.total() === 1
                    ? t('customers.countOne')
                    : t('customers.count', { count: String(list.total()) })}
              </p>
            </Show>
          </>
        )}
      </QueryView>
      <Show when={canManage()}>
        <CustomerDialog open={creating()} onOpenChange={setCreating} industries={list.industries()} />
        <Show when={editing()}>
          {(customer) => (
            <CustomerDialog
              open
              onOpenChange={(open) => !open && setEditing(undefined)}
              customer={customer()}
              industries={list.industries()}
            />
          )}
        </Show>
        <Show when={deleting()}>
          {(customer) => (
            <DeleteCustomerDialog
              open
              onOpenChange={(open) => !open && setDeleting(undefined)}
              customer={customer()}
            />
          )}
        </Show>
      </Show>
    </div>
  )
}

/**
 * The list's state: the filters and sort kept in the URL (the search box writes to it after a pause), every
 * customer (for the total and the industries), the server-filtered customers, and the rows as shown.
 */
function useCustomerList() {
  const { locale } = useI18n()
  const ws = useWorkspace()
  const [params, setParams] = useSearchParams<{
    q?: string
    industry?: string
    tier?: string
    sort?: string
  }>()
  const [search, setSearch] = createSignal(params.q ?? '')

  createEffect(
    on(
      search,
      (value) => {
        const timer = setTimeout(() => setParams({ q: value.trim() || undefined }, { replace: true }), 200)
        onCleanup(() => clearTimeout(timer))
      },
      { defer: true },
    ),
  )

  const all = createLocalQuery(() => customersQuery(ws.id()))
  const filtered = createLocalQuery(() => ({
    ...customersQuery(ws.id(), { q: params.q, industry: params.industry }),
    enabled: Boolean(params.q || params.industry),
  }))
  const source = () => (params.q || params.industry ? filtered : all)
  const industries = createMemo(() => industriesOf(all.data?.items ?? [], locale()))
  const sort = (): SortKey =>
    params.sort === 'contractValue' || params.sort === 'askCount' ? params.sort : 'name'
  const rows = createMemo(() => {
    const items = source().data?.items ?? []
    const tier = params.tier
    return sortCustomers(tier ? items.filter((c) => c.tier === tier) : items, sort(), locale())
  })
  const total = () => all.data?.items.length ?? 0
  const filtering = () => Boolean(params.q || params.industry || params.tier)
  const clearFilters = () => {
    setSearch('')
    setParams({ q: undefined, industry: undefined, tier: undefined })
  }
  return {
    params,
    setParams,
    search,
    setSearch,
    all,
    filtered,
    source,
    industries,
    sort,
    rows,
    total,
    filtering,
    clearFilters,
  }
}

/** Search by name or contact, and filter by industry and tier; an empty choice clears its filter. */
function CustomerFilters(props: {
  search: string
  onSearch: (value: string) => void
  industry: string | undefined
  onIndustry: (industry: string | undefined) => void
  tier: string | undefined
  onTier: (tier: string | undefined) => void
  industries: readonly string[]
  filtering: boolean
  onClear: () => void
}) {
  const { t } = useI18n()
  return (
    <search class="cu-filters">
      <label class="cu-search">
        <SearchIcon />
        <span class="visually-hidden">{t('customers.searchLabel')}</span>
        <input
          class="input"
          type="search"
          placeholder={t('customers.searchPlaceholder')}
          value={props.search}
          onInput={(e) => props.onSearch(e.currentTarget.value)}
        />
      </label>
      <label class="cu-filter">
        <span class="visually-hidden">{t('customers.industryFilter')}</span>
        <select
          class="input select select-compact"
          value={props.industry ?? ''}
          onChange={(e) => props.onIndustry(e.currentTarget.value || undefined)}
        >
          <option value="">{t('customers.allIndustries')}</option>
          <For each={props.industries}>{(industry) => <option value={industry}>{industry}</option>}</For>
        </select>
      </label>
      <label class="cu-filter">
        <span class="visually-hidden">{t('customers.tierFilter')}</span>
        <select
          class="input select select-compact"
          value={props.tier ?? ''}
          onChange={(e) => props.onTier(e.currentTarget.value || undefined)}
        >
          <option value="">{t('customers.allTiers')}</option>
          <For each={TIERS}>{(tier) => <option value={tier}>{t(`work.tier.${tier}`)}</option>}</For>
        </select>
      </label>
      <Show when={props.filtering}>
        <button type="button" class="btn btn-ghost btn-small" onClick={() => props.onClear()}>
          {t('customers.clearFilters')}
        </button>
      </Show>
    </search>
  )
}
