// The instance page's Workspaces card (instance owners): every workspace on this Keel, the owner a member of
// it or not, with how many members and products it has and when it was made.
import { For } from 'solid-js'
import { useI18n } from '../../i18n'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { Table } from '../../ui/table'
import { formatCount } from './health-text'
import { instanceWorkspacesQuery } from './queries'

export function WorkspacesCard() {
  const { t, locale, formatDate } = useI18n()
  const workspaces = createLocalQuery(instanceWorkspacesQuery)
  return (
    <section class="section" aria-labelledby="instance-workspaces">
      <div class="in-head">
        <div>
          <h2 class="section-title" id="instance-workspaces">
            {t('instance.workspacesTitle')}
          </h2>
          <p class="in-intro">{t('instance.workspacesIntro')}</p>
        </div>
      </div>
      <QueryView
        query={workspaces}
        isEmpty={(answer) => answer.items.length === 0}
        empty={<p class="cell-muted">{t('instance.workspacesEmpty')}</p>}
      >
        {(answer) => (
          <Table
            class="in-table"
            label={t('instance.workspacesLabel')}
            columns={[
              { label: t('instance.workspace') },
              { label: t('instance.members'), class: 'in-num' },
              { label: t('instance.products'), class: 'in-num' },
              { label: t('instance.created'), class: 'col-date' },
            ]}
          >
            <For each={answer().items}>
              {(workspace) => (
                <tr data-workspace={workspace.id}>
                  <td class="cell-strong">{workspace.name}</td>
                  <td class="in-num">{formatCount(workspace.members, locale())}</td>
                  <td class="in-num">{formatCount(workspace.products.length, locale())}</td>
                  <td class="cell-muted">{formatDate(workspace.createdAt)}</td>
                </tr>
              )}
            </For>
          </Table>
        )}
      </QueryView>
    </section>
  )
}
