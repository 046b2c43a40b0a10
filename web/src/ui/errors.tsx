// Turns anything thrown by an API call into a message in the current language, and shows it.
// Call sites pass the message they expect for a status (e.g. 409 on removing the last owner), because
// the server's error codes are generic and its messages are English only.
import { type JSX, Show } from 'solid-js'
import { ApiError } from '../api'
import { type I18n, useI18n } from '../i18n'

export type ErrorOverrides = Partial<Record<number, string>>

export interface DescribedError {
  message: string
  /** The server's own (English) wording, shown under a translated message when it adds something. */
  detail?: string
}

const CODES = new Set([
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'internal',
  'unavailable',
  'network',
])

/** True for a 409 whose details carry the current entity: someone else saved first. */
export const isStaleVersion = (err: unknown): err is ApiError & { details: { current: unknown } } =>
  err instanceof ApiError &&
  err.status === 409 &&
  typeof err.details === 'object' &&
  err.details !== null &&
  'current' in err.details

export function describeError(err: unknown, i18n: I18n, overrides?: ErrorOverrides): DescribedError {
  const { t, tryT, locale } = i18n
  if (!(err instanceof ApiError)) {
    return { message: t('errors.title'), detail: err instanceof Error ? err.message : String(err) }
  }
  if (isStaleVersion(err)) return { message: t('errors.staleVersion') }
  const override = overrides?.[err.status]
  if (override) return { message: override }
  if (err.code === 'forbidden') {
    const permission = permissionOf(err.details)
    if (permission) return { message: t('errors.forbiddenNeeds', { permission }) }
  }
  const known = CODES.has(err.code) ? tryT(`errors.${err.code}`) : undefined
  const message = known ?? t('errors.unknown', { status: String(err.status) })
  // Only client errors carry a sentence worth showing; 5xx and network failures do not.
  const serverSentence = err.status >= 400 && err.status < 500 && err.message ? err.message : undefined
  if (!serverSentence) return { message }
  // The server speaks English: in en its sentence is usually the most precise message.
  if (locale() === 'en')
    return { message: serverSentence.endsWith('.') ? serverSentence : `${serverSentence}.` }
  return { message, detail: serverSentence }
}

function permissionOf(details: unknown): string | undefined {
  if (typeof details === 'object' && details !== null && 'permission' in details) {
    const value = (details as { permission: unknown }).permission
    return typeof value === 'string' ? value : undefined
  }
  return undefined
}

/** An error message box (role="alert"); renders nothing when there is no error. */
export function ErrorNotice(props: {
  error: unknown
  overrides?: ErrorOverrides
  onRetry?: () => void
  class?: string
}): JSX.Element {
  const i18n = useI18n()
  const described = () => (props.error ? describeError(props.error, i18n, props.overrides) : undefined)
  return (
    <Show when={described()}>
      {(d) => (
        <div class={`notice notice-error ${props.class ?? ''}`} role="alert">
          <div class="notice-body">
            <p>{d().message}</p>
            <Show when={d().detail}>
              {(detail) => <p class="notice-detail">{i18n.t('errors.serverSaid', { message: detail() })}</p>}
            </Show>
          </div>
          <Show when={props.onRetry}>
            {(retry) => (
              <button type="button" class="btn btn-small" onClick={() => retry()()}>
                {i18n.t('common.retry')}
              </button>
            )}
          </Show>
        </div>
      )}
    </Show>
  )
}
