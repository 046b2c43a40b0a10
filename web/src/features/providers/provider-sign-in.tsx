// The login page's company sign-in: why a single sign-on came back without signing in (`?sso=`), a button per
// OpenID Connect provider (a full-page navigation to the issuer, coming back to `next`), and the form of an
// LDAP directory, which answers like the password form (a session, or the two-factor step).
import { createMutation } from '@tanstack/solid-query'
import { createSignal, For, Show } from 'solid-js'
import { ApiError, api, unwrap } from '../../api'
import { type I18n, type MessageKey, useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { TextField } from '../../ui/field'
import { focusWhenShown, PasswordField, SubmitButton } from '../auth/auth-fields'
import { oidcStartUrl, type PublicProvider, reasonOf } from './queries'

/** The reasons a sign-in through a provider is refused, each with its message. */
export const SSO_REASONS = [
  'expired',
  'issuer_error',
  'invalid_token',
  'unavailable',
  'email_unverified',
  'no_email',
  'no_account',
  'deactivated',
  'unknown_provider',
] as const

/** The message for a reason of the server's (an unknown one still says that it did not work). */
export function ssoMessageKey(reason: string): MessageKey {
  const known = SSO_REASONS.find((r) => r === reason)
  return known ? `providers.sso.${known}` : 'providers.sso.unknown'
}

/** Why the last single sign-on did not sign in, from `/login?sso=<reason>`. */
export function SsoNotice(props: { reason: string | string[] | undefined }) {
  const { t } = useI18n()
  const reason = () => (Array.isArray(props.reason) ? props.reason[0] : props.reason)
  return (
    <Show when={reason()}>
      {(value) => (
        <p class="notice notice-warning" role="alert" data-testid="sso-notice">
          {t(ssoMessageKey(value()))}
        </p>
      )}
    </Show>
  )
}

/** "Sign in with …" for each OpenID Connect provider: plain links, so the browser leaves for the issuer. */
export function ProviderButtons(props: { providers: readonly PublicProvider[]; next: string | undefined }) {
  const { t } = useI18n()
  return (
    <div class="sso-buttons">
      <For each={props.providers}>
        {(provider) => (
          // rel="external": the router must not take it for one of its own pages.
          <a
            class="btn btn-block sso-button"
            href={oidcStartUrl(provider.id, props.next)}
            rel="external"
            data-provider={provider.id}
          >
            {t('providers.login.signInWith', { name: provider.name })}
          </a>
        )}
      </For>
    </div>
  )
}

/** A line with "or" in it, between ways of signing in. */
export function OrDivider() {
  const { t } = useI18n()
  return (
    <p class="sso-or">
      <span>{t('providers.login.or')}</span>
    </p>
  )
}

/** Too many failed attempts: the minutes the 429 says to wait, else "a few minutes". */
export function throttledText(err: unknown, t: I18n['t']) {
  const details =
    err instanceof ApiError ? (err.details as { retryAfterSeconds?: unknown } | undefined) : undefined
  const seconds = details?.retryAfterSeconds
  return typeof seconds === 'number'
    ? t('auth.login.throttled', { minutes: String(Math.max(1, Math.ceil(seconds / 60))) })
    : t('auth.login.throttledSoon')
}

/**
 * Signing in with a directory's user name and password. The login stays with the page (it is asked again
 * after Back from the code step); the password does not.
 */
export function DirectoryForm(props: {
  provider: PublicProvider
  login: string
  onLogin: (login: string) => void
  /** The account has two-factor on: the page asks for the code next. */
  onTwoFactor: () => void
  onSignedIn: () => void
  autofocus?: boolean
  /** Shown above the fields (e.g. that the code step expired). */
  notice?: string
}) {
  const { t } = useI18n()
  const [password, setPassword] = createSignal('')
  const signIn = createMutation(() => ({
    mutationFn: () =>
      unwrap(
        api.auth.ldap[':provider'].login.$post({
          param: { provider: props.provider.id },
          json: { login: props.login.trim(), password: password() },
        }),
      ),
    onSuccess: (answer) => {
      if (answer.twoFactorRequired) props.onTwoFactor()
      else props.onSignedIn()
    },
  }))
  const refusal = () => {
    const reason = reasonOf(signIn.error)
    return reason ? t(ssoMessageKey(reason)) : undefined
  }
  return (
    <form
      class="form"
      data-testid="directory-form"
      data-provider={props.provider.id}
      onSubmit={(e) => {
        e.preventDefault()
        signIn.mutate()
      }}
    >
      <Show when={props.notice}>
        <p class="notice notice-warning" role="alert">
          {props.notice}
        </p>
      </Show>
      <TextField
        label={t('providers.login.login')}
        name="login"
        autocomplete="username"
        autocapitalize="none"
        spellcheck={false}
        required
        maxLength={200}
        hint={t('providers.login.loginHint')}
        value={props.login}
        onValue={(login) => props.onLogin(login)}
        autofocus={props.autofocus}
        ref={(el) => props.autofocus && focusWhenShown(el)}
      />
      <PasswordField isNew={false} value={password()} onValue={setPassword} />
      <ErrorNotice
        error={signIn.error}
        overrides={{
          401: t('providers.login.wrong'),
          403: refusal(),
          429: throttledText(signIn.error, t),
          503: t('providers.login.directoryDown', { name: props.provider.name }),
        }}
      />
      <SubmitButton
        busy={signIn.isPending}
        label={t('providers.login.submit')}
        busyLabel={t('providers.login.submitting')}
      />
    </form>
  )
}
