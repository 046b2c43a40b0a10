// First-run setup: creates the first user (the owner) and workspace, then enters the app. A secondary
// button creates the same account with the workspace filled with demo data.

import { Navigate, useNavigate } from '@solidjs/router'
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query'
import { createSignal, Match, Switch } from 'solid-js'
import { FIELD_LIMITS } from '../../../../domain/limits'
import { api, unwrap } from '../../api'
import { useI18n } from '../../i18n'
import { Loading } from '../../ui/boundary'
import { ErrorNotice } from '../../ui/errors'
import { TextField } from '../../ui/field'
import { AuthLayout } from './auth-layout'
import { authKeys, setupQuery } from './queries'
import './setup-page.css'

export default function SetupPage() {
  const { t } = useI18n()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const setup = createQuery(setupQuery)
  const [workspaceName, setWorkspaceName] = createSignal('')
  const [name, setName] = createSignal('')
  const [email, setEmail] = createSignal('')
  const [password, setPassword] = createSignal('')
  const [passwordError, setPasswordError] = createSignal<string>()
  /** Which submit button sent the form: the empty workspace or the demo. */
  const [demo, setDemo] = createSignal(false)

  const submit = createMutation(() => ({
    mutationFn: () =>
      unwrap(
        api.setup.$post({
          json: {
            workspaceName: workspaceName(),
            name: name(),
            email: email(),
            password: password(),
            demo: demo() || undefined,
          },
        }),
      ),
    onSuccess: (result) => {
      // Only marked stale: refetching now would flip this page to its "already set up" branch mid-navigation.
      void queryClient.invalidateQueries({ queryKey: authKeys.setup, refetchType: 'none' })
      void queryClient.invalidateQueries({ queryKey: authKeys.me })
      navigate(`/w/${result.workspace.id}`, { replace: true })
    },
  }))

  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault()
    if (password().length < 8) {
      setPasswordError(t('auth.passwordTooShort'))
      return
    }
    setPasswordError(undefined)
    submit.mutate()
  }

  return (
    <Switch fallback={<Loading class="loading-page" />}>
      <Match when={setup.isError}>
        <AuthLayout title={t('auth.setup.title')}>
          <ErrorNotice error={setup.error} onRetry={() => void setup.refetch()} />
        </AuthLayout>
      </Match>
      <Match when={setup.data?.needed === false}>
        <Navigate href="/login" />
      </Match>
      <Match when={setup.data?.needed}>
        <AuthLayout title={t('auth.setup.title')} intro={<p>{t('auth.setup.intro')}</p>}>
          <form class="form" onSubmit={onSubmit} novalidate={false}>
            <TextField
              label={t('auth.setup.workspaceName')}
              hint={t('auth.setup.workspaceHint')}
              name="workspaceName"
              required
              maxLength={FIELD_LIMITS.name}
              value={workspaceName()}
              onValue={setWorkspaceName}
              autofocus
            />
            <TextField
              label={t('auth.yourName')}
              name="name"
              autocomplete="name"
              required
              maxLength={FIELD_LIMITS.name}
              value={name()}
              onValue={setName}
            />
            <TextField
              label={t('auth.email')}
              name="email"
              type="email"
              autocomplete="email"
              required
              maxLength={FIELD_LIMITS.name}
              value={email()}
              onValue={setEmail}
            />
            <TextField
              label={t('auth.password')}
              name="password"
              type="password"
              autocomplete="new-password"
              required
              maxLength={FIELD_LIMITS.password.max}
              hint={t('auth.passwordHint')}
              error={passwordError()}
              value={password()}
              onValue={setPassword}
            />
            <ErrorNotice error={submit.error} overrides={{ 409: t('auth.setup.alreadyDone') }} />
            <button
              type="submit"
              class="btn btn-primary btn-block"
              disabled={submit.isPending}
              onClick={() => setDemo(false)}
            >
              {submit.isPending && !demo() ? t('common.creating') : t('auth.setup.submit')}
            </button>
            <div class="setup-or" aria-hidden="true">
              <span>{t('auth.setup.or')}</span>
            </div>
            <section class="setup-demo" aria-labelledby="setup-demo-title">
              <h2 id="setup-demo-title">{t('auth.setup.demoTitle')}</h2>
              <p>{t('auth.setup.demoBody')}</p>
              <button
                type="submit"
                class="btn btn-block"
                disabled={submit.isPending}
                onClick={() => setDemo(true)}
              >
                {submit.isPending && demo() ? t('auth.setup.demoCreating') : t('auth.setup.demoSubmit')}
              </button>
            </section>
          </form>
        </AuthLayout>
      </Match>
    </Switch>
  )
}
