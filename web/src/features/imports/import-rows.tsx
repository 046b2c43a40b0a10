// The rows an import writes, a page at a time: each requirement or task of the file, what it becomes, and
// its key in Keel (an existing item's, or a new one's once applied: the old → new key map).

import { A } from '@solidjs/router'
import { createEffect, createMemo, createSignal, createUniqueId, For, on, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { Table } from '../../ui/table'
import { useWorkspace } from '../workspaces/workspace-context'
import type { ImportRow } from './import-api'

export const ROWS_PER_PAGE = 50

export function ImportRows(props: { rows: readonly ImportRow[]; applied: boolean }) {
  const { t, tryT } = useI18n()
  const ws = useWorkspace()
  const id = createUniqueId()
  const [page, setPage] = createSignal(0)
  const pages = () => Math.max(1, Math.ceil(props.rows.length / ROWS_PER_PAGE))
  // A new preview (another mapping, another file) starts again at its first page.
  createEffect(
    on(
      () => props.rows,
      () => setPage(0),
      { defer: true },
    ),
  )
  const shown = createMemo(() => {
    const current = Math.min(page(), pages() - 1)
    return props.rows.slice(current * ROWS_PER_PAGE, (current + 1) * ROWS_PER_PAGE)
  })
  const first = () => Math.min(page(), pages() - 1) * ROWS_PER_PAGE
  const status = (r: ImportRow) =>
    tryT(`work.${r.type === 'requirement' ? 'requirementStatus' : 'taskStatus'}.${r.status}`) ?? r.status
  return (
    <section class="import-rows" aria-labelledby={`${id}-title`}>
      <div class="import-rows-head">
        <h3 id={`${id}-title`} class="import-subtitle">
          {t(props.applied ? 'imports.rowsAppliedTitle' : 'imports.rowsTitle', { count: props.rows.length })}
        </h3>
        <Show when={pages() > 1}>
          <nav class="pager" aria-label={t('imports.rowsPages')}>
            <span class="cell-muted" aria-live="polite">
              {t('imports.rowsRange', {
                from: first() + 1,
                to: first() + shown().length,
                count: props.rows.length,
              })}
            </span>
            <button
              type="button"
              class="btn btn-small"
              disabled={first() === 0}
              onClick={() => setPage(Math.min(page(), pages() - 1) - 1)}
            >
              {t('imports.rowsPrevious')}
            </button>
            <button
              type="button"
              class="btn btn-small"
              disabled={first() + ROWS_PER_PAGE >= props.rows.length}
              onClick={() => setPage(Math.min(page(), pages() - 1) + 1)}
            >
              {t('imports.rowsNext')}
            </button>
          </nav>
        </Show>
      </div>
      <Table
        class="import-rows-table"
        label={t(props.applied ? 'imports.rowsAppliedTitle' : 'imports.rowsTitle', {
          count: props.rows.length,
        })}
        columns={[
          { label: t('imports.colRow'), class: 'col-num' },
          { label: t('imports.colSourceKey') },
          { label: t('imports.colType') },
          { label: t('imports.colTitle') },
          { label: t('imports.colStatus') },
          { label: t('imports.colKeel') },
        ]}
      >
        <For each={shown()}>
          {(r) => (
            <tr data-testid="import-row">
              <td class="col-num cell-muted">{r.row}</td>
              <td class="cell-strong">{r.sourceKey}</td>
              <td>{t(`imports.rowTypes.${r.type}`)}</td>
              <td class="import-rows-title">{r.title}</td>
              <td>{status(r)}</td>
              <td>
                <Show when={r.key} fallback={<span class="tag">{t('imports.actionCreate')}</span>}>
                  {(key) => (
                    <>
                      <Show when={!props.applied}>
                        <span class="cell-muted">{t('imports.actionUpdate')} </span>
                      </Show>
                      <Show when={props.applied} fallback={<strong>{key()}</strong>}>
                        <A href={`/w/${ws.id()}/i/${key()}`}>{key()}</A>
                      </Show>
                    </>
                  )}
                </Show>
              </td>
            </tr>
          )}
        </For>
      </Table>
    </section>
  )
}
