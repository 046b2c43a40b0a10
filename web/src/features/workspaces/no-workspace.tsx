// Shown to a signed-in user who belongs to no workspace: create one, or log out.
import { Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { AuthLayout } from '../auth/auth-layout'
import { useLogout } from '../auth/use-logout'
import { CreateWorkspaceForm } from './create-workspace'

export function NoWorkspace(props: { canCreate: boolean }) {
  const { t } = useI18n()
  const logout = useLogout()
  return (
    <AuthLayout
      title={t('workspaces.none')}
      intro={<p>{props.canCreate ? t('workspaces.noneBody') : t('workspaces.noneInviteOnly')}</p>}
    >
      <Show when={props.canCreate}>
        <CreateWorkspaceForm />
      </Show>
      <button type="button" class="btn btn-ghost btn-block" onClick={() => logout.mutate()}>
        {t('auth.logout')}
      </button>
    </AuthLayout>
  )
}
