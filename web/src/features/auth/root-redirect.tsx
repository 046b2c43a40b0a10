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
  const me = createLocalQuery(() => ({ ...meQuery(), enabled: setup.data?.needed === false }))
  const target = () => preferredWorkspace(me.data?.workspaces ?? [])
  const errorPage = (error: unknown, retry: () => void) => <AuthError error={error} onRetry={retry} />
  return (
    <QueryView query={setup} loading={<Loading class="loading-page" />} error={errorPage}>
      {(status) => (
        <Show when={!status().needed} fallback={<Navigate href="/setup" />}>
          {/* 401 is an answer here: nobody is logged in. */}
          <QueryView
            query={me}
            loading={<Loading class="loading-page" />}
            error={(error, retry) => (
              <Show when={!isApiError(error, 401)} fallback={<Navigate href="/login" />}>
                {errorPage(error, retry)}
              </Show>
            )}
          >
            {(data) => (
              <Show when={target()} fallback={<NoWorkspace canCreate={data().user.canCreateWorkspace} />}>
                {(id) => <Navigate href={`/w/${id()}`} />}
              </Show>
            )}
          </QueryView>
        </Show>
      )}
    </QueryView>
  )
}
