// Accepting an invite link: a new person picks a name and password; someone with an account enters theirs.
// An account with two-factor on joins without being logged in: the login page says so, then opens the workspace.

import { useNavigate, useParams } from '@solidjs/router'
import { createMutation, useQueryClient } from '@tanstack/solid-query'
import { createSignal, Show } from 'solid-js'
import { api, unwrap } from '../../api'
import { useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { createLocalQuery } from '../../ui/query-view'
import { EmailField, NameField, PasswordField, passwordProblem, SubmitButton } from './auth-fields'
import { AuthLayout } from './auth-layout'
import { LinkPage } from './link-page'
import { authKeys, forgetPreviousUser } from './queries'

export default function InvitePage() {
  const { t, formatDate } = useI18n()
  const params = useParams<{ token: string }>()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const invite = createLocalQuery(() => ({
    queryKey: authKeys.invite(params.token),
    queryFn: () => unwrap(api.invites[':token'].$get({ param: { token: params.token } })),
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
      forgetPreviousUser(queryClient)
      const workspace = `/w/${result.workspaceId}`
      navigate(result.signedIn ? workspace : `/login?notice=joined&next=${encodeURIComponent(workspace)}`, {
        replace: true,
      })
    },
  }))

  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault()
    // Someone with an account types the password they have, whatever its length.
    setPasswordError(invite.data?.existingUser ? undefined : passwordProblem(password(), t))
    if (!passwordError()) accept.mutate()
  }

  return (
    <LinkPage
      link={invite}
      submitError={accept.error}
      invalidTitle={t('auth.invite.invalidTitle')}
      invalidBody={t('auth.invite.invalidBody')}
      testId="invite-invalid"
    >
      {(info) => (
        <AuthLayout
          title={t('auth.invite.title', { workspace: info().workspaceName })}
          intro={
            <>
              <p>{t('auth.invite.invitedAs', { email: info().email, date: formatDate(info().expiresAt) })}</p>
              <p>{info().existingUser ? t('auth.invite.existingUser') : t('auth.invite.newUser')}</p>
            </>
          }
        >
          <form class="form" onSubmit={onSubmit}>
            <EmailField value={info().email} />
            <Show when={!info().existingUser}>
              <NameField value={name() ?? info().name} onValue={setName} />
            </Show>
            <PasswordField
              isNew={!info().existingUser}
              hint={info().existingUser ? undefined : t('auth.passwordHint')}
              error={passwordError()}
              value={password()}
              onValue={setPassword}
              autofocus
            />
            <ErrorNotice error={accept.error} overrides={{ 401: t('auth.invite.wrongPassword') }} />
            <SubmitButton
              busy={accept.isPending}
              label={t('auth.invite.submit')}
              busyLabel={t('common.working')}
            />
          </form>
        </AuthLayout>
      )}
    </LinkPage>
  )
}
