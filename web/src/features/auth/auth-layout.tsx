// The frame of the pages outside a workspace (setup, login, invite): a centred card under the Keel mark;
// and the two pages in it that say something went wrong.
import { A } from '@solidjs/router'
import { createEffect, type JSX } from 'solid-js'
import { useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { KeelMark } from '../../ui/icons'
import { LanguageSwitch } from '../../ui/language-switch'

export function AuthLayout(props: { title: string; intro?: JSX.Element; children: JSX.Element }) {
  const { t } = useI18n()
  createEffect(() => {
    document.title = `${props.title} · ${t('app.name')}`
  })
  return (
    <div class="auth-page">
      <div class="auth-top">
        <LanguageSwitch />
      </div>
      <main class="auth-main">
        <div class="auth-brand">
          <KeelMark size={28} />
          <span class="auth-brand-name">{t('app.name')}</span>
        </div>
        <section class="auth-card" aria-labelledby="auth-title">
          <h1 id="auth-title">{props.title}</h1>
          {props.intro && <div class="auth-intro">{props.intro}</div>}
          {props.children}
        </section>
        <p class="auth-tagline">{t('app.tagline')}</p>
      </main>
    </div>
  )
}

/** A page that could not load what it needs (the session, the setup state, a link): why, and a retry. */
export function AuthError(props: { error: unknown; onRetry: () => void; title?: string }) {
  const { t } = useI18n()
  return (
    <AuthLayout title={props.title ?? t('errors.title')}>
      <ErrorNotice error={props.error} onRetry={props.onRetry} />
    </AuthLayout>
  )
}

/** A link (an invite, a password reset) that cannot be used: why, and the way to the login page. */
export function UnusableLink(props: { title: string; body: string; testId: string }) {
  const { t } = useI18n()
  return (
    <AuthLayout title={props.title}>
      <p class="auth-text" data-testid={props.testId}>
        {props.body}
      </p>
      <A class="btn btn-block" href="/login">
        {t('auth.invite.goToLogin')}
      </A>
    </AuthLayout>
  )
}

/** Only same-site paths may be a post-login destination (no open redirects). */
export function safeNext(next: string | string[] | undefined): string | undefined {
  const value = Array.isArray(next) ? next[0] : next
  return value?.startsWith('/') && !value.startsWith('//') ? value : undefined
}
