// Your own two-factor authentication: its state, setting it up, new recovery codes, turning it off; and how
// the app recognises a session that must set it up first (the instance requires it).
import { createMutation, type QueryClient, queryOptions, useQueryClient } from '@tanstack/solid-query'
import { ApiError, api, type Ok, unwrap } from '../../api'
import { authKeys, type Me } from './queries'

/** The page a session that must turn on two-factor is sent to; nothing else works until it has. */
export const TWO_FACTOR_SETUP_PATH = '/account/two-factor'

export const twoFactorKeys = {
  /** Under the session's key, so whatever refreshes the session refreshes this too. */
  status: [...authKeys.me, 'totp'] as const,
}

export type TwoFactorStatus = Ok<Awaited<ReturnType<typeof api.me.totp.$get>>>
export type TwoFactorSecret = Ok<Awaited<ReturnType<typeof api.me.totp.$post>>>

export const twoFactorStatusQuery = () =>
  queryOptions({
    queryKey: twoFactorKeys.status,
    queryFn: () => unwrap(api.me.totp.$get()),
  })

/** The `details.reason` of an API error, when it has one. */
export const reasonOf = (err: unknown): unknown =>
  err instanceof ApiError && typeof err.details === 'object' && err.details !== null
    ? (err.details as { reason?: unknown }).reason
    : undefined

/** A 403 that says the instance requires two-factor and this session has not set it up yet. */
export const isTwoFactorSetupRequired = (err: unknown) =>
  err instanceof ApiError && err.status === 403 && reasonOf(err) === 'two_factor_setup_required'

/** The server's refusal of a code (a wrong code answers 400). */
export const isWrongCode = (err: unknown) => err instanceof ApiError && err.status === 400

/** The cached session, with what the server just confirmed about its two-factor authentication. */
function setSessionTwoFactor(queryClient: QueryClient, on: boolean) {
  queryClient.setQueryData<Me>(authKeys.me, (me) =>
    me
      ? { ...me, user: { ...me.user, twoFactor: on, mustSetUpTwoFactor: me.user.mustSetUpTwoFactor && !on } }
      : me,
  )
}

export function useTwoFactorMutations() {
  const queryClient = useQueryClient()
  const refreshStatus = () => queryClient.invalidateQueries({ queryKey: twoFactorKeys.status })
  return {
    /** A new secret for the authenticator app (as text, link and QR code); not on until confirmed. */
    begin: createMutation(() => ({
      mutationFn: () => unwrap(api.me.totp.$post()),
    })),
    /** Turns it on with the first code; answers the recovery codes, this once. */
    confirm: createMutation(() => ({
      mutationFn: (code: string) => unwrap(api.me.totp.confirm.$post({ json: { code } })),
      onSuccess: () => {
        // At once, so the app does not send a session that has just set it up back to set it up.
        setSessionTwoFactor(queryClient, true)
        void queryClient.invalidateQueries({ queryKey: authKeys.me })
      },
    })),
    regenerate: createMutation(() => ({
      mutationFn: (code: string) => unwrap(api.me.totp['recovery-codes'].$post({ json: { code } })),
      onSettled: refreshStatus,
    })),
    disable: createMutation(() => ({
      mutationFn: (code: string) => unwrap(api.me.totp.$delete({ json: { code } })),
      onSuccess: () => {
        setSessionTwoFactor(queryClient, false)
        void queryClient.invalidateQueries({ queryKey: authKeys.me })
      },
    })),
  }
}

/** A typed code as the server takes it: a six-digit code without the space apps show in its middle. */
export const cleanCode = (code: string) => {
  const trimmed = code.trim()
  return /^[\d\s]+$/.test(trimmed) ? trimmed.replace(/\s/g, '') : trimmed
}
