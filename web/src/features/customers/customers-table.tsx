// The customers table: name and contact, industry, tier, contract value and asks, sortable by name, value
// and asks; edit and delete on each row for members with customer.manage.
import { A } from '@solidjs/router'
import { For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { GhostButton, Table } from '../../ui/table'
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
  const sortable = (column: SortKey, label: string, numeric?: boolean) => (
    <SortHeader
      column={column}
      label={label}
      class={numeric ? 'cu-num' : undefined}
      sort={props.sort}
      onSort={props.onSort}
    />
  )
  return (
    <Table
      class="cu-table"
      wrapClass={props.stale ? 'is-stale' : undefined}
      head={
        <>
          {sortable('name', t('customers.name'))}
          <th scope="col">{t('customers.industry')}</th>
          <th scope="col">{t('customers.tier')}</th>
          {sortable('contractValue', t('customers.contractValue'), true)}
          {sortable('askCount', t('customers.asks'), true)}
        </>
      }
      actions={canManage() ? t('members.actions') : undefined}
    >
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
                <GhostButton
                  label={t('customers.editLabel', { name: customer.name })}
                  onClick={() => props.onEdit(customer)}
                >
                  {t('customers.edit')}
                </GhostButton>
                <GhostButton
                  danger
                  label={t('customers.deleteLabel', { name: customer.name })}
                  onClick={() => props.onDelete(customer)}
                >
                  {t('customers.delete')}
                </GhostButton>
              </td>
            </Show>
          </tr>
        )}
      </For>
    </Table>
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
