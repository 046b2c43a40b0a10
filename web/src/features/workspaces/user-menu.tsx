// The account menu in the top bar: who is signed in, their role here, API tokens, light or dark, log out.
import { DropdownMenu } from '@kobalte/core/dropdown-menu'
import { useNavigate } from '@solidjs/router'
import { For } from 'solid-js'
import { useI18n } from '../../i18n'
import { chooseTheme, THEMES, type ThemeChoice, themeChoice } from '../../theme'
import { Avatar } from '../../ui/avatar'
import { CheckIcon, ChevronIcon, KeyIcon, LogoutIcon, MembersIcon } from '../../ui/icons'
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
          <DropdownMenu.Separator class="menu-separator" />
          <DropdownMenu.Group>
            <DropdownMenu.GroupLabel class="menu-label menu-group-label">
              {t('shell.theme')}
            </DropdownMenu.GroupLabel>
            <DropdownMenu.RadioGroup
              value={themeChoice()}
              onChange={(value) => chooseTheme(value as ThemeChoice)}
            >
              <For each={THEMES}>
                {(choice) => (
                  <DropdownMenu.RadioItem class="menu-item menu-radio" value={choice} closeOnSelect={false}>
                    <span class="menu-check" aria-hidden="true">
                      <DropdownMenu.ItemIndicator>
                        <CheckIcon />
                      </DropdownMenu.ItemIndicator>
                    </span>
                    <span>{t(`shell.themes.${choice}`)}</span>
                  </DropdownMenu.RadioItem>
                )}
              </For>
            </DropdownMenu.RadioGroup>
          </DropdownMenu.Group>
          <DropdownMenu.Separator class="menu-separator" />
          <DropdownMenu.Item class="menu-item" onSelect={() => logout.mutate()}>
            <LogoutIcon />
            <span>{t('auth.logout')}</span>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu>
  )
}
