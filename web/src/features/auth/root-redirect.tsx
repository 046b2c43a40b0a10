// "/": sends the visitor to setup, to the login page, or into their last (else first) workspace.
import { Navigate } from '@solidjs/router'
import { Show } from 'solid-js'
import { isApiError } from '../../api'
import { Loading } from '../../ui/boundary'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { preferredWorkspace } from '../workspaces/last-workspace'
import { NoWorkspace } from '../workspaces/no-workspace'
import { AuthError } from './auth-layout'
import { meQuery, setupQuery } from './queries'

export default function RootRedirect() {
  const setup = createLocalQuery(setupQuery)
  return (
    <QueryView
      query={setup}
      loading={<Loading class="loading-page" />}
      error={(error, retry) => <AuthError error={error} onRetry={retry} />}
    >
      {(status) => (
        <Show when={!status().needed} fallback={<Navigate href="/setup" />}>
          <IntoWorkspace login="/login" path={(id) => `/w/${id}`} />
        </Show>
      )}
    </QueryView>
  )
}

/**
 * Sends the signed-in visitor to `path` in their last (else first) workspace, or says they have none;
 * someone signed out goes to `login` (401 is an answer here: nobody is logged in).
 */
export function IntoWorkspace(props: { login: string; path: (workspaceId: number) => string }) {
  const me = createLocalQuery(meQuery)
  return (
    <QueryView
      query={me}
      loading={<Loading class="loading-page" />}
      error={(error, retry) => (
        <Show when={!isApiError(error, 401)} fallback={<Navigate href={props.login} />}>
          <AuthError error={error} onRetry={retry} />
        </Show>
      )}
    >
      {(data) => (
        <Show
          when={preferredWorkspace(data().workspaces)}
          fallback={<NoWorkspace canCreate={data().user.canCreateWorkspace} />}
        >
          {(id) => <Navigate href={props.path(id())} />}
        </Show>
      )}
    </QueryView>
  )
}
