// Log in with email and password; 401 and 429 get their own clear messages.

import { Navigate, useNavigate, useSearchParams } from '@solidjs/router'
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query'
import { createSignal, Show } from 'solid-js'
import { FIELD_LIMITS } from '../../../../domain/limits'
import { ApiError, api, unwrap } from '../../api'
import { useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { TextField } from '../../ui/field'
import { AuthLayout, safeNext } from './auth-layout'
import { authKeys, setupQuery } from './queries'

export default function LoginPage() {
  const { t } = useI18n()
  const navigate = useNavigate()
  const [search] = useSearchParams()
  const queryClient = useQueryClient()
  const setup = createQuery(setupQuery)
  const [email, setEmail] = createSignal('')
  const [password, setPassword] = createSignal('')

  const login = createMutation(() => ({
    mutationFn: () => unwrap(api.auth.login.$post({ json: { email: email(), password: password() } })),
    onSuccess: () => {
      // Nothing cached for a previous user may leak into this session.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== authKeys.setup[0] })
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
          <TextField
            label={t('auth.email')}
            name="email"
            type="email"
            autocomplete="username"
            required
            maxLength={FIELD_LIMITS.name}
            value={email()}
            onValue={setEmail}
            autofocus
          />
          <TextField
            label={t('auth.password')}
            name="password"
            type="password"
            autocomplete="current-password"
            required
            maxLength={FIELD_LIMITS.password.max}
            value={password()}
            onValue={setPassword}
          />
          <ErrorNotice
            error={login.error}
            overrides={{ 401: t('auth.login.wrong'), 429: throttledMessage() }}
          />
          <button type="submit" class="btn btn-primary btn-block" disabled={login.isPending}>
            {login.isPending ? t('auth.login.submitting') : t('auth.login.submit')}
          </button>
        </form>
        <p class="auth-footnote">{t('auth.login.noAccount')}</p>
        <p class="auth-footnote">{t('auth.login.forgot')}</p>
      </AuthLayout>
    </Show>
  )
}
