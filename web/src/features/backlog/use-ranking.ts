// Re-ranking one requirement of the list (a drop or Alt+↑/↓): one rank call before or after its new
// neighbour, optimistic with rollback (useRankRequirement), and a sentence for screen readers saying where
// it went, or that it failed.
import { useI18n } from '../../i18n'
import { useWorkspace } from '../workspaces/workspace-context'
import { type RequirementListItem, useRankRequirement } from './queries'
import { type RankTarget, rankTargetForMove } from './rank'

const anchorOf = (target: RankTarget) => ('beforeId' in target ? target.beforeId : target.afterId)

export function useRanking(options: {
  productId: () => number
  items: () => RequirementListItem[]
  announce: (message: string) => void
  fail: (error: unknown) => void
}) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const rank = useRankRequirement(ws.id, options.productId)
  /** Moves the requirement at `from` to `to`; answers the requirement moved, if any. */
  return (from: number, to: number): RequirementListItem | undefined => {
    const items = options.items()
    const target = rankTargetForMove(
      items.map((r) => r.id),
      from,
      to,
    )
    const item = items[from]
    if (!target || !item) return undefined
    options.fail(undefined)
    const anchorKey = items.find((r) => r.id === anchorOf(target))?.key ?? ''
    rank.mutate(
      { id: item.id, target },
      {
        onError: (err) => {
          options.fail(err)
          options.announce(t('backlog.rankFailed'))
        },
        onSuccess: () =>
          options.announce(
            t('beforeId' in target ? 'backlog.movedBefore' : 'backlog.movedAfter', {
              key: item.key,
              position: String(to + 1),
              other: anchorKey,
            }),
          ),
      },
    )
    return item
  }
}
