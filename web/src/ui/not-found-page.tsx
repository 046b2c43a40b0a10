// Any address the app does not know.
import { A } from '@solidjs/router'
import { useI18n } from '../i18n'
import { EmptyState } from './page'

export default function NotFoundPage() {
  const { t } = useI18n()
  return (
    <div class="not-found">
      <EmptyState
        title={t('errors.pageNotFound')}
        body={t('errors.pageNotFoundBody')}
        action={
          <A class="btn" href="/">
            {t('errors.backHome')}
          </A>
        }
      />
    </div>
  )
}
