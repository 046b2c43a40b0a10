// How a swimlane is named, by the grouping on screen: a requirement's key and title, a person, or a kind.
// The name is for screen readers and labels; the label is what the lane's heading shows.
import type { JSX } from 'solid-js'
import { useI18n } from '../../i18n'
import { Avatar } from '../../ui/avatar'
import type { GroupBy, LaneView } from './board-logic'

export function useLaneLabels(groupBy: () => GroupBy) {
  const { t, tryT } = useI18n()
  const laneName = (view: LaneView): string => {
    const lane = view.lane
    switch (groupBy()) {
      case 'requirement':
        return lane?.id == null ? t('board.noRequirement') : `${lane.key ?? ''} ${lane.title ?? ''}`.trim()
      case 'assignee':
        return lane?.id == null ? t('work.terms.unassigned') : (lane.title ?? '')
      case 'kind':
        return tryT(`work.taskKind.${view.key}`) ?? view.key
      default:
        return ''
    }
  }
  const laneLabel = (view: LaneView): JSX.Element => {
    const lane = view.lane
    switch (groupBy()) {
      case 'requirement':
        return lane?.id == null ? (
          <span class="lane-title muted">{t('board.noRequirement')}</span>
        ) : (
          <>
            <span class="key-chip">{lane.key}</span>
            <span class="lane-title">{lane.title}</span>
          </>
        )
      case 'assignee':
        return lane?.id == null ? (
          <span class="lane-title muted">{t('work.terms.unassigned')}</span>
        ) : (
          <>
            <Avatar name={lane.title ?? '?'} small />
            <span class="lane-title">{lane.title}</span>
          </>
        )
      default:
        return <span class={`kind-chip kind-${view.key}`}>{laneName(view)}</span>
    }
  }
  return { laneName, laneLabel }
}
