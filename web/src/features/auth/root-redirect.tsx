// "/": sends the visitor to setup, to the login page, or into their last (else first) workspace.
import { Navigate } from '@solidjs/router'
import { createQuery } from '@tanstack/solid-query'
import { Match, Switch } from 'solid-js'
import { isApiError } from '../../api'
import { useI18n } from '../../i18n'
import { Loading } from '../../ui/boundary'
import { ErrorNotice } from '../../ui/errors'
import { lastWorkspace } from '../workspaces/last-workspace'
import { NoWorkspace } from '../workspaces/no-workspace'
import { AuthLayout } from './auth-layout'
import { meQuery, setupQuery } from './queries'

export default function RootRedirect() {
  const { t } = useI18n()
  const setup = createQuery(setupQuery)
  const me = createQuery(() => ({ ...meQuery(), enabled: setup.data?.needed === false }))
  const target = () => {
    const workspaces = me.data?.workspaces ?? []
    const last = lastWorkspace()
    return (workspaces.find((w) => w.id === last) ?? workspaces[0])?.id
  }
  return (
    <Switch fallback={<Loading class="loading-page" />}>
      <Match when={setup.isError || (me.isError && !isApiError(me.error, 401))}>
        <AuthLayout title={t('errors.title')}>
          <ErrorNotice
            error={setup.error ?? me.error}
            onRetry={() => void (setup.isError ? setup : me).refetch()}
          />
        </AuthLayout>
      </Match>
      <Match when={setup.data?.needed}>
        <Navigate href="/setup" />
      </Match>
      <Match when={isApiError(me.error, 401)}>
        <Navigate href="/login" />
      </Match>
      <Match when={target()}>{(id) => <Navigate href={`/w/${id()}`} />}</Match>
      <Match when={me.data}>{(data) => <NoWorkspace canCreate={data().user.canCreateWorkspace} />}</Match>
    </Switch>
  )
}
