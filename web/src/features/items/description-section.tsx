// The description of an item's page (a requirement or a task): Markdown, edited in place by those who may.
import { useI18n } from '../../i18n'
import type { MentionTarget } from '../notifications/queries'
import { EditableLongText } from './editable'

export function DescriptionSection(props: {
  /** The id of the section's title, which names the section. */
  titleId: string
  value: string
  canEdit: boolean
  onSave: (description: string) => void
  /** The item, whose viewers may be @mentioned. */
  mentions?: MentionTarget
}) {
  const { t } = useI18n()
  return (
    <section class="item-section" aria-labelledby={props.titleId}>
      <h2 id={props.titleId} class="item-section-title">
        {t('items.description')}
      </h2>
      <EditableLongText
        value={props.value}
        label={t('items.description')}
        placeholder={props.canEdit ? t('items.descriptionPlaceholder') : t('items.descriptionNone')}
        canEdit={props.canEdit}
        markdown
        mentions={props.mentions}
        onSave={props.onSave}
      />
    </section>
  )
}
