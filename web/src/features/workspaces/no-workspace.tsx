// Shown to a signed-in user who belongs to no workspace: create one, or log out.
import { useI18n } from '../../i18n'
import { AuthLayout } from '../auth/auth-layout'
import { useLogout } from '../auth/use-logout'
import { CreateWorkspaceForm } from './create-workspace'

export function NoWorkspace() {
  const { t } = useI18n()
  const logout = useLogout()
  return (
    <AuthLayout title={t('workspaces.none')} intro={<p>{t('workspaces.noneBody')}</p>}>
      <CreateWorkspaceForm />
      <button type="button" class="btn btn-ghost btn-block" onClick={() => logout.mutate()}>
        {t('auth.logout')}
      </button>
    </AuthLayout>
  )
}
