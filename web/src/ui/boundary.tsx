// Loading and error boundaries for whole pages: Suspense for queries still loading, ErrorBoundary for those
// that failed (queries throw to it by default, see query-client.ts), with a retry that refetches. A part of
// a page whose query may fail on its own uses QueryView (query-view.tsx), which draws the same two pieces.
import { useQueryClient } from '@tanstack/solid-query'
import { ErrorBoundary, type JSX, Suspense } from 'solid-js'
import { useI18n } from '../i18n'
import { ErrorNotice } from './errors'

export function Loading(props: { class?: string }) {
  const { t } = useI18n()
  return (
    <div class={`loading ${props.class ?? ''}`} role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      <span>{t('app.loading')}</span>
    </div>
  )
}

export function Boundary(props: { children: JSX.Element; fallback?: JSX.Element }) {
  const queryClient = useQueryClient()
  return (
    <ErrorBoundary
      fallback={(error, reset) => (
        <ErrorNotice
          error={error}
          class="boundary-error"
          onRetry={() => {
            void queryClient.refetchQueries({ type: 'active' })
            reset()
          }}
        />
      )}
    >
      <Suspense fallback={props.fallback ?? <Loading />}>{props.children}</Suspense>
    </ErrorBoundary>
  )
}
