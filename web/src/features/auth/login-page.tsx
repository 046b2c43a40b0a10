// Log in with email and password; 401 and 429 get their own clear messages; a forgotten password has its page.

import { A, Navigate, useNavigate, useSearchParams } from '@solidjs/router'
import { createMutation, useQueryClient } from '@tanstack/solid-query'
import { createSignal, Show } from 'solid-js'
import { ApiError, api, unwrap } from '../../api'
import { useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { createLocalQuery } from '../../ui/query-view'
import { EmailField, PasswordField, SubmitButton } from './auth-fields'
import { AuthLayout, safeNext } from './auth-layout'
import { forgetPreviousUser, setupQuery } from './queries'

export default function LoginPage() {
  const { t } = useI18n()
  const navigate = useNavigate()
  const [search] = useSearchParams()
  const queryClient = useQueryClient()
  // Whether to show this page at all; while that loads the form shows, and a failure leaves it there.
  const setup = createLocalQuery(setupQuery)
  const [email, setEmail] = createSignal('')
  const [password, setPassword] = createSignal('')

  const login = createMutation(() => ({
    mutationFn: () => unwrap(api.auth.login.$post({ json: { email: email(), password: password() } })),
    onSuccess: () => {
      forgetPreviousUser(queryClient)
      navigate(safeNext(search.next) ?? '/', { replace: true })
    },
  }))

  const throttledMessage = () => {
    const err = login.error
    if (!(err instanceof ApiError) || err.status !== 429) return t('auth.login.throttledSoon')
    const seconds = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds
    return typeof seconds === 'number'
      ? t('auth.login.throttled', { minutes: String(Math.max(1, Math.ceil(seconds / 60))) })
      : t('auth.login.throttledSoon')
  }

  return (
    <Show when={!setup.data?.needed} fallback={<Navigate href="/setup" />}>
      <AuthLayout title={t('auth.login.title')}>
        <form
          class="form"
          onSubmit={(e) => {
            e.preventDefault()
            login.mutate()
          }}
        >
          <EmailField value={email()} onValue={setEmail} autofocus />
          <PasswordField isNew={false} value={password()} onValue={setPassword} />
          <ErrorNotice
            error={login.error}
            overrides={{ 401: t('auth.login.wrong'), 429: throttledMessage() }}
          />
          <SubmitButton
            busy={login.isPending}
            label={t('auth.login.submit')}
            busyLabel={t('auth.login.submitting')}
          />
        </form>
        <p class="auth-footnote">{t('auth.login.noAccount')}</p>
        <p class="auth-footnote">
          <A href="/forgot-password">{t('auth.login.forgot')}</A>
        </p>
      </AuthLayout>
    </Show>
  )
}
