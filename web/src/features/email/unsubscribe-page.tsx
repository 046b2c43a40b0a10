// The page behind "Stop these emails" in every notification email and digest. Opening it only reads what
// the link would stop (mail scanners follow links, and must not unsubscribe anyone); the button does it.
// No login is needed: the signed link is the proof. A forged or cut-short link says so.
import { A, useParams } from '@solidjs/router'
import { Match, Show, Switch } from 'solid-js'
import { isApiError } from '../../api'
import { useI18n } from '../../i18n'
import { Loading } from '../../ui/boundary'
import { ErrorNotice } from '../../ui/errors'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { SubmitButton } from '../auth/auth-fields'
import { AuthError, AuthLayout } from '../auth/auth-layout'
import { PREFERENCES_ANCHOR } from '../notifications/preferences-section'
import { unsubscribeQuery, useUnsubscribe } from './queries'

/** Where the notification preferences are: the account page of the last workspace (see account-redirect). */
export const PREFERENCES_HREF = `/account#${PREFERENCES_ANCHOR}`

const unusable = (error: unknown) => isApiError(error, 404) || isApiError(error, 400)

export default function UnsubscribePage() {
  const { t } = useI18n()
  const params = useParams<{ token: string }>()
  const link = createLocalQuery(() => unsubscribeQuery(params.token))
  const stop = useUnsubscribe(() => params.token)

  const invalid = () => (
    <AuthLayout title={t('email.unsubscribe.invalidTitle')}>
      <p class="auth-text" data-testid="unsubscribe-invalid">
        {t('email.unsubscribe.invalidBody')}
      </p>
      <A class="btn btn-block" href={PREFERENCES_HREF}>
        {t('email.unsubscribe.preferences')}
      </A>
    </AuthLayout>
  )

  return (
    <Show when={!unusable(stop.error)} fallback={invalid()}>
      <QueryView
        query={link}
        loading={<Loading class="loading-page" />}
        error={(error, retry) => (
          <Show when={!unusable(error)} fallback={invalid()}>
            <AuthError error={error} onRetry={retry} />
          </Show>
        )}
      >
        {(answer) => (
          <Switch>
            <Match when={stop.isSuccess}>
              <AuthLayout title={t('email.unsubscribe.doneTitle')}>
                <p class="notice notice-success" role="status" data-testid="unsubscribe-done">
                  {answer().scope === 'digest'
                    ? t('email.unsubscribe.doneDigest')
                    : t('email.unsubscribe.doneEmail')}
                </p>
                <A class="btn btn-block" href={PREFERENCES_HREF}>
                  {t('email.unsubscribe.preferences')}
                </A>
              </AuthLayout>
            </Match>
            <Match when={!stop.isSuccess}>
              <AuthLayout
                title={t('email.unsubscribe.title')}
                intro={
                  <>
                    <p data-testid="unsubscribe-scope">
                      {answer().scope === 'digest'
                        ? t('email.unsubscribe.scopeDigest')
                        : t('email.unsubscribe.scopeEmail')}
                    </p>
                    <p>{t('email.unsubscribe.inboxStays')}</p>
                  </>
                }
              >
                <form
                  class="form"
                  onSubmit={(e) => {
                    e.preventDefault()
                    stop.mutate()
                  }}
                >
                  <ErrorNotice error={stop.error} />
                  <SubmitButton
                    busy={stop.isPending}
                    label={
                      answer().scope === 'digest'
                        ? t('email.unsubscribe.submitDigest')
                        : t('email.unsubscribe.submitEmail')
                    }
                    busyLabel={t('common.working')}
                    autofocus
                  />
                </form>
                <p class="auth-footnote">
                  <A href={PREFERENCES_HREF}>{t('email.unsubscribe.preferences')}</A>
                </p>
              </AuthLayout>
            </Match>
          </Switch>
        )}
      </QueryView>
    </Show>
  )
}
