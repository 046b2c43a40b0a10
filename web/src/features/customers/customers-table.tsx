// The customers table: name and contact, industry, tier, contract value and asks, sortable by name, value
// and asks; edit and delete on each row for members with customer.manage.
import { A } from '@solidjs/router'
import { For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { useWorkspace } from '../workspaces/workspace-context'
import type { CustomerRow } from './queries'
import { TierTag, useMoney } from './tier'

export type SortKey = 'name' | 'contractValue' | 'askCount'

export function CustomersTable(props: {
  rows: readonly CustomerRow[]
  stale: boolean
  sort: SortKey
  onSort: (key: SortKey) => void
  onEdit: (customer: CustomerRow) => void
  onDelete: (customer: CustomerRow) => void
}) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const money = useMoney()
  const canManage = () => ws.can('customer.manage')
  return (
    <div class="table-wrap" classList={{ 'is-stale': props.stale }}>
      <table class="table cu-table">
        <thead>
          <tr>
            <SortHeader column="name" label={t('customers.name')} sort={props.sort} onSort={props.onSort} />
            <th scope="col">{t('customers.industry')}</th>
            <th scope="col">{t('customers.tier')}</th>
            <SortHeader
              column="contractValue"
              label={t('customers.contractValue')}
              class="cu-num"
              sort={props.sort}
              onSort={props.onSort}
            />
            <SortHeader
              column="askCount"
              label={t('customers.asks')}
              class="cu-num"
              sort={props.sort}
              onSort={props.onSort}
            />
            <Show when={canManage()}>
              <th scope="col" class="col-actions">
                <span class="visually-hidden">{t('members.actions')}</span>
              </th>
            </Show>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
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
                      onClick={() => props.onEdit(customer)}
                    >
                      {t('customers.edit')}
                    </button>
                    <button
                      type="button"
                      class="btn btn-ghost btn-small btn-danger-quiet"
                      aria-label={t('customers.deleteLabel', { name: customer.name })}
                      onClick={() => props.onDelete(customer)}
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
  )
}

/** A column header that sorts by its column: names A→Z, numbers largest first. */
function SortHeader(props: {
  column: SortKey
  label: string
  class?: string
  sort: SortKey
  onSort: (key: SortKey) => void
}) {
  const { t } = useI18n()
  const sorted = () => props.sort === props.column
  return (
    <th
      scope="col"
      class={props.class}
      aria-sort={sorted() ? (props.column === 'name' ? 'ascending' : 'descending') : undefined}
    >
      <button
        type="button"
        class="cu-sort"
        classList={{ 'is-sorted': sorted() }}
        title={t('customers.sortBy', { column: props.label })}
        onClick={() => props.onSort(props.column)}
      >
        {props.label}
        <span class="cu-sort-mark" aria-hidden="true">
          {sorted() ? (props.column === 'name' ? '↑' : '↓') : ''}
        </span>
      </button>
    </th>
  )
}
