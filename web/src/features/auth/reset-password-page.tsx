// Setting a new password with a reset link an instance owner made (or `keel reset-password`): the link
// names the account; saving ends every other session of it and logs this browser in.

import { useNavigate, useParams } from '@solidjs/router'
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query'
import { createSignal, Match, Switch } from 'solid-js'
import { FIELD_LIMITS } from '../../../../domain/limits'
import { api, isApiError, unwrap } from '../../api'
import { useI18n } from '../../i18n'
import { Loading } from '../../ui/boundary'
import { ErrorNotice } from '../../ui/errors'
import { TextField } from '../../ui/field'
import { AuthLayout, UnusableLink } from './auth-layout'
import { authKeys } from './queries'

export default function ResetPasswordPage() {
  const { t, formatDateTime } = useI18n()
  const params = useParams<{ token: string }>()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const link = createQuery(() => ({
    queryKey: authKeys.passwordReset(params.token),
    queryFn: () => unwrap(api.auth['password-reset'][':token'].$get({ param: { token: params.token } })),
    throwOnError: false,
    staleTime: Number.POSITIVE_INFINITY,
  }))
  const [password, setPassword] = createSignal('')
  const [repeat, setRepeat] = createSignal('')
  const [problem, setProblem] = createSignal<string>()

  const save = createMutation(() => ({
    mutationFn: () =>
      unwrap(
        api.auth['password-reset'].confirm.$post({ json: { token: params.token, password: password() } }),
      ),
    onSuccess: () => {
      // A new session for this account: nothing cached for whoever used this browser before may show.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== authKeys.setup[0] })
      navigate('/', { replace: true })
    },
  }))

  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault()
    if (password().length < 8) return setProblem(t('auth.passwordTooShort'))
    if (password() !== repeat()) return setProblem(t('auth.reset.mismatch'))
    setProblem(undefined)
    save.mutate()
  }

  const invalid = () =>
    isApiError(link.error, 404) || isApiError(link.error, 400) || isApiError(save.error, 404)

  return (
    <Switch fallback={<Loading class="loading-page" />}>
      <Match when={invalid()}>
        <UnusableLink
          title={t('auth.reset.invalidTitle')}
          body={t('auth.reset.invalidBody')}
          testId="reset-invalid"
        />
      </Match>
      <Match when={link.isError}>
        <AuthLayout title={t('errors.title')}>
          <ErrorNotice error={link.error} onRetry={() => void link.refetch()} />
        </AuthLayout>
      </Match>
      <Match when={link.data}>
        {(info) => (
          <AuthLayout
            title={t('auth.reset.title')}
            intro={
              <p>{t('auth.reset.intro', { email: info().email, date: formatDateTime(info().expiresAt) })}</p>
            }
          >
            <form class="form" onSubmit={onSubmit}>
              <TextField
                label={t('auth.email')}
                name="email"
                type="email"
                autocomplete="username"
                readOnly
                value={info().email}
                onValue={() => {}}
              />
              <TextField
                label={t('auth.reset.newPassword')}
                name="password"
                type="password"
                autocomplete="new-password"
                required
                maxLength={FIELD_LIMITS.password.max}
                hint={t('auth.passwordHint')}
                value={password()}
                onValue={setPassword}
                autofocus
              />
              <TextField
                label={t('auth.reset.repeat')}
                name="repeat"
                type="password"
                autocomplete="new-password"
                required
                maxLength={FIELD_LIMITS.password.max}
                error={problem()}
                value={repeat()}
                onValue={setRepeat}
              />
              <ErrorNotice error={save.error} />
              <button type="submit" class="btn btn-primary btn-block" disabled={save.isPending}>
                {save.isPending ? t('common.working') : t('auth.reset.submit')}
              </button>
            </form>
          </AuthLayout>
        )}
      </Match>
    </Switch>
  )
}
