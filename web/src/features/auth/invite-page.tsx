// Accepting an invite link: a new person picks a name and password; someone with an account enters theirs.

import { useNavigate, useParams } from '@solidjs/router'
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query'
import { createSignal, Match, Show, Switch } from 'solid-js'
import { FIELD_LIMITS } from '../../../../domain/limits'
import { api, isApiError, unwrap } from '../../api'
import { useI18n } from '../../i18n'
import { Loading } from '../../ui/boundary'
import { ErrorNotice } from '../../ui/errors'
import { TextField } from '../../ui/field'
import { AuthLayout, UnusableLink } from './auth-layout'
import { authKeys } from './queries'

export default function InvitePage() {
  const { t, formatDate } = useI18n()
  const params = useParams<{ token: string }>()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const invite = createQuery(() => ({
    queryKey: authKeys.invite(params.token),
    queryFn: () => unwrap(api.invites[':token'].$get({ param: { token: params.token } })),
    throwOnError: false,
    staleTime: Number.POSITIVE_INFINITY,
  }))
  const [name, setName] = createSignal<string>()
  const [password, setPassword] = createSignal('')
  const [passwordError, setPasswordError] = createSignal<string>()

  const accept = createMutation(() => ({
    mutationFn: () =>
      unwrap(
        api.invites[':token'].accept.$post({
          param: { token: params.token },
          json: invite.data?.existingUser
            ? { password: password() }
            : { name: name() ?? invite.data?.name ?? '', password: password() },
        }),
      ),
    onSuccess: (result) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== authKeys.setup[0] })
      navigate(`/w/${result.workspaceId}`, { replace: true })
    },
  }))

  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault()
    if (!invite.data?.existingUser && password().length < 8) {
      setPasswordError(t('auth.passwordTooShort'))
      return
    }
    setPasswordError(undefined)
    accept.mutate()
  }

  const invalid = () =>
    isApiError(invite.error, 404) || isApiError(invite.error, 400) || isApiError(accept.error, 404)

  return (
    <Switch fallback={<Loading class="loading-page" />}>
      <Match when={invalid()}>
        <UnusableLink
          title={t('auth.invite.invalidTitle')}
          body={t('auth.invite.invalidBody')}
          testId="invite-invalid"
        />
      </Match>
      <Match when={invite.isError}>
        <AuthLayout title={t('errors.title')}>
          <ErrorNotice error={invite.error} onRetry={() => void invite.refetch()} />
        </AuthLayout>
      </Match>
      <Match when={invite.data}>
        {(info) => (
          <AuthLayout
            title={t('auth.invite.title', { workspace: info().workspaceName })}
            intro={
              <>
                <p>
                  {t('auth.invite.invitedAs', { email: info().email, date: formatDate(info().expiresAt) })}
                </p>
                <p>{info().existingUser ? t('auth.invite.existingUser') : t('auth.invite.newUser')}</p>
              </>
            }
          >
            <form class="form" onSubmit={onSubmit}>
              {/* The email is fixed by the invite; it is shown for password managers and for clarity. */}
              <TextField
                label={t('auth.email')}
                name="email"
                type="email"
                autocomplete="username"
                readOnly
                value={info().email}
                onValue={() => {}}
              />
              <Show when={!info().existingUser}>
                <TextField
                  label={t('auth.yourName')}
                  name="name"
                  autocomplete="name"
                  required
                  maxLength={FIELD_LIMITS.name}
                  value={name() ?? info().name}
                  onValue={setName}
                />
              </Show>
              <TextField
                label={t('auth.password')}
                name="password"
                type="password"
                autocomplete={info().existingUser ? 'current-password' : 'new-password'}
                required
                maxLength={FIELD_LIMITS.password.max}
                hint={info().existingUser ? undefined : t('auth.passwordHint')}
                error={passwordError()}
                value={password()}
                onValue={setPassword}
                autofocus
              />
              <ErrorNotice error={accept.error} overrides={{ 401: t('auth.invite.wrongPassword') }} />
              <button type="submit" class="btn btn-primary btn-block" disabled={accept.isPending}>
                {accept.isPending ? t('common.working') : t('auth.invite.submit')}
              </button>
            </form>
          </AuthLayout>
        )}
      </Match>
    </Switch>
  )
}
