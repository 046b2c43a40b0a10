// The second step of logging in to an account with two-factor on: a code from the authenticator app (or a
// recovery code), optionally remembering this browser for 30 days. A wrong code is said under the field; a
// log-in that expired (five minutes, or five wrong codes) goes back to the password.
import { createMutation } from '@tanstack/solid-query'
import { createSignal, Show } from 'solid-js'
import { ApiError, api, isApiError, unwrap } from '../../api'
import { type I18n, useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { SubmitButton } from './auth-fields'
import { CodeField } from './two-factor-parts'
import { cleanCode, reasonOf } from './two-factor-queries'

/** Too many wrong codes: the minutes the 429 says to wait, else "a few minutes". */
function throttledMessage(err: unknown, t: I18n['t']) {
  const details =
    err instanceof ApiError ? (err.details as { retryAfterSeconds?: unknown } | undefined) : undefined
  const seconds = details?.retryAfterSeconds
  return typeof seconds === 'number'
    ? t('account.twoFactor.signIn.throttled', { minutes: String(Math.max(1, Math.ceil(seconds / 60))) })
    : t('account.twoFactor.signIn.throttledSoon')
}

export function LoginCodeStep(props: {
  /** The session has started: go on as after any log-in. */
  onSignedIn: () => void
  /** The log-in is over: back to the password, saying why. */
  onExpired: () => void
  onBack: () => void
}) {
  const { t } = useI18n()
  const [code, setCode] = createSignal('')
  const [recovery, setRecovery] = createSignal(false)
  const [remember, setRemember] = createSignal(false)

  const verify = createMutation(() => ({
    mutationFn: () =>
      unwrap(api.auth.login.totp.$post({ json: { code: cleanCode(code()), rememberDevice: remember() } })),
    onSuccess: () => props.onSignedIn(),
    onError: (err) => {
      if (isApiError(err, 401) && reasonOf(err) !== 'wrong_code') props.onExpired()
    },
  }))
  const wrong = () => isApiError(verify.error, 401) && reasonOf(verify.error) === 'wrong_code'
  const toggle = () => {
    setRecovery(!recovery())
    setCode('')
    verify.reset()
  }
  const field = (asRecovery: boolean) => (
    <CodeField
      label={asRecovery ? t('account.twoFactor.signIn.recoveryCode') : t('account.twoFactor.signIn.code')}
      recovery={asRecovery}
      error={
        wrong()
          ? asRecovery
            ? t('account.twoFactor.signIn.wrongRecovery')
            : t('account.twoFactor.signIn.wrong')
          : undefined
      }
      value={code()}
      onValue={setCode}
      autofocus
    />
  )

  return (
    <form
      class="form"
      data-testid="login-code-step"
      onSubmit={(e) => {
        e.preventDefault()
        verify.mutate()
      }}
    >
      <p class="auth-text">
        {recovery() ? t('account.twoFactor.signIn.introRecovery') : t('account.twoFactor.signIn.intro')}
      </p>
      {/* Each kind of code has its own field, made anew and focused when the kind changes. */}
      <Show when={recovery()} fallback={field(false)}>
        {field(true)}
      </Show>
      <div class="field">
        <label class="checkbox">
          <input
            type="checkbox"
            name="rememberDevice"
            checked={remember()}
            onChange={(e) => setRemember(e.currentTarget.checked)}
          />
          {t('account.twoFactor.signIn.remember')}
        </label>
        <p class="field-hint">{t('account.twoFactor.signIn.rememberHint')}</p>
      </div>
      <ErrorNotice
        error={wrong() ? undefined : verify.error}
        overrides={{ 429: throttledMessage(verify.error, t) }}
      />
      <SubmitButton
        busy={verify.isPending}
        label={t('account.twoFactor.signIn.submit')}
        busyLabel={t('account.twoFactor.signIn.submitting')}
      />
      <div class="tf-login-options">
        <button type="button" class="link-btn" onClick={() => props.onBack()}>
          {t('account.twoFactor.signIn.back')}
        </button>
        <button type="button" class="link-btn" onClick={toggle}>
          {recovery() ? t('account.twoFactor.signIn.useApp') : t('account.twoFactor.signIn.useRecovery')}
        </button>
      </div>
    </form>
  )
}
