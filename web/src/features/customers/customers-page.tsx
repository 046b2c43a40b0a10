// The customers list: search, industry and tier filters, contract value and ask counts, sortable columns;
// create, edit and delete for members with customer.manage. Filters live in the URL, so a view can be shared.
import { A, useSearchParams } from '@solidjs/router'
import { createQuery } from '@tanstack/solid-query'
import { createEffect, createMemo, createSignal, For, Match, on, onCleanup, Show, Switch } from 'solid-js'
import { useI18n } from '../../i18n'
import { Loading } from '../../ui/boundary'
import { ErrorNotice } from '../../ui/errors'
import { CustomersIcon, PlusIcon, SearchIcon } from '../../ui/icons'
import { EmptyState, PageHeader } from '../../ui/page'
import { useWorkspace } from '../workspaces/workspace-context'
import { CustomerDialog, DeleteCustomerDialog } from './customer-form'
import { type CustomerRow, customersQuery, TIERS } from './queries'
import { TierTag, useMoney } from './tier'
import './customers.css'

type SortKey = 'name' | 'contractValue' | 'askCount'

export function sortCustomers(rows: readonly CustomerRow[], key: SortKey, locale: string): CustomerRow[] {
  const byName = (a: CustomerRow, b: CustomerRow) => a.name.localeCompare(b.name, locale)
  return [...rows].sort((a, b) => (key === 'name' ? byName(a, b) : b[key] - a[key] || byName(a, b)))
}

