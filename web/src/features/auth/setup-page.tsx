// First-run setup: creates the first user (the owner) and workspace, then enters the app. A secondary
// button creates the same account with the workspace filled with demo data.

import { Navigate, useNavigate } from '@solidjs/router'
import { createMutation, useQueryClient } from '@tanstack/solid-query'
import { createSignal, Show } from 'solid-js'
import { FIELD_LIMITS } from '../../../../domain/limits'
import { api, unwrap } from '../../api'
import { useI18n } from '../../i18n'
import { Loading } from '../../ui/boundary'
import { ErrorNotice } from '../../ui/errors'
import { TextField } from '../../ui/field'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { EmailField, NameField, PasswordField, passwordProblem, SubmitButton } from './auth-fields'
import { AuthError, AuthLayout } from './auth-layout'
import { authKeys, setupQuery } from './queries'
import './setup-page.css'

export default function SetupPage() {
  const { t } = useI18n()
  const setup = createLocalQuery(setupQuery)
  return (
    <QueryView
      query={setup}
      loading={<Loading class="loading-page" />}
      error={(error, retry) => <AuthError title={t('auth.setup.title')} error={error} onRetry={retry} />}
    >
      {(status) => (
        <Show when={status().needed} fallback={<Navigate href="/login" />}>
          <AuthLayout title={t('auth.setup.title')} intro={<p>{t('auth.setup.intro')}</p>}>
            <SetupForm />
          </AuthLayout>
        </Show>
      )}
    </QueryView>
  )
}

function SetupForm() {
  const { t } = useI18n()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
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
    setPasswordError(passwordProblem(password(), t))
    if (!passwordError()) submit.mutate()
  }

  return (
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
      <NameField value={name()} onValue={setName} />
      <EmailField autocomplete="email" value={email()} onValue={setEmail} />
      <PasswordField
        isNew
        hint={t('auth.passwordHint')}
        error={passwordError()}
        value={password()}
        onValue={setPassword}
      />
      <ErrorNotice error={submit.error} overrides={{ 409: t('auth.setup.alreadyDone') }} />
      <SubmitButton
        busy={submit.isPending && !demo()}
        disabled={submit.isPending}
        label={t('auth.setup.submit')}
        busyLabel={t('common.creating')}
        onClick={() => setDemo(false)}
      />
      <div class="setup-or" aria-hidden="true">
        <span>{t('auth.setup.or')}</span>
      </div>
      <section class="setup-demo" aria-labelledby="setup-demo-title">
        <h2 id="setup-demo-title">{t('auth.setup.demoTitle')}</h2>
        <p>{t('auth.setup.demoBody')}</p>
        <SubmitButton
          primary={false}
          busy={submit.isPending && demo()}
          disabled={submit.isPending}
          label={t('auth.setup.demoSubmit')}
          busyLabel={t('auth.setup.demoCreating')}
          onClick={() => setDemo(true)}
        />
      </section>
    </form>
  )
}
