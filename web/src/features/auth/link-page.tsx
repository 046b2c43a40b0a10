// A page behind a one-time link (an invite, a password reset): the link is looked up first. One that is
// unknown, expired or used (404, or 400 for a malformed token), also when that shows only on submitting,
// is a normal state of the page: it says so and shows the way to the login page.
import { type Accessor, type JSX, Show } from 'solid-js'
import { isApiError } from '../../api'
import { Loading } from '../../ui/boundary'
import { type QueryState, QueryView } from '../../ui/query-view'
import { AuthError, UnusableLink } from './auth-layout'

const unusable = (error: unknown) => isApiError(error, 404) || isApiError(error, 400)

export function LinkPage<T>(props: {
  /** The link's details (createLocalQuery). */
  link: QueryState<T>
  /** What submitting the page's form answered (a 404: the link was used meanwhile). */
  submitError: unknown
  invalidTitle: string
  invalidBody: string
  testId: string
  children: (data: Accessor<T>) => JSX.Element
}) {
  const invalid = () => (
    <UnusableLink title={props.invalidTitle} body={props.invalidBody} testId={props.testId} />
  )
  return (
    <Show when={!isApiError(props.submitError, 404)} fallback={invalid()}>
      <QueryView
        query={props.link}
        loading={<Loading class="loading-page" />}
        error={(error, retry) => (
          <Show when={!unusable(error)} fallback={invalid()}>
            <AuthError error={error} onRetry={retry} />
          </Show>
        )}
      >
        {props.children}
      </QueryView>
    </Show>
  )
}
