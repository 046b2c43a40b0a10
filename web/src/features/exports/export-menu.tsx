// The backlog's "Export" menu: the product's requirements and tasks as CSV or XLSX, headers in the
// reader's language. A plain download link: the session cookie authenticates the GET.
import { DropdownMenu } from '@kobalte/core/dropdown-menu'
import { useI18n } from '../../i18n'
import { ChevronIcon, DownloadIcon } from '../../ui/icons'
import { useWorkspace } from '../workspaces/workspace-context'

/** The URL of an export download. */
export const exportUrl = (ws: number, query: Record<string, string>) =>
  `/api/workspaces/${ws}/exports?${new URLSearchParams(query)}`

export function ExportMenu(props: { productId: number; productName: string }) {
  const { t, locale } = useI18n()
  const ws = useWorkspace()
  const download = (format: 'csv' | 'xlsx') => {
    const link = document.createElement('a')
    link.href = exportUrl(ws.id(), { format, productId: String(props.productId), lang: locale() })
    link.download = ''
    document.body.append(link)
    link.click()
    link.remove()
  }
  return (
    <DropdownMenu gutter={4} placement="bottom-end">
      <DropdownMenu.Trigger class="btn">
        <DownloadIcon />
        {t('exports.menu')}
        <ChevronIcon />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="menu menu-wide">
          <div class="menu-header">
            <span class="menu-item-sub">{t('exports.menuHint', { product: props.productName })}</span>
          </div>
          <DropdownMenu.Separator class="menu-separator" />
          <DropdownMenu.Item class="menu-item" onSelect={() => download('xlsx')}>
            <span>{t('exports.xlsx')}</span>
          </DropdownMenu.Item>
          <DropdownMenu.Item class="menu-item" onSelect={() => download('csv')}>
            <span>{t('exports.csv')}</span>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu>
  )
}
