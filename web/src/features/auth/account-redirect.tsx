// "/account": your account page (profile, email address, notification preferences) in the workspace last
// opened on this device, else the first; the address links outside a workspace (emails, the unsubscribe
// page) lead to. Not signed in: the login page, which comes back here.
import { Navigate, useLocation } from '@solidjs/router'
import { Show } from 'solid-js'
import { isApiError } from '../../api'
import { Loading } from '../../ui/boundary'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { preferredWorkspace } from '../workspaces/last-workspace'
import { NoWorkspace } from '../workspaces/no-workspace'
import { AuthError } from './auth-layout'
import { meQuery } from './queries'

export default function AccountRedirect() {
  const location = useLocation()
  const me = createLocalQuery(meQuery)
  return (
    <QueryView
      query={me}
      loading={<Loading class="loading-page" />}
      error={(error, retry) => (
        <Show
          when={!isApiError(error, 401)}
          fallback={<Navigate href={`/login?next=${encodeURIComponent(`/account${location.hash}`)}`} />}
        >
          <AuthError error={error} onRetry={retry} />
        </Show>
      )}
    >
      {(data) => (
        <Show
          when={preferredWorkspace(data().workspaces)}
          fallback={<NoWorkspace canCreate={data().user.canCreateWorkspace} />}
        >
          {(id) => <Navigate href={`/w/${id()}/settings/account${location.hash}`} />}
        </Show>
      )}
    </QueryView>
  )
}
