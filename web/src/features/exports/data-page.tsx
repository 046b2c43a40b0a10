// Settings → Data export: the whole workspace as re-importable JSON (alone, or in a zip with its attached
// files), and each product as a spreadsheet.
import './exports.css'
import { For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { DownloadIcon } from '../../ui/icons'
import { PageHeader } from '../../ui/page'
import { createLocalQuery } from '../../ui/query-view'
import { productsQuery } from '../products/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { exportUrl } from './export-menu'

/** The spreadsheet formats a product exports to. */
const SHEETS = ['xlsx', 'csv'] as const

export default function DataExportPage() {
  const { t, locale } = useI18n()
  const ws = useWorkspace()
  const products = createLocalQuery(() => productsQuery(ws.id()))
  // A member narrowed to some products cannot export the whole workspace (the server answers 403).
  const whole = () => ws.workspace().permissions.includes('export')
  return (
    <div class="page">
      <PageHeader title={t('exports.dataTitle')} intro={t('exports.dataIntro')} />
      <Show when={whole()}>
        <section class="card card-pad section">
          <h2 class="section-title">{t('exports.workspaceTitle')}</h2>
          <p class="cell-muted data-export-text">{t('exports.workspaceBody')}</p>
          <div class="data-export-actions">
            <a class="btn btn-primary" href={exportUrl(ws.id(), { format: 'json' })} download="">
              <DownloadIcon />
              {t('exports.workspaceButton')}
            </a>
            <a class="btn" href={exportUrl(ws.id(), { format: 'archive' })} download="">
              <DownloadIcon />
              {t('exports.archiveButton')}
            </a>
          </div>
        </section>
      </Show>
      <section class="card card-pad section">
        <h2 class="section-title">{t('exports.productsTitle')}</h2>
        <p class="cell-muted data-export-text">{t('exports.productsBody')}</p>
        <Show when={products.data?.items.length === 0}>
          <p>{t('exports.noProducts')}</p>
        </Show>
        <div class="table-wrap">
          <table class="table">
            <tbody>
              <For each={products.data?.items}>
                {(product) => (
                  <tr>
                    <td class="cell-strong">
                      <span class="key-chip">{product.key}</span> {product.name}
                    </td>
                    <td class="cell-actions">
                      <For each={SHEETS}>
                        {(format) => (
                          <a
                            class="btn btn-small"
                            download=""
                            href={exportUrl(ws.id(), {
                              format,
                              productId: String(product.id),
                              lang: locale(),
                            })}
                          >
                            {format.toUpperCase()}
                          </a>
                        )}
                      </For>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </section>
    </div>
  )
}
