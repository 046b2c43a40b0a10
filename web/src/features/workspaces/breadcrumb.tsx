// Where the page sits, as the top bar's breadcrumb and the document title read it: workspace › product ›
// view, workspace › customers, workspace › settings › page.

import { A, useLocation } from '@solidjs/router'
import { For, Show } from 'solid-js'
import { type MessageKey, useI18n } from '../../i18n'
import { createLocalQuery } from '../../ui/query-view'
import type { MyWorkspace } from '../auth/queries'
import { productsQuery } from '../products/queries'

const SETTINGS: Record<string, MessageKey> = {
  products: 'shell.products',
  members: 'shell.members',
  roles: 'shell.roles',
  tokens: 'shell.tokens',
  account: 'account.nav',
  webhooks: 'shell.webhooks',
  data: 'shell.dataExport',
  import: 'shell.dataImport',
  instance: 'instance.nav',
}

const PRODUCT_VIEWS: Record<string, MessageKey> = {
  board: 'work.terms.board',
  backlog: 'work.terms.backlog',
  plan: 'work.terms.plan',
  roadmap: 'work.terms.roadmap',
  reports: 'reports.title',
}

export interface Crumb {
  label: string
  href?: string
}

/** The product key a path is about: /p/MES/board and /i/MES-42 are both under MES. */
export function productKeyOf(pathname: string): string | undefined {
  return /\/p\/([^/]+)/.exec(pathname)?.[1] ?? /\/i\/([A-Z0-9]+)-\d+/.exec(pathname)?.[1]
}

/** The crumbs after the workspace for the current path; the last one is the page itself. */
export function useTrail(workspace: () => MyWorkspace): () => Crumb[] {
  const { t } = useI18n()
  const location = useLocation()
  const can = (permission: string) => workspace().permissions.includes(permission)
  const base = () => `/w/${workspace().id}`
  const products = createLocalQuery(() => productsQuery(workspace().id))
  return () => {
    const [first, second, third] = location.pathname.slice(base().length).split('/').filter(Boolean)
    if (first === undefined) return [{ label: t('shell.home') }]
    if (first === 'inbox') return [{ label: t('inbox.title') }]
    if (first === 'customers') {
      const list = { label: t('shell.customers'), href: `${base()}/customers` }
      return second ? [list] : [{ label: list.label }]
    }
    if (first === 'settings') {
      if (second === 'instance' && (third === 'audit' || third === 'sign-in')) {
        const instance = { label: t('instance.nav'), href: `${base()}/settings/instance` }
        const page = third === 'audit' ? t('audit.nav') : t('providers.title')
        return [{ label: t('shell.settingsSection') }, instance, { label: page }]
      }
      const page = second ? SETTINGS[second] : undefined
      return [{ label: t('shell.settingsSection') }, ...(page ? [{ label: t(page) }] : [])]
    }
    const key = productKeyOf(location.pathname)
    if (!key) return []
    const product = products.data?.items.find((p) => p.key === key)
    const productCrumb = {
      label: product ? `${key} · ${product.name}` : key,
      href: `${base()}/p/${key}/${can('iteration.view') ? 'board' : 'roadmap'}`,
    }
    if (first === 'i' && second) return [productCrumb, { label: second }]
    const view = third ? PRODUCT_VIEWS[third] : undefined
    return [productCrumb, ...(view ? [{ label: t(view) }] : [])]
  }
}

/** The workspace, then each crumb; all but the current page are links. */
export function Breadcrumb(props: { workspaceName: string; base: string; trail: Crumb[] }) {
  const { t } = useI18n()
  return (
    <nav class="breadcrumb" aria-label={t('shell.breadcrumb')}>
      <A class="breadcrumb-workspace" href={props.base} end>
        {props.workspaceName}
      </A>
      <For each={props.trail}>
        {(crumb, i) => (
          <>
            <span class="breadcrumb-sep" aria-hidden="true">
              /
            </span>
            <Show
              when={crumb.href && i() < props.trail.length - 1}
              fallback={
                <span
                  class="breadcrumb-current"
                  aria-current={i() === props.trail.length - 1 ? 'page' : undefined}
                >
                  {crumb.label}
                </span>
              }
            >
              <A class="breadcrumb-link" href={crumb.href ?? ''}>
                {crumb.label}
              </A>
            </Show>
          </>
        )}
      </For>
    </nav>
  )
}
