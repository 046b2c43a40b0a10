// Placeholder: the customers page is being built.
import { useI18n } from '../../i18n'
import { PageHeader } from '../../ui/page'

export default function CustomersPage() {
  const { t } = useI18n()
  return <PageHeader title={t('customers.title')} />
}
