// Loading and error boundaries: Suspense for queries still loading, ErrorBoundary for those that failed
// (queries throw to it by default, see app.tsx), with a retry that refetches.
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
