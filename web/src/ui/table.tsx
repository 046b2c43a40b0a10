// A table in its scrolling frame: the column headers (and a last column of row actions, labelled for
// assistive technology only), then the rows; and the small quiet buttons that rows and cards carry.
import { For, type JSX, Show } from 'solid-js'

export interface Column {
  label: string
  class?: string
}

export function Table(props: {
  columns?: readonly Column[]
  /** Header cells of the caller's own making (e.g. sortable ones), after `columns`. */
  head?: JSX.Element
  /** The hidden label of the last column, the rows' actions; no such column when absent. */
  actions?: string
  label?: string
  class?: string
  wrapClass?: string
  children: JSX.Element
}) {
  return (
    <div class={props.wrapClass ? `table-wrap ${props.wrapClass}` : 'table-wrap'}>
      <table class={props.class ? `table ${props.class}` : 'table'} aria-label={props.label}>
        <thead>
          <tr>
            <For each={props.columns}>
              {(column) => (
                <th scope="col" class={column.class}>
                  {column.label}
                </th>
              )}
            </For>
            {props.head}
            <Show when={props.actions}>
              <th scope="col" class="col-actions">
                <span class="visually-hidden">{props.actions}</span>
              </th>
            </Show>
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  )
}

/** A small quiet button (a row's or a card's action); `danger` for one that removes or revokes. */
export function GhostButton(props: {
  children: JSX.Element
  onClick: () => void
  /** What the button does to what, when its text alone does not say (e.g. "Revoke CI token"). */
  label?: string
  danger?: boolean
  disabled?: boolean
}) {
  return (
    <button
      type="button"
      class={props.danger ? 'btn btn-small btn-ghost btn-danger-quiet' : 'btn btn-small btn-ghost'}
      aria-label={props.label}
      disabled={props.disabled}
      onClick={() => props.onClick()}
    >
      {props.children}
    </button>
  )
}
