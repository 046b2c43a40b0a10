// Words the roadmap's timeline and list share: how many requirements an iteration carries, and when a
// release is due or was released.
import type { useI18n } from '../../i18n'
import type { RoadmapRelease } from './queries'

type T = ReturnType<typeof useI18n>['t']

export const countLabel = (count: number, t: T) =>
  count === 1 ? t('roadmap.requirementCountOne') : t('roadmap.requirementCount', { count: String(count) })

export function releaseWhen(release: RoadmapRelease, day: (d: string) => string, t: T) {
  if (release.status === 'released')
    return t('roadmap.releasedOn', { date: day(release.releasedAt ?? release.targetDate) })
  return t('roadmap.target', { date: day(release.targetDate) })
}
