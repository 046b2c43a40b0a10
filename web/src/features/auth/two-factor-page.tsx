// "/account/two-factor": where a session goes when this Keel requires two-factor authentication and its
// account has not turned it on (two-factor-guard.tsx sends it here). It says why, sets it up, and then goes on
// to where the person was going; or logs out. Anyone else who opens it goes straight on.
import { Navigate, useLocation, useNavigate, useSearchParams } from '@solidjs/router'
import { createEffect, createSignal, Show, untrack } from 'solid-js'
import { isApiError } from '../../api'
import { useI18n } from '../../i18n'
import { Loading } from '../../ui/boundary'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { AuthError, AuthLayout, safeNext } from './auth-layout'
import { meQuery } from './queries'
import { TwoFactorSetup } from './two-factor-parts'
import { useLogout } from './use-logout'

export default function TwoFactorRequiredPage() {
  const { t } = useI18n()
  const [search] = useSearchParams()
  const location = useLocation()
  const navigate = useNavigate()
  const logout = useLogout()
  // Asked afresh on arrival: the cached answer may be from before the instance began to require it (then the
  // page would send the person on, and the app's next 403 back here).
  const me = createLocalQuery(() => ({ ...meQuery(), refetchOnMount: 'always' as const }))
  const next = () => safeNext(search.next) ?? '/'
  // Decided on the first fresh answer and kept: the session stops being held to it as soon as the first code
  // is right, while its recovery codes are still on the screen.
  const [needed, setNeeded] = createSignal<boolean>()
  createEffect(() => {
    const data = me.data
    if (data && !me.isFetching && untrack(needed) === undefined) setNeeded(data.user.mustSetUpTwoFactor)
  })

  return (
    <QueryView
      query={me}
      loading={<Loading class="loading-page" />}
      error={(error, retry) => (
        <Show
          when={!isApiError(error, 401)}
          fallback={
            <Navigate href={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} />
          }
        >
          <AuthError error={error} onRetry={retry} />
        </Show>
      )}
    >
      {(data) => (
        <Show when={needed() !== undefined}>
          <Show when={needed()} fallback={<Navigate href={next()} />}>
            <AuthLayout
              title={t('account.twoFactor.required.title')}
              intro={
                <>
                  <p>{t('account.twoFactor.required.intro')}</p>
                  <p>{t('account.twoFactor.required.signedInAs', { email: data().user.email })}</p>
                </>
              }
            >
              <TwoFactorSetup
                email={data().user.email}
                heading="h2"
                doneLabel={t('account.twoFactor.required.continue')}
                onDone={() => navigate(next(), { replace: true })}
              />
              <p class="auth-footnote">
                <button
                  type="button"
                  class="link-btn"
                  disabled={logout.isPending}
                  onClick={() => logout.mutate()}
                >
                  {t('auth.logout')}
                </button>
              </p>
            </AuthLayout>
          </Show>
        </Show>
      )}
    </QueryView>
  )
}
