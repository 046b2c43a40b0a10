// Sends a session that must turn on two-factor first (the instance requires it) to the page that sets it up,
// from any page that needs a session. It reads the session as cached, asking for nothing itself: the shell
// loads it, and a 403 `two_factor_setup_required` from any request refreshes it (query-client.ts).
import { useLocation, useNavigate } from '@solidjs/router'
import { hashKey, useQueryClient } from '@tanstack/solid-query'
import { createEffect, createSignal, onCleanup } from 'solid-js'
import { authKeys, type Me } from './queries'
import { TWO_FACTOR_SETUP_PATH } from './two-factor-queries'

/** The addresses that need a session; the others (log in, links, shared roadmaps) have their own ways. */
const needsSession = (path: string) => path === '/' || path === '/account' || path.startsWith('/w/')

export function TwoFactorGuard() {
  const location = useLocation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  // From the cache's events rather than an observer: logging in removes the session's query and a new one
  // takes its place, which an observer made before would never hear of.
  const session = hashKey(authKeys.me)
  const [me, setMe] = createSignal(queryClient.getQueryData<Me>(authKeys.me))
  onCleanup(
    queryClient.getQueryCache().subscribe((event) => {
      if (event.query.queryHash === session) setMe(() => queryClient.getQueryData<Me>(authKeys.me))
    }),
  )
  createEffect(() => {
    if (!me()?.user.mustSetUpTwoFactor || !needsSession(location.pathname)) return
    const here = `${location.pathname}${location.search}${location.hash}`
    navigate(`${TWO_FACTOR_SETUP_PATH}?next=${encodeURIComponent(here)}`, { replace: true })
  })
  return null
}
