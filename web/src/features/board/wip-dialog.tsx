// The iteration's WIP limits, one per column, set from the board.
import { createEffect, createSignal, For, on } from 'solid-js'
import { useI18n } from '../../i18n'
import { Modal } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { TextField } from '../../ui/field'
import { useWorkspace } from '../workspaces/workspace-context'
import { BOARD_STATUSES, type BoardStatus } from './board-logic'
import { type Iteration, useSetWipLimits, type WipLimits } from './queries'

/** The iteration's WIP limits, one per column; empty means no limit. */
export function WipDialog(props: {
  open: boolean
  iteration: Iteration
  onClose: () => void
  onSaved: () => void
}) {
  const { t } = useI18n()
  const workspace = useWorkspace()
  const save = useSetWipLimits(() => workspace.id())
  const [limits, setLimits] = createSignal<Record<BoardStatus, string>>({
    todo: '',
    doing: '',
    review: '',
    blocked: '',
    done: '',
  })
  createEffect(
    on(
      () => props.open,
      (open) => {
        if (!open) return
        const current = props.iteration.wipLimits
        setLimits({
          todo: String(current.todo ?? ''),
          doing: String(current.doing ?? ''),
          review: String(current.review ?? ''),
          blocked: String(current.blocked ?? ''),
          done: String(current.done ?? ''),
        })
      },
    ),
  )
  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    const wipLimits: WipLimits = {}
    for (const status of BOARD_STATUSES) {
      const value = limits()[status].trim()
      if (value !== '') wipLimits[status] = Number(value)
    }
    const ok = await save
      .mutateAsync({ iteration: props.iteration, wipLimits })
      .then(() => true)
      .catch(() => false)
    if (ok) props.onSaved()
  }
  return (
    <Modal
      open={props.open}
      onOpenChange={(open) => {
        if (!open) {
          save.reset()
          props.onClose()
        }
      }}
      title={t('board.wip.title')}
      description={t('board.wip.description')}
    >
      <form class="form" onSubmit={(e) => void submit(e)}>
        <div class="wip-grid">
          <For each={BOARD_STATUSES}>
            {(status) => (
              <TextField
                label={t(`work.taskStatus.${status}`)}
                type="number"
                min="1"
                max="1000"
                step="1"
                placeholder={t('board.wip.none')}
                value={limits()[status]}
                onValue={(v) => setLimits({ ...limits(), [status]: v })}
              />
            )}
          </For>
        </div>
        <ErrorNotice error={save.error} />
        <div class="dialog-actions">
          <button
            type="button"
            class="btn"
            onClick={() => {
              save.reset()
              props.onClose()
            }}
          >
            {t('common.cancel')}
          </button>
          <button type="submit" class="btn btn-primary" disabled={save.isPending}>
            {save.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  )
}
