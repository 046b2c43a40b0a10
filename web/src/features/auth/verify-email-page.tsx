// Confirming a new email address from the link sent to it. Nothing happens on load (mail scanners open
// links): the address changes when the person presses Confirm. No login is needed, the link is the proof;
// one that is unknown, expired or used says so, and so does an address another account took meanwhile.
import { A, useParams } from '@solidjs/router'
import { createMutation, useQueryClient } from '@tanstack/solid-query'
import { Match, Switch } from 'solid-js'
import { ApiError, api, isApiError, unwrap } from '../../api'
import { useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { SubmitButton } from './auth-fields'
import { AuthLayout } from './auth-layout'
import { authKeys } from './queries'

export default function VerifyEmailPage() {
  const { t } = useI18n()
  const params = useParams<{ token: string }>()
  const queryClient = useQueryClient()
  const confirm = createMutation(() => ({
    mutationFn: () => unwrap(api.auth['email-change'].confirm.$post({ json: { token: params.token } })),
    // A signed-in tab shows the new address.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.me }),
  }))
  const unusable = () => isApiError(confirm.error, 404) || isApiError(confirm.error, 400)
  const taken = () =>
    confirm.error instanceof ApiError &&
    (confirm.error.details as { reason?: unknown } | undefined)?.reason === 'email_taken'

  return (
    <Switch
      fallback={
        <AuthLayout title={t('auth.verify.title')} intro={<p>{t('auth.verify.intro')}</p>}>
          <form
            class="form"
            onSubmit={(e) => {
              e.preventDefault()
              confirm.mutate()
            }}
          >
            <ErrorNotice error={confirm.error} />
            <SubmitButton
              busy={confirm.isPending}
              label={t('auth.verify.submit')}
              busyLabel={t('common.working')}
              autofocus
            />
          </form>
        </AuthLayout>
      }
    >
      <Match when={confirm.data}>
        {(answer) => (
          <AuthLayout title={t('auth.verify.doneTitle')}>
            <p class="notice notice-success" role="status" data-testid="verify-done">
              {t('auth.verify.done', { email: answer().email })}
            </p>
            <A class="btn btn-primary btn-block" href="/">
              {t('auth.verify.goOn')}
            </A>
          </AuthLayout>
        )}
      </Match>
      <Match when={unusable() || taken()}>
        <AuthLayout title={taken() ? t('auth.verify.takenTitle') : t('auth.verify.invalidTitle')}>
          <p class="auth-text" data-testid="verify-invalid">
            {taken() ? t('auth.verify.taken') : t('auth.verify.invalidBody')}
          </p>
          <A class="btn btn-block" href="/account">
            {t('auth.verify.toAccount')}
          </A>
        </AuthLayout>
      </Match>
    </Switch>
  )
}
