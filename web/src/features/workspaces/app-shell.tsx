// The frame of everything under /w/:ws — sidebar (workspace switcher, navigation), top bar (language,
// account) and the page. It loads the session once and provides the current workspace to the pages.
import { A, Navigate, type RouteSectionProps, useLocation, useParams } from '@solidjs/router'
import { createQuery } from '@tanstack/solid-query'
import { createEffect, createMemo, createSignal, For, type JSX, Match, Show, Switch } from 'solid-js'
import { isApiError } from '../../api'
import { type MessageKey, useI18n } from '../../i18n'
import { Boundary, Loading } from '../../ui/boundary'
import { ErrorNotice } from '../../ui/errors'
import {
  BacklogIcon,
  BoardIcon,
  CustomersIcon,
  DocsIcon,
  DownloadIcon,
  HomeIcon,
  KeyIcon,
  MembersIcon,
  MenuIcon,
  PlanIcon,
  ProductIcon,
  ReportsIcon,
  RoadmapIcon,
  RolesIcon,
  ServerIcon,
  UploadIcon,
  WebhookIcon,
} from '../../ui/icons'
import { LanguageSwitch } from '../../ui/language-switch'
import { AuthLayout } from '../auth/auth-layout'
import type { Me, MyWorkspace } from '../auth/queries'
import { meQuery } from '../auth/queries'
import { productsQuery } from '../products/queries'
import { SearchPalette } from '../search/search-palette'
import { rememberWorkspace } from './last-workspace'
import { useLiveUpdates } from './live'
import { UserMenu } from './user-menu'
import { useWorkspace, WorkspaceContext } from './workspace-context'
import { WorkspaceSwitcher } from './workspace-switcher'

export default function AppShell(props: RouteSectionProps) {
  const { t } = useI18n()
  const params = useParams<{ ws: string }>()
  const location = useLocation()
  const me = createQuery(meQuery)
  const workspace = createMemo(() => me.data?.workspaces.find((w) => String(w.id) === params.ws))

  return (
    <Switch fallback={<Loading class="loading-page" />}>
      <Match when={isApiError(me.error, 401)}>
        <Navigate href={`/login?next=${encodeURIComponent(location.pathname)}`} />
      </Match>
      <Match when={me.isError}>
        <AuthLayout title={t('errors.title')}>
          <ErrorNotice error={me.error} onRetry={() => void me.refetch()} />
        </AuthLayout>
      </Match>
      <Match when={me.data && workspace()}>
        <Layout me={me.data!} workspace={workspace()!}>
          {props.children}
        </Layout>
      </Match>
      <Match when={me.data}>
        <AuthLayout title={t('shell.workspaceNotFound')}>
          <p class="auth-text">{t('shell.workspaceNotFoundBody')}</p>
          <A class="btn btn-block" href="/">
            {t('errors.backHome')}
          </A>
        </AuthLayout>
      </Match>
    </Switch>
  )
}