export default function CustomersPage() {
  const { t, locale } = useI18n()
  const ws = useWorkspace()
  const money = useMoney()
  const [params, setParams] = useSearchParams<{
    q?: string
    industry?: string
    tier?: string
    sort?: string
  }>()
  const [search, setSearch] = createSignal(params.q ?? '')
  const [creating, setCreating] = createSignal(false)
  const [editing, setEditing] = createSignal<CustomerRow>()
  const [deleting, setDeleting] = createSignal<CustomerRow>()
  const canManage = () => ws.can('customer.manage')

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

  const all = createQuery(() => ({ ...customersQuery(ws.id()), throwOnError: false }))
  const filtered = createQuery(() => ({
    ...customersQuery(ws.id(), { q: params.q, industry: params.industry }),
    enabled: Boolean(params.q || params.industry),
    throwOnError: false,
  }))
  const source = () => (params.q || params.industry ? filtered : all)
  const industries = createMemo(() =>
    [...new Set((all.data?.items ?? []).map((c) => c.industry).filter(Boolean))].sort((a, b) =>
      a.localeCompare(b, locale()),
    ),
  )
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

  const newButton = () => (
    <Show when={canManage()}>
      <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
        <PlusIcon />
        {t('customers.new')}
      </button>
    </Show>
  )

  const SortHeader = (props: { key: SortKey; label: string; class?: string }) => (
    <th
      scope="col"
      class={props.class}
      aria-sort={sort() === props.key ? (props.key === 'name' ? 'ascending' : 'descending') : undefined}
    >
      <button
        type="button"
        class="cu-sort"
        classList={{ 'is-sorted': sort() === props.key }}
        title={t('customers.sortBy', { column: props.label })}
        onClick={() => setParams({ sort: props.key === 'name' ? undefined : props.key })}
      >
        {props.label}
        <span class="cu-sort-mark" aria-hidden="true">
          {sort() === props.key ? (props.key === 'name' ? '↑' : '↓') : ''}
        </span>
      </button>
    </th>
  )

  return (
    <div class="page page-wide cu-page">
      <PageHeader title={t('customers.title')} intro={t('customers.intro')} actions={newButton()} />
      <Switch fallback={<Loading />}>
        <Match when={all.isError}>
          <ErrorNotice error={all.error} onRetry={() => void all.refetch()} />
        </Match>
        <Match when={all.data && total() === 0}>
          <EmptyState
            icon={<CustomersIcon />}
            title={t('customers.emptyTitle')}
            body={canManage() ? t('customers.emptyBody') : t('customers.emptyReadOnly')}
            action={newButton()}
          />
        </Match>
        <Match when={all.data}>
          <search class="cu-filters">
            <label class="cu-search">
              <SearchIcon />
              <span class="visually-hidden">{t('customers.searchLabel')}</span>
              <input
                class="input"
                type="search"
                placeholder={t('customers.searchPlaceholder')}
                value={search()}
                onInput={(e) => setSearch(e.currentTarget.value)}
              />
            </label>
            <label class="cu-filter">
              <span class="visually-hidden">{t('customers.industryFilter')}</span>
              <select
                class="input select select-compact"
                value={params.industry ?? ''}
                onChange={(e) => setParams({ industry: e.currentTarget.value || undefined })}
              >
                <option value="">{t('customers.allIndustries')}</option>
                <For each={industries()}>{(industry) => <option value={industry}>{industry}</option>}</For>
              </select>
            </label>
            <label class="cu-filter">
              <span class="visually-hidden">{t('customers.tierFilter')}</span>
              <select
                class="input select select-compact"
                value={params.tier ?? ''}
                onChange={(e) => setParams({ tier: e.currentTarget.value || undefined })}
              >
                <option value="">{t('customers.allTiers')}</option>
                <For each={TIERS}>{(tier) => <option value={tier}>{t(`work.tier.${tier}`)}</option>}</For>
              </select>
            </label>
            <Show when={filtering()}>
              <button type="button" class="btn btn-ghost btn-small" onClick={clearFilters}>
                {t('customers.clearFilters')}
              </button>
            </Show>
          </search>
          <ErrorNotice error={filtered.error} />
          <Show
            when={rows().length > 0}
            fallback={
              <EmptyState
                icon={<SearchIcon />}
                title={t('customers.noMatchTitle')}
                body={t('customers.noMatchBody')}
                action={
                  <button type="button" class="btn" onClick={clearFilters}>
                    {t('customers.clearFilters')}
                  </button>
                }
              />
            }
          >
            <div class="table-wrap" classList={{ 'is-stale': source().isPlaceholderData }}>
              <table class="table cu-table">
                <thead>
                  <tr>
                    <SortHeader key="name" label={t('customers.name')} />
                    <th scope="col">{t('customers.industry')}</th>
                    <th scope="col">{t('customers.tier')}</th>
                    <SortHeader key="contractValue" label={t('customers.contractValue')} class="cu-num" />
                    <SortHeader key="askCount" label={t('customers.asks')} class="cu-num" />
                    <Show when={canManage()}>
                      <th scope="col" class="col-actions">
                        <span class="visually-hidden">{t('members.actions')}</span>
                      </th>
                    </Show>
                  </tr>
                </thead>
                <tbody>
                  <For each={rows()}>
                    {(customer) => (
                      <tr>
                        <td>
                          <div class="cu-name">
                            <A href={`/w/${ws.id()}/customers/${customer.id}`} class="cell-strong">
                              {customer.name}
                            </A>
                            <Show when={customer.contact}>
                              <span class="cell-muted">{customer.contact}</span>
                            </Show>
                          </div>
                        </td>
                        <td class="cell-muted-2">{customer.industry || '—'}</td>
                        <td>
                          <TierTag tier={customer.tier} />
                        </td>
                        <td class="cu-num">{money(customer.contractValue)}</td>
                        <td class="cu-num">{customer.askCount}</td>
                        <Show when={canManage()}>
                          <td class="cell-actions">
                            <button
                              type="button"
                              class="btn btn-ghost btn-small"
                              aria-label={t('customers.editLabel', { name: customer.name })}
                              onClick={() => setEditing(customer)}
                            >
                              {t('customers.edit')}
                            </button>
                            <button
                              type="button"
                              class="btn btn-ghost btn-small btn-danger-quiet"
                              aria-label={t('customers.deleteLabel', { name: customer.name })}
                              onClick={() => setDeleting(customer)}
                            >
                              {t('customers.delete')}
                            </button>
                          </td>
                        </Show>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <p class="table-footnote">
              {filtering()
                ? t('customers.countFiltered', { shown: String(rows().length), total: String(total()) })
                : total() === 1
                  ? t('customers.countOne')
                  : t('customers.count', { count: String(total()) })}
            </p>
          </Show>
        </Match>
      </Switch>
      <Show when={canManage()}>
        <CustomerDialog open={creating()} onOpenChange={setCreating} industries={industries()} />
        <Show when={editing()}>
          {(customer) => (
            <CustomerDialog
              open
              onOpenChange={(open) => !open && setEditing(undefined)}
              customer={customer()}
              industries={industries()}
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
