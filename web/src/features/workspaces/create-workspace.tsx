// Creating a workspace: a small form, used in a dialog from the switcher and on the "no workspace" page.

import { useNavigate } from '@solidjs/router'
import { createSignal } from 'solid-js'
import { FIELD_LIMITS } from '../../../../domain/limits'
import { useI18n } from '../../i18n'
import { Modal } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { TextField } from '../../ui/field'
import { useCreateWorkspace } from './queries'

export function CreateWorkspaceForm(props: { onDone?: () => void; onCancel?: () => void }) {
  const { t } = useI18n()
  const navigate = useNavigate()
  const create = useCreateWorkspace()
  const [name, setName] = createSignal('')
  return (
    <form
      class="form"
      onSubmit={(e) => {
        e.preventDefault()
        create.mutate(name().trim(), {
          onSuccess: async (workspace) => {
            props.onDone?.()
            navigate(`/w/${workspace.id}`)
          },
        })
      }}
    >
      <TextField
        label={t('workspaces.name')}
        name="workspaceName"
        required
        maxLength={FIELD_LIMITS.name}
        value={name()}
        onValue={setName}
        autofocus
      />
      <ErrorNotice error={create.error} />
      <div class="form-actions">
        {props.onCancel && (
          <button type="button" class="btn" onClick={() => props.onCancel?.()}>
            {t('common.cancel')}
          </button>
        )}
        <button type="submit" class="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? t('common.creating') : t('workspaces.create')}
        </button>
      </div>
    </form>
  )
}

export function CreateWorkspaceDialog(props: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const { t } = useI18n()
  return (
    <Modal
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={t('workspaces.createTitle')}
      description={t('workspaces.createIntro')}
    >
      <CreateWorkspaceForm
        onDone={() => props.onOpenChange(false)}
        onCancel={() => props.onOpenChange(false)}
      />
    </Modal>
  )
}
