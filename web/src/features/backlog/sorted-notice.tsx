// After "sort by score": says so, and offers to put the backlog back as it was, as long as nobody has
// re-ranked it since (the server answers 409 then, and the notice says the order has changed).
import { Show } from 'solid-js'
import { isApiError } from '../../api'
import { useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { type SortByScoreAnswer, useSetBacklogOrder } from './queries'

export function SortedNotice(props: {
  workspaceId: () => number
  productId: number
  sorted: SortByScoreAnswer
  onDone: () => void
}) {
  const { t } = useI18n()
  const restore = useSetBacklogOrder(props.workspaceId, () => props.productId)
  const undo = () =>
    restore.mutate(
      { order: props.sorted.previous, expected: props.sorted.order },
      { onSuccess: props.onDone },
    )
  return (
    <div class="notice notice-info backlog-created" role="status">
      <span class="notice-body">{t('backlog.sorted', { count: String(props.sorted.changed) })}</span>
      <Show
        when={!isApiError(restore.error, 409)}
        fallback={<span class="notice-body">{t('backlog.undoTooLate')}</span>}
      >
        <button type="button" class="btn btn-small" disabled={restore.isPending} onClick={undo}>
          {restore.isPending ? t('common.working') : t('backlog.undoSort')}
        </button>
      </Show>
      <button type="button" class="btn btn-small btn-ghost" onClick={() => props.onDone()}>
        {t('common.close')}
      </button>
      <Show when={restore.error && !isApiError(restore.error, 409)}>
        <ErrorNotice error={restore.error} />
      </Show>
    </div>
  )
}
