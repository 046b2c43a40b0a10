// The app's QueryClient: no retries on 4xx answers, query errors go to the nearest error boundary, and a
// 401 from any mutation refreshes the session query so the shell can send the user to the login page; a 403
// `two_factor_setup_required` from anything refreshes it too, and its `mustSetUpTwoFactor` sends the user to
// set up two-factor authentication (features/auth/two-factor-guard.tsx).
import { MutationCache, QueryCache, QueryClient } from '@tanstack/solid-query'
import { ApiError } from './api'
import { authKeys } from './features/auth/queries'
import { isTwoFactorSetupRequired } from './features/auth/two-factor-queries'

const isClientError = (err: unknown) => err instanceof ApiError && err.status >= 400 && err.status < 500

export function createQueryClient() {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (err, query) => {
        if (err instanceof ApiError && err.status === 401 && query.queryKey[0] !== authKeys.me[0]) {
          void client.invalidateQueries({ queryKey: authKeys.me })
        }
        if (isTwoFactorSetupRequired(err))
          void client.invalidateQueries({ queryKey: authKeys.me, exact: true })
      },
    }),
    mutationCache: new MutationCache({
      onError: (err) => {
        if (err instanceof ApiError && err.status === 401)
          void client.invalidateQueries({ queryKey: authKeys.me })
        if (isTwoFactorSetupRequired(err))
          void client.invalidateQueries({ queryKey: authKeys.me, exact: true })
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: (failures, err) => !isClientError(err) && failures < 2,
        throwOnError: true,
      },
      mutations: { retry: false },
    },
  })
  return client
}
