// The board page's title, with the board's actions on its right.
import { type JSX, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { PlusIcon } from '../../ui/icons'
import type { Product } from '../products/queries'

export function BoardTitle(props: { product: Product; actions?: JSX.Element }) {
  const { t } = useI18n()
  return (
    <header class="board-title">
      <h1>{t('board.titleOf', { product: props.product.name })}</h1>
      <span class="key-chip">{props.product.key}</span>
      <Show when={props.actions}>
        <div class="board-title-actions">{props.actions}</div>
      </Show>
    </header>
  )
}

/** The board's actions beside the title: the WIP limits and a new task, for those who may and while open. */
export function BoardActions(props: {
  canManage: boolean
  canCreate: boolean
  closed: boolean
  onWipLimits: () => void
  onNewTask: () => void
}) {
  const { t } = useI18n()
  return (
    <>
      <Show when={props.canManage && !props.closed}>
        <button type="button" class="btn btn-small" onClick={() => props.onWipLimits()}>
          {t('board.wipLimits')}
        </button>
      </Show>
      <Show when={props.canCreate && !props.closed}>
        <button type="button" class="btn btn-primary btn-small" onClick={() => props.onNewTask()}>
          <PlusIcon />
          {t('board.newTask')}
        </button>
      </Show>
    </>
  )
}
