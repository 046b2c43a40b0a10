// The board's dialogs, wired to the page: the reason for blocking a card, the move menu (the pointer-free
// way to move), a new task, and the columns' WIP limits. Each dialog is in its own module.
import { Show } from 'solid-js'
import { useI18n } from '../../i18n'
import type { Product } from '../products/queries'
import { AddTaskDialog } from './add-task-dialog'
import { BlockDialog } from './block-dialog'
import type { BoardStatus } from './board-logic'
import { MoveDialog } from './move-dialog'
import type { Iteration } from './queries'
import type { useBoardMoves } from './use-board-moves'
import { WipDialog } from './wip-dialog'

export function BoardDialogs(props: {
  product: Product
  iteration: Iteration
  moves: ReturnType<typeof useBoardMoves>
  /** The column a new task is being added to, while that dialog is open. */
  addStatus: BoardStatus | undefined
  onAddClosed: () => void
  canManage: boolean
  wipOpen: boolean
  onWipClosed: () => void
  announce: (message: string) => void
}) {
  const { t } = useI18n()
  return (
    <>
      <BlockDialog
        task={props.moves.blockingTask()}
        onCancel={props.moves.cancelBlock}
        onConfirm={props.moves.confirmBlock}
      />
      <MoveDialog
        task={props.moves.menuTask()}
        onMove={props.moves.moveFromMenu}
        onClose={props.moves.closeMenu}
      />
      <AddTaskDialog
        open={props.addStatus !== undefined}
        status={props.addStatus ?? 'todo'}
        productId={props.product.id}
        iteration={props.iteration}
        onClose={() => props.onAddClosed()}
        onCreated={(key) => {
          props.onAddClosed()
          props.announce(t('board.add.created', { key }))
        }}
      />
      <Show when={props.canManage}>
        <WipDialog
          open={props.wipOpen}
          iteration={props.iteration}
          onClose={() => props.onWipClosed()}
          onSaved={() => {
            props.onWipClosed()
            props.announce(t('board.wip.saved'))
          }}
        />
      </Show>
    </>
  )
}
