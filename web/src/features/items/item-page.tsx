// The page of one item, deep-linkable by its key (/w/:ws/i/MES-42): the key is resolved to a
// requirement or a task, and the matching view is shown.
import './items.css'
import '../backlog/backlog.css'
import { A, useParams } from '@solidjs/router'
import { Match, Switch } from 'solid-js'
import { isApiError } from '../../api'
import { useI18n } from '../../i18n'
import { Boundary } from '../../ui/boundary'
import { ErrorNotice } from '../../ui/errors'
import { EmptyState } from '../../ui/page'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { useScrollToHash } from '../../ui/scroll-to-hash'
import { RequirementView } from '../requirements/requirement-view'
import { TaskView } from '../tasks/task-view'
import { useWorkspace } from '../workspaces/workspace-context'
import { itemQuery } from './queries'

export default function ItemPage() {
  const { t } = useI18n()
  const ws = useWorkspace()
  const params = useParams<{ key: string }>()
  const key = () => decodeURIComponent(params.key ?? '').toUpperCase()
  const item = createLocalQuery(() => itemQuery(ws.id(), key()))
  // The inbox and emails link to a comment or a history entry here.
  useScrollToHash()
  return (
    <div class="page page-wide">
      <QueryView
        query={item}
        loading={<ItemSkeleton />}
        error={(error, retry) =>
          isApiError(error, 404) || isApiError(error, 400) ? (
            <EmptyState
              title={t('items.notFoundTitle', { key: key() })}
              body={t('items.notFoundBody')}
              action={
                <A class="btn" href={`/w/${ws.id()}`}>
                  {t('errors.backHome')}
                </A>
              }
            />
          ) : (
            <ErrorNotice error={error} onRetry={retry} class="boundary-error" />
          )
        }
      >
        {(found) => (
          <Switch>
            <Match when={found().type === 'requirement' && found().id}>
              {(id) => (
                <Boundary fallback={<ItemSkeleton />}>
                  <RequirementView id={id()} />
                </Boundary>
              )}
            </Match>
            <Match when={found().type === 'task' && found().id}>
              {(id) => (
                <Boundary fallback={<ItemSkeleton />}>
                  <TaskView id={id()} />
                </Boundary>
              )}
            </Match>
          </Switch>
        )}
      </QueryView>
    </div>
  )
}

function ItemSkeleton() {
  const { t } = useI18n()
  return (
    <div class="item-skeleton" role="status" aria-label={t('app.loading')}>
      <span class="skeleton-bar short" />
      <span class="skeleton-bar title" />
      <div class="item-layout">
        <div class="item-main">
          <span class="skeleton-bar long" />
          <span class="skeleton-bar" />
          <span class="skeleton-bar long" />
        </div>
        <div class="item-side">
          <span class="skeleton-bar" />
          <span class="skeleton-bar" />
        </div>
      </div>
    </div>
  )
}
