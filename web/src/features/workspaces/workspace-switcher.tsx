// The workspace menu at the top of the sidebar: the user's workspaces and "create workspace".
import { DropdownMenu } from '@kobalte/core/dropdown-menu'
import { useNavigate } from '@solidjs/router'
import { createSignal, For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { Avatar } from '../../ui/avatar'
import { CheckIcon, ChevronIcon, PlusIcon } from '../../ui/icons'
import { afterMenuCloses } from '../../ui/menu'
import { roleName } from '../roles/role-name'
import { CreateWorkspaceDialog } from './create-workspace'
import { useWorkspace } from './workspace-context'

export function WorkspaceSwitcher() {
  const i18n = useI18n()
  const { t } = i18n
  const ws = useWorkspace()
  const navigate = useNavigate()
  const [creating, setCreating] = createSignal(false)
  const menu = afterMenuCloses()
  return (
    <>
      <DropdownMenu gutter={4} placement="bottom-start">
        <DropdownMenu.Trigger class="switcher" aria-label={t('workspaces.switcher')}>
          <Avatar name={ws.workspace().name} square />
          <span class="switcher-name">{ws.workspace().name}</span>
          <ChevronIcon />
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content class="menu menu-wide" onCloseAutoFocus={menu.onCloseAutoFocus}>
            <DropdownMenu.Group>
              <DropdownMenu.GroupLabel class="menu-label">
                {t('workspaces.yourWorkspaces')}
              </DropdownMenu.GroupLabel>
              <For each={ws.me().workspaces}>
                {(w) => (
                  <DropdownMenu.Item class="menu-item" onSelect={() => navigate(`/w/${w.id}`)}>
                    <Avatar name={w.name} square small />
                    <span class="menu-item-text">
                      <span>{w.name}</span>
                      <span class="menu-item-sub">{roleName(w.role, i18n)}</span>
                    </span>
                    <span class="menu-check">{w.id === ws.id() ? <CheckIcon /> : null}</span>
                  </DropdownMenu.Item>
                )}
              </For>
            </DropdownMenu.Group>
            <Show when={ws.me().user.canCreateWorkspace}>
              <DropdownMenu.Separator class="menu-separator" />
              <DropdownMenu.Item class="menu-item" onSelect={() => menu.open(() => setCreating(true))}>
                <PlusIcon />
                <span>{t('workspaces.create')}</span>
              </DropdownMenu.Item>
            </Show>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu>
      <CreateWorkspaceDialog open={creating()} onOpenChange={setCreating} />
    </>
  )
}
