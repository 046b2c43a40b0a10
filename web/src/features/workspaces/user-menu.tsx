// The account menu in the top bar: who is signed in, their role here, API tokens, log out.
import { DropdownMenu } from '@kobalte/core/dropdown-menu'
import { useNavigate } from '@solidjs/router'
import { useI18n } from '../../i18n'
import { Avatar } from '../../ui/avatar'
import { ChevronIcon, KeyIcon, LogoutIcon, MembersIcon } from '../../ui/icons'
import { useLogout } from '../auth/use-logout'
import { roleName } from '../roles/role-name'
import { useWorkspace } from './workspace-context'

export function UserMenu() {
  const i18n = useI18n()
  const { t } = i18n
  const ws = useWorkspace()
  const navigate = useNavigate()
  const logout = useLogout()
  return (
    <DropdownMenu gutter={4} placement="bottom-end">
      <DropdownMenu.Trigger class="user-trigger" aria-label={t('shell.userMenu')}>
        <Avatar name={ws.me().user.name} small />
        <span class="user-trigger-name">{ws.me().user.name}</span>
        <ChevronIcon />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="menu menu-wide">
          <div class="menu-header">
            <span class="menu-label">{t('shell.signedInAs')}</span>
            <span class="menu-header-name">{ws.me().user.name}</span>
            <span class="menu-item-sub">{ws.me().user.email}</span>
            <span class="menu-item-sub">
              {t('shell.roleHere', { role: roleName(ws.workspace().role, i18n) })}
            </span>
          </div>
          <DropdownMenu.Separator class="menu-separator" />
          <DropdownMenu.Item class="menu-item" onSelect={() => navigate(`/w/${ws.id()}/settings/account`)}>
            <MembersIcon />
            <span>{t('account.nav')}</span>
          </DropdownMenu.Item>
          <DropdownMenu.Item class="menu-item" onSelect={() => navigate(`/w/${ws.id()}/settings/tokens`)}>
            <KeyIcon />
            <span>{t('shell.tokens')}</span>
          </DropdownMenu.Item>
          <DropdownMenu.Item class="menu-item" onSelect={() => logout.mutate()}>
            <LogoutIcon />
            <span>{t('auth.logout')}</span>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu>
  )
}
