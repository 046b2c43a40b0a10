// Watch / Watching on an item's page: a toggle, with who watches in its title.
import { Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { EyeIcon } from '../../ui/icons'
import { createLocalQuery } from '../../ui/query-view'
import { useWorkspace } from '../workspaces/workspace-context'
import { useWatch, type WatchTarget, watchersQuery } from './queries'

export function WatchButton(props: { target: WatchTarget; id: number }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const watchers = createLocalQuery(() => watchersQuery(ws.id(), props.target, props.id))
  const watch = useWatch(
    ws.id,
    () => props.target,
    () => props.id,
  )
  const watching = () => watchers.data?.watching ?? false
  const names = () => watchers.data?.items.map((w) => w.name).join(', ') ?? ''
  return (
    <Show when={watchers.data}>
      <span class="watch">
        <button
          type="button"
          class="btn btn-ghost btn-small"
          aria-pressed={watching()}
          disabled={watch.isPending}
          title={`${props.target === 'product' ? t('inbox.watchProductHint') : t('inbox.watchHint')}\n${names() ? t('inbox.watchers', { names: names() }) : t('inbox.noWatchers')}`}
          data-testid="watch"
          onClick={() => watch.mutate(!watching())}
        >
          <EyeIcon />
          {watching() ? t('inbox.watching') : t('inbox.watch')}
          <span class="watch-count">{watchers.data?.items.length ?? 0}</span>
        </button>
      </span>
    </Show>
  )
}
