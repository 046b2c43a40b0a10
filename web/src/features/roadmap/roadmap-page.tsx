// Placeholder: the roadmap page is being built.
import { useI18n } from '../../i18n'
import { PageHeader } from '../../ui/page'

export default function RoadmapPage() {
  const { t } = useI18n()
  return <PageHeader title={t('roadmap.title')} />
}
