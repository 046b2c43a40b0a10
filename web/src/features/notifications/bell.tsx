// The bell in the top bar: the inbox, with how many notifications are unread. The count is refreshed by the
// workspace's live stream (a `notification.*` change reaches only the person whose inbox it is).
import './inbox.css'
import { A } from '@solidjs/router'
import { Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { BellIcon } from '../../ui/icons'
import { createLocalQuery } from '../../ui/query-view'
import { useWorkspace } from '../workspaces/workspace-context'
import { unreadCountQuery } from './queries'

export function Bell() {
  const { t } = useI18n()
  const ws = useWorkspace()
  const count = createLocalQuery(() => unreadCountQuery(ws.id()))
  const unread = () => count.data?.unreadCount ?? 0
  return (
    <A
      href={`/w/${ws.id()}/inbox`}
      class="icon-btn bell"
      activeClass="active"
      aria-label={unread() ? t('inbox.bellUnread', { count: unread() }) : t('inbox.bell')}
      title={unread() ? t('inbox.bellUnread', { count: unread() }) : t('inbox.bell')}
      data-testid="bell"
    >
      <BellIcon />
      <Show when={unread() > 0}>
        <span class="bell-count" aria-hidden="true">
          {unread() > 99 ? '99+' : unread()}
        </span>
      </Show>
    </A>
  )
}
