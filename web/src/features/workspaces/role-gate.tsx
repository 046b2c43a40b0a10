// A page only some roles may use. Others see its title, what it needs in words and whom to ask, never a
// form that would be refused when sent (the server checks every request regardless).
import { For, type JSX, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { PageHeader } from '../../ui/page'
import { createLocalQuery } from '../../ui/query-view'
import { permissionsQuery } from '../roles/queries'
import { permissionText, roleName } from '../roles/role-name'
import { useWorkspace } from './workspace-context'

export function RoleGate(props: { title: string; needs: readonly string[]; children: JSX.Element }) {
  const ws = useWorkspace()
  const missing = () => props.needs.filter((p) => !ws.can(p))
  return (
    <Show when={missing().length > 0} fallback={props.children}>
      <NotForYourRole title={props.title} missing={missing()} />
    </Show>
  )
}

function NotForYourRole(props: { title: string; missing: readonly string[] }) {
  const i18n = useI18n()
  const { t, locale } = i18n
  const ws = useWorkspace()
  const catalogue = createLocalQuery(() => permissionsQuery())
  const describe = (name: string) => {
    const info = catalogue.data?.find((p) => p.name === name)
    return info ? permissionText(info, locale()) : name
  }
  const contacts = () => ws.workspace().contacts ?? []
  return (
    <div class="page role-gate" data-testid="role-gate">
      <PageHeader title={props.title} />
      <section class="card card-pad section role-gate-body">
        <p class="role-gate-lead">{t('errors.roleCannot', { role: roleName(ws.workspace().role, i18n) })}</p>
        <p>{t('errors.roleNeeds')}</p>
        <ul class="role-gate-needs">
          <For each={props.missing}>{(name) => <li>{describe(name)}</li>}</For>
        </ul>
        <Show when={contacts().length > 0} fallback={<p>{t('errors.roleAskOwner')}</p>}>
          <p>
            <Asking names={contacts()} />
          </p>
        </Show>
      </section>
    </div>
  )
}

/** "ask Olivia or Wang to change your role", each name a mail link, in the language's sentence. */
function Asking(props: { names: readonly { name: string; email: string | null }[] }) {
  const { t } = useI18n()
  const marker = '\u0000'
  const [before, after] = t('errors.roleAsk', { names: marker }).split(marker)
  return (
    <>
      {before}
      <For each={props.names}>
        {(c, i) => (
          <>
            <Show when={i() > 0}>
              {i() === props.names.length - 1 ? t('errors.roleOr') : t('errors.roleComma')}
            </Show>
            <Show when={c.email} fallback={<strong>{c.name}</strong>}>
              {(email) => <a href={`mailto:${email()}`}>{c.name}</a>}
            </Show>
          </>
        )}
      </For>
      {after}
    </>
  )
}

/** A product's first page the role may see: the board, else the backlog, the roadmap or the reports. */
export const productLanding = (can: (permission: string) => boolean) =>
  can('iteration.view')
    ? 'board'
    : can('requirement.view')
      ? 'backlog'
      : can('roadmap.view')
        ? 'roadmap'
        : can('report.view')
          ? 'reports'
          : 'board'
