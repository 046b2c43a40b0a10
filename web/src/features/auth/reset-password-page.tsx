// Setting a new password with a reset link: emailed on request ("Forgot your password?"), made by an instance
// owner, or printed by `keel reset-password`. The link names the account; saving ends every other session
// of it and logs this browser in, unless the account has two-factor on: then the login page says the password
// is set, and the person logs in with it and a code.

import { useNavigate, useParams } from '@solidjs/router'
import { createMutation, useQueryClient } from '@tanstack/solid-query'
import { createSignal } from 'solid-js'
import { api, unwrap } from '../../api'
import { useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { createLocalQuery } from '../../ui/query-view'
import { EmailField, PasswordField, passwordProblem, SubmitButton } from './auth-fields'
import { AuthLayout } from './auth-layout'
import { LinkPage } from './link-page'
import { authKeys, forgetPreviousUser } from './queries'

export default function ResetPasswordPage() {
  const { t, formatDateTime } = useI18n()
  const params = useParams<{ token: string }>()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const link = createLocalQuery(() => ({
    queryKey: authKeys.passwordReset(params.token),
    queryFn: () => unwrap(api.auth['password-reset'][':token'].$get({ param: { token: params.token } })),
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
    onSuccess: (answer) => {
      // A new session for this account (or none yet, with two-factor on).
      forgetPreviousUser(queryClient)
      navigate(answer.signedIn ? '/' : '/login?notice=password-set', { replace: true })
    },
  }))

  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault()
    setProblem(
      passwordProblem(password(), t) ?? (password() !== repeat() ? t('auth.reset.mismatch') : undefined),
    )
    if (!problem()) save.mutate()
  }

  return (
    <LinkPage
      link={link}
      submitError={save.error}
      invalidTitle={t('auth.reset.invalidTitle')}
      invalidBody={t('auth.reset.invalidBody')}
      testId="reset-invalid"
    >
      {(info) => (
        <AuthLayout
          title={t('auth.reset.title')}
          intro={
            <p>{t('auth.reset.intro', { email: info().email, date: formatDateTime(info().expiresAt) })}</p>
          }
        >
          <form class="form" onSubmit={onSubmit}>
            <EmailField value={info().email} />
            <PasswordField
              isNew
              label={t('auth.reset.newPassword')}
              hint={t('auth.passwordHint')}
              value={password()}
              onValue={setPassword}
              autofocus
            />
            <PasswordField
              isNew
              label={t('auth.reset.repeat')}
              name="repeat"
              error={problem()}
              value={repeat()}
              onValue={setRepeat}
            />
            <ErrorNotice error={save.error} />
            <SubmitButton
              busy={save.isPending}
              label={t('auth.reset.submit')}
              busyLabel={t('common.working')}
            />
          </form>
        </AuthLayout>
      )}
    </LinkPage>
  )
}
