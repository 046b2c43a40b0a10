// "Forgot your password?": asks for a reset link by email. The answer is the same whether or not an
// account uses the address (nobody learns which addresses exist); without email on the server, it says
// whom to ask for a link instead; too many requests, how long to wait. The link opens reset-password-page.
import { A } from '@solidjs/router'
import { createMutation } from '@tanstack/solid-query'
import { createSignal, Show } from 'solid-js'
import { ApiError, api, unwrap } from '../../api'
import { useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { EmailField, SubmitButton } from './auth-fields'
import { AuthLayout } from './auth-layout'

export default function ForgotPasswordPage() {
  const { t } = useI18n()
  const [email, setEmail] = createSignal('')
  const [sentTo, setSentTo] = createSignal<string>()

  const request = createMutation(() => ({
    mutationFn: (address: string) => unwrap(api.auth['password-reset'].$post({ json: { email: address } })),
    onSuccess: (_answer, address) => setSentTo(address),
  }))

  const emailOff = () =>
    request.error instanceof ApiError &&
    request.error.status === 409 &&
    (request.error.details as { reason?: unknown } | undefined)?.reason === 'email_off'

  const throttled = () => {
    const err = request.error
    const seconds =
      err instanceof ApiError
        ? (err.details as { retryAfterSeconds?: unknown })?.retryAfterSeconds
        : undefined
    return typeof seconds === 'number'
      ? t('auth.forgot.throttled', { minutes: String(Math.max(1, Math.ceil(seconds / 60))) })
      : t('auth.forgot.throttledSoon')
  }

  return (
    <Show
      when={sentTo()}
      fallback={
        <AuthLayout title={t('auth.forgot.title')} intro={<p>{t('auth.forgot.intro')}</p>}>
          <form
            class="form"
            onSubmit={(e) => {
              e.preventDefault()
              request.mutate(email().trim())
            }}
          >
            <EmailField value={email()} onValue={setEmail} autofocus />
            <Show
              when={emailOff()}
              fallback={<ErrorNotice error={request.error} overrides={{ 429: throttled() }} />}
            >
              <p class="notice notice-warning" role="alert" data-testid="forgot-email-off">
                {t('auth.forgot.emailOff')}
              </p>
            </Show>
            <SubmitButton
              busy={request.isPending}
              label={t('auth.forgot.submit')}
              busyLabel={t('common.working')}
            />
          </form>
          <p class="auth-footnote">
            <A href="/login">{t('auth.forgot.backToLogin')}</A>
          </p>
        </AuthLayout>
      }
    >
      {(address) => (
        <AuthLayout title={t('auth.forgot.sentTitle')}>
          <p class="notice notice-success" role="status" data-testid="forgot-sent">
            {t('auth.forgot.sent', { email: address() })}
          </p>
          <p class="auth-text">{t('auth.forgot.sentHint')}</p>
          <A class="btn btn-primary btn-block" href="/login">
            {t('auth.forgot.backToLogin')}
          </A>
          <button
            type="button"
            class="btn btn-ghost btn-block"
            onClick={() => {
              setSentTo(undefined)
              request.reset()
            }}
          >
            {t('auth.forgot.tryAgain')}
          </button>
        </AuthLayout>
      )}
    </Show>
  )
}
