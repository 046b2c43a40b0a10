// Deleting a requirement or a task from its page: asked first, then the page goes where the item lived.
import { useNavigate } from '@solidjs/router'
import { useI18n } from '../../i18n'
import { ConfirmDialog } from '../../ui/dialog'
import { useWorkspace } from '../workspaces/workspace-context'
import { type ItemTarget, useDeleteItem } from './queries'

export function DeleteItemDialog(props: {
  open: boolean
  onOpenChange: (open: boolean) => void
  target: ItemTarget
  id: number
  itemKey: string
  /** Where to go once it is gone (e.g. the backlog, or the task's requirement). */
  after: () => string
}) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const navigate = useNavigate()
  const remove = useDeleteItem(ws.id)
  return (
    <ConfirmDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={t('items.deleteTitle', { key: props.itemKey })}
      body={t(props.target === 'task' ? 'items.deleteTaskBody' : 'items.deleteBody')}
      confirmLabel={t(props.target === 'task' ? 'items.deleteTask' : 'items.deleteRequirement')}
      onConfirm={() =>
        remove.mutateAsync({ target: props.target, id: props.id }).then(() => navigate(props.after()))
      }
    />
  )
}