const SETTINGS: Record<string, MessageKey> = {
  products: 'shell.products',
  members: 'shell.members',
  roles: 'shell.roles',
  tokens: 'shell.tokens',
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

interface Crumb {
  label: string
  href?: string
}

/** The product key a path is about: /p/MES/board and /i/MES-42 are both under MES. */
export function productKeyOf(pathname: string): string | undefined {
  return /\/p\/([^/]+)/.exec(pathname)?.[1] ?? /\/i\/([A-Z0-9]+)-\d+/.exec(pathname)?.[1]
}

function Layout(props: { me: Me; workspace: MyWorkspace; children: JSX.Element }) {
  const { t } = useI18n()
  const location = useLocation()
  const [navOpen, setNavOpen] = createSignal(false)
  const can = (permission: string) => props.workspace.permissions.includes(permission)
  const base = () => `/w/${props.workspace.id}`
  const products = createQuery(() => ({ ...productsQuery(props.workspace.id), throwOnError: false }))
  /** Where the page sits: workspace › product › view, workspace › customers, workspace › settings › page. */
  const trail = (): Crumb[] => {
    const [first, second, third] = location.pathname.slice(base().length).split('/').filter(Boolean)
    if (first === undefined) return [{ label: t('shell.home') }]
    if (first === 'customers') {
      const list = { label: t('shell.customers'), href: `${base()}/customers` }
      return second ? [list] : [{ label: list.label }]
    }
    if (first === 'settings') {
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
  const section = () => trail().at(-1)?.label

  createEffect(() => rememberWorkspace(props.workspace.id))
  useLiveUpdates(() => props.workspace.id)
  createEffect(() => {
    document.title = [section(), props.workspace.name, t('app.name')].filter(Boolean).join(' · ')
  })
  // Close the narrow-screen navigation after following a link.
  createEffect(() => {
    void location.pathname
    setNavOpen(false)
  })

  return (
    <WorkspaceContext.Provider
      value={{ id: () => props.workspace.id, workspace: () => props.workspace, me: () => props.me, can }}
    >
      <div class="shell" classList={{ 'nav-open': navOpen() }}>
        <a class="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <aside class="sidebar" id="sidebar">
          <WorkspaceSwitcher />
          <nav class="nav" aria-label={t('shell.mainNav')}>
            <NavLink href={base()} end icon={<HomeIcon />} label={t('shell.home')} />
            <Show when={can('customer.view')}>
              <NavLink href={`${base()}/customers`} icon={<CustomersIcon />} label={t('shell.customers')} />
            </Show>
            <Show when={can('product.view')}>
              <ProductNav base={base()} can={can} />
            </Show>
            <p class="nav-section">{t('shell.settingsSection')}</p>
            <Show when={can('product.view')}>
              <NavLink
                href={`${base()}/settings/products`}
                icon={<ProductIcon />}
                label={t('shell.products')}
              />
            </Show>
            <Show when={can('member.view')}>
              <NavLink
                href={`${base()}/settings/members`}
                icon={<MembersIcon />}
                label={t('shell.members')}
              />
            </Show>
            <NavLink href={`${base()}/settings/roles`} icon={<RolesIcon />} label={t('shell.roles')} />
            <Show when={can('webhook.manage')}>
              <NavLink
                href={`${base()}/settings/webhooks`}
                icon={<WebhookIcon />}
                label={t('shell.webhooks')}
              />
            </Show>
            <Show when={can('export')}>
              <NavLink
                href={`${base()}/settings/data`}
                icon={<DownloadIcon />}
                label={t('shell.dataExport')}
              />
            </Show>
            <Show when={can('import')}>
              <NavLink
                href={`${base()}/settings/import`}
                icon={<UploadIcon />}
                label={t('shell.dataImport')}
              />
            </Show>
            <Show when={props.me.user.instanceOwner}>
              <NavLink href={`${base()}/settings/instance`} icon={<ServerIcon />} label={t('instance.nav')} />
            </Show>
            <p class="nav-section">{t('shell.personalSection')}</p>
            <NavLink href={`${base()}/settings/tokens`} icon={<KeyIcon />} label={t('shell.tokens')} />
          </nav>
          <div class="sidebar-footer">
            <a class="nav-link nav-link-quiet" href="/api/docs" target="_blank" rel="noopener">
              <DocsIcon />
              <span>{t('shell.apiDocs')}</span>
            </a>
          </div>
        </aside>
        <button
          type="button"
          class="nav-scrim"
          tabIndex={-1}
          aria-label={t('shell.closeMenu')}
          onClick={() => setNavOpen(false)}
        />
        <div class="main-column">
          <header class="topbar">
            <button
              type="button"
              class="icon-btn nav-toggle"
              aria-label={navOpen() ? t('shell.closeMenu') : t('shell.openMenu')}
              aria-expanded={navOpen()}
              aria-controls="sidebar"
              onClick={() => setNavOpen(!navOpen())}
            >
              <MenuIcon />
            </button>
            <nav class="breadcrumb" aria-label={t('shell.breadcrumb')}>
              <A class="breadcrumb-workspace" href={base()} end>
                {props.workspace.name}
              </A>
              <For each={trail()}>
                {(crumb, i) => (
                  <>
                    <span class="breadcrumb-sep" aria-hidden="true">
                      /
                    </span>
                    <Show
                      when={crumb.href && i() < trail().length - 1}
                      fallback={
                        <span
                          class="breadcrumb-current"
                          aria-current={i() === trail().length - 1 ? 'page' : undefined}
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
            <div class="topbar-right">
              <SearchPalette />
              <LanguageSwitch />
              <UserMenu />
            </div>
          </header>
          <main id="main" class="content" tabIndex={-1}>
            <Boundary>{props.children}</Boundary>
          </main>
        </div>
      </div>
    </WorkspaceContext.Provider>
  )
}

/** Each product with its board, backlog, plan and roadmap; the views open under the current product. */
function ProductNav(props: { base: string; can: (permission: string) => boolean }) {
  const { t } = useI18n()
  const workspace = useWorkspace()
  const location = useLocation()
  const products = createQuery(() => ({ ...productsQuery(workspace.id()), throwOnError: false }))
  const current = () => productKeyOf(location.pathname)
  return (
    <>
      <p class="nav-section">{t('shell.productsSection')}</p>
      <Show when={products.data?.items.length === 0}>
        <p class="nav-empty">{t('shell.noProducts')}</p>
      </Show>
      <For each={products.data?.items ?? []}>
        {(product) => (
          <div class="nav-product" classList={{ current: current() === product.key }}>
            <A class="nav-link nav-product-name" href={`${props.base}/p/${product.key}/board`}>
              <span class="nav-product-key">{product.key}</span>
              <span class="nav-product-label">{product.name}</span>
            </A>
            <Show when={current() === product.key}>
              <div class="nav-product-views">
                <Show when={props.can('iteration.view')}>
                  <NavLink
                    href={`${props.base}/p/${product.key}/board`}
                    icon={<BoardIcon />}
                    label={t('work.terms.board')}
                  />
                </Show>
                <Show when={props.can('requirement.view')}>
                  <NavLink
                    href={`${props.base}/p/${product.key}/backlog`}
                    icon={<BacklogIcon />}
                    label={t('work.terms.backlog')}
                  />
                </Show>
                <Show when={props.can('iteration.view') && props.can('requirement.view')}>
                  <NavLink
                    href={`${props.base}/p/${product.key}/plan`}
                    icon={<PlanIcon />}
                    label={t('work.terms.plan')}
                  />
                </Show>
                <Show when={props.can('roadmap.view')}>
                  <NavLink
                    href={`${props.base}/p/${product.key}/roadmap`}
                    icon={<RoadmapIcon />}
                    label={t('work.terms.roadmap')}
                  />
                </Show>
                <Show when={props.can('report.view')}>
                  <NavLink
                    href={`${props.base}/p/${product.key}/reports`}
                    icon={<ReportsIcon />}
                    label={t('reports.title')}
                  />
                </Show>
              </div>
            </Show>
          </div>
        )}
      </For>
    </>
  )
}

function NavLink(props: { href: string; icon: JSX.Element; label: string; end?: boolean }) {
  return (
    <A href={props.href} end={props.end} class="nav-link" activeClass="active">
      {props.icon}
      <span>{props.label}</span>
    </A>
  )
}
