// Log in with email and password; 401 and 429 get their own clear messages; a forgotten password has its page.
// An account with two-factor on then asks for a code in the same card (login-code-step.tsx). A reset link or
// an invite that could not log in (two-factor is on) sends people here with a `notice` saying so.
// Company sign-in (features/providers) adds a button per OpenID Connect provider and a tab per LDAP
// directory; with passwords switched off they come first, and the password form waits behind a link for
// instance owners.

import { Tabs } from '@kobalte/core/tabs'
import { A, Navigate, useNavigate, useSearchParams } from '@solidjs/router'
import { createMutation, useQueryClient } from '@tanstack/solid-query'
import { createSignal, For, Show } from 'solid-js'
import { ApiError, api, unwrap } from '../../api'
import { useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { createLocalQuery } from '../../ui/query-view'
import { DirectoryForm, OrDivider, ProviderButtons, SsoNotice } from '../providers/provider-sign-in'
import '../providers/providers.css'
import { type PublicProvider, reasonOf, signInOptionsQuery } from '../providers/queries'
import { EmailField, PasswordField, SubmitButton } from './auth-fields'
import { AuthLayout, safeNext } from './auth-layout'
import { LoginCodeStep } from './login-code-step'
import { forgetPreviousUser, setupQuery } from './queries'

/** Why the reset and invite pages sent someone here instead of into the app (`?notice=`). */
export const LOGIN_NOTICES = {
  'password-set': 'account.twoFactor.afterReset',
  joined: 'account.twoFactor.afterInvite',
} as const

const noticeKey = (notice: string | string[] | undefined) => {
  const value = Array.isArray(notice) ? notice[0] : notice
  return value && value in LOGIN_NOTICES ? LOGIN_NOTICES[value as keyof typeof LOGIN_NOTICES] : undefined
}

/** The key of the password form among the tabs; a directory's is `ldap:<slug>`. */
const PASSWORD = 'password'
const directoryKey = (provider: PublicProvider) => `ldap:${provider.id}`

export default function LoginPage() {
  const { t } = useI18n()
  const navigate = useNavigate()
  const [search] = useSearchParams()
  const queryClient = useQueryClient()
  // Whether to show this page at all; while that loads the form shows, and a failure leaves it there.
  const setup = createLocalQuery(setupQuery)
  const [email, setEmail] = createSignal('')
  const [password, setPassword] = createSignal('')
  // After a right password, an account with two-factor on is asked for a code.
  const [step, setStep] = createSignal<'password' | 'code'>('password')
  // Back from the code step (Back, or the log-in expired): the email stays, the password is asked again.
  const [returned, setReturned] = createSignal<'back' | 'expired'>()
  // Company sign-in: the providers on offer, and whether passwords come first (they do unless the instance
  // keeps them for its owners and offers another way in; while that loads, or if it fails, the form shows).
  const options = createLocalQuery(signInOptionsQuery)
  const providers = () => options.data?.providers ?? []
  const issuers = () => providers().filter((p) => p.type === 'oidc')
  const directories = () => providers().filter((p) => p.type === 'ldap')
  const passwordsFirst = () => options.data?.passwordSignIn !== false || providers().length === 0
  // Passwords off: an instance owner opens the password form with a link (the break-glass path).
  const [ownerPassword, setOwnerPassword] = createSignal(false)
  // The forms in tabs: the password's (when it comes first) and each directory's; the one chosen.
  const forms = () => [...(passwordsFirst() ? [PASSWORD] : []), ...directories().map(directoryKey)]
  const [chosen, setChosen] = createSignal<string>()
  const method = () => {
    const key = chosen()
    return key !== undefined && forms().includes(key) ? key : forms()[0]
  }
  const [directoryLogin, setDirectoryLogin] = createSignal('')

  const signedIn = () => {
    forgetPreviousUser(queryClient)
    navigate(safeNext(search.next) ?? '/', { replace: true })
  }
  const login = createMutation(() => ({
    mutationFn: () => unwrap(api.auth.login.$post({ json: { email: email(), password: password() } })),
    onSuccess: (answer) => {
      if (answer.twoFactorRequired) setStep('code')
      else signedIn()
    },
  }))
  const backToPassword = (why: 'back' | 'expired') => {
    login.reset()
    setPassword('')
    setReturned(why)
    setStep('password')
  }
  const notice = () => noticeKey(search.notice)

  const throttledMessage = () => {
    const err = login.error
    if (!(err instanceof ApiError) || err.status !== 429) return t('auth.login.throttledSoon')
    const seconds = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds
    return typeof seconds === 'number'
      ? t('auth.login.throttled', { minutes: String(Math.max(1, Math.ceil(seconds / 60))) })
      : t('auth.login.throttledSoon')
  }

  const passwordForm = () => (
    <form
      class="form"
      data-testid="password-form"
      onSubmit={(e) => {
        e.preventDefault()
        if (returned() === 'expired') setReturned('back')
        login.mutate()
      }}
    >
      <Show when={notice()}>
        {(key) => (
          <p class="notice notice-success" role="status" data-testid="login-notice">
            {t(key())}
          </p>
        )}
      </Show>
      <Show when={returned() === 'expired'}>
        <p class="notice notice-warning" role="alert" data-testid="login-expired">
          {t('account.twoFactor.signIn.expired')}
        </p>
      </Show>
      <EmailField value={email()} onValue={setEmail} autofocus={!returned() && !chosen()} />
      <PasswordField isNew={false} value={password()} onValue={setPassword} autofocus={!!returned()} />
      <ErrorNotice
        error={login.error}
        overrides={{
          401: t('auth.login.wrong'),
          403:
            reasonOf(login.error) === 'password_sign_in_off' ? t('providers.login.passwordOff') : undefined,
          429: throttledMessage(),
        }}
      />
      <SubmitButton
        busy={login.isPending}
        label={t('auth.login.submit')}
        busyLabel={t('auth.login.submitting')}
      />
    </form>
  )
  const directoryForm = (provider: PublicProvider, first: boolean) => (
    <DirectoryForm
      provider={provider}
      login={directoryLogin()}
      onLogin={setDirectoryLogin}
      onTwoFactor={() => setStep('code')}
      onSignedIn={signedIn}
      autofocus={first && !chosen()}
      notice={returned() === 'expired' ? t('account.twoFactor.signIn.expired') : undefined}
    />
  )
  const formOf = (key: string) => {
    if (key === PASSWORD) return passwordForm()
    const provider = directories().find((d) => directoryKey(d) === key)
    return provider && directoryForm(provider, key === forms()[0])
  }
  const labelOf = (key: string) =>
    key === PASSWORD
      ? t('providers.login.passwordTab')
      : (directories().find((d) => directoryKey(d) === key)?.name ?? key)
  // The forms (password, directories): tabs when there are several, else the one. The same Tabs either way,
  // so the password form is not made anew (losing focus) when the providers arrive after it showed.
  const several = () => forms().length > 1
  const methodForms = () => (
    <Tabs value={method()} onChange={setChosen} class="sso-tabs">
      <Show when={several()}>
        <Tabs.List class="segmented sso-tablist" aria-label={t('providers.login.methods')}>
          <For each={forms()}>
            {(key) => (
              <Tabs.Trigger class="segmented-item sso-tab" value={key}>
                {labelOf(key)}
              </Tabs.Trigger>
            )}
          </For>
        </Tabs.List>
      </Show>
      {/* Mounted only while chosen, without waiting for an exit animation (there is none); a lone form
          is no tab panel. */}
      <For each={forms()}>
        {(key) => (
          <Tabs.Content
            value={key}
            forceMount
            hidden={method() !== key}
            role={several() ? 'tabpanel' : 'none'}
          >
            <Show when={method() === key}>{formOf(key)}</Show>
          </Tabs.Content>
        )}
      </For>
    </Tabs>
  )
  const next = () => safeNext(search.next)

  return (
    <Show when={!setup.data?.needed} fallback={<Navigate href="/setup" />}>
      <AuthLayout title={step() === 'code' ? t('account.twoFactor.signIn.title') : t('auth.login.title')}>
        <Show
          when={step() === 'password'}
          fallback={
            <LoginCodeStep
              onSignedIn={signedIn}
              onExpired={() => backToPassword('expired')}
              onBack={() => backToPassword('back')}
            />
          }
        >
          <SsoNotice reason={search.sso} />
          <Show
            when={passwordsFirst()}
            fallback={
              <>
                <ProviderButtons providers={issuers()} next={next()} />
                <Show when={issuers().length > 0 && forms().length > 0}>
                  <OrDivider />
                </Show>
                {methodForms()}
                <Show
                  when={ownerPassword()}
                  fallback={
                    <p class="auth-footnote">
                      <button type="button" class="link-btn" onClick={() => setOwnerPassword(true)}>
                        {t('providers.login.ownerPassword')}
                      </button>
                    </p>
                  }
                >
                  <div class="sso-owner" data-testid="owner-password">
                    <p class="auth-text">{t('providers.login.ownerPasswordHint')}</p>
                    {passwordForm()}
                  </div>
                </Show>
              </>
            }
          >
            {methodForms()}
            <Show when={issuers().length > 0}>
              <OrDivider />
              <ProviderButtons providers={issuers()} next={next()} />
            </Show>
          </Show>
          <p class="auth-footnote">{t('auth.login.noAccount')}</p>
          <Show when={passwordsFirst() || ownerPassword()}>
            <p class="auth-footnote">
              <A href="/forgot-password">{t('auth.login.forgot')}</A>
            </p>
          </Show>
        </Show>
      </AuthLayout>
    </Show>
  )
}
