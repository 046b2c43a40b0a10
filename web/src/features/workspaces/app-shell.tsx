// The frame of everything under /w/:ws — sidebar (workspace switcher, navigation), top bar (language,
// account) and the page. It loads the session once and provides the current workspace to the pages.
import { A, Navigate, type RouteSectionProps, useLocation, useParams } from '@solidjs/router'
import { createQuery } from '@tanstack/solid-query'
import { createEffect, createMemo, createSignal, type JSX, onCleanup, Show, untrack } from 'solid-js'
import { isApiError } from '../../api'
import { type Locale, useI18n } from '../../i18n'
import { Boundary, Loading } from '../../ui/boundary'
import { ErrorNotice } from '../../ui/errors'
import { MenuIcon } from '../../ui/icons'
import { LanguageSwitch } from '../../ui/language-switch'
import { QueryView } from '../../ui/query-view'
import { useAccountMutations } from '../auth/account-queries'
import { AuthLayout } from '../auth/auth-layout'
import type { Me, MyWorkspace } from '../auth/queries'
import { meQuery } from '../auth/queries'
import { Bell } from '../notifications/bell'
import { MarkdownRefsProvider } from '../notifications/markdown-refs'
import { SearchPalette } from '../search/search-palette'
import { Breadcrumb, useTrail } from './breadcrumb'
import { rememberWorkspace } from './last-workspace'
import { useLiveUpdates } from './live'
import { Sidebar } from './sidebar'
import { UserMenu } from './user-menu'
import { WorkspaceContext } from './workspace-context'

export default function AppShell(props: RouteSectionProps) {
  const { t } = useI18n()
  const params = useParams<{ ws: string }>()
  const location = useLocation()
  const me = createQuery(meQuery)
  const workspace = createMemo(() => me.data?.workspaces.find((w) => String(w.id) === params.ws))

  return (
    <QueryView
      query={me}
      loading={<Loading class="loading-page" />}
      error={(error, retry) => (
        <Show
          when={!isApiError(error, 401)}
          fallback={<Navigate href={`/login?next=${encodeURIComponent(location.pathname)}`} />}
        >
          <AuthLayout title={t('errors.title')}>
            <ErrorNotice error={error} onRetry={retry} />
          </AuthLayout>
        </Show>
      )}
    >
      {(data) => (
        <Show
          when={workspace()}
          fallback={
            <AuthLayout title={t('shell.workspaceNotFound')}>
              <p class="auth-text">{t('shell.workspaceNotFoundBody')}</p>
              <A class="btn btn-block" href="/">
                {t('errors.backHome')}
              </A>
            </AuthLayout>
          }
        >
          {(current) => (
            <Layout me={data()} workspace={current()}>
              {props.children}
            </Layout>
          )}
        </Show>
      )}
    </QueryView>
  )
}

function Layout(props: { me: Me; workspace: MyWorkspace; children: JSX.Element }) {
  const i18n = useI18n()
  const { t } = i18n
  const account = useAccountMutations()
  // The account's language and time zone, wherever it signs in; the browser's while it has chosen none.
  createEffect(() => {
    const { language, timeZone } = props.me.user
    if (language && language !== untrack(i18n.locale)) i18n.setLocale(language)
    i18n.setTimeZone(timeZone ?? undefined)
  })
  // Switching the language in the header changes the account's choice too, once it has made one.
  const chooseLanguage = (language: Locale) => {
    if (props.me.user.language !== null && props.me.user.language !== language)
      account.profile.mutate({ language })
  }
  const location = useLocation()
  const [navOpen, setNavOpen] = createSignal(false)
  const can = (permission: string) => props.workspace.permissions.includes(permission)
  const base = () => `/w/${props.workspace.id}`
  const trail = useTrail(() => props.workspace)
  const section = () => trail().at(-1)?.label

  createEffect(() => rememberWorkspace(props.workspace.id))
  useLiveUpdates(() => props.workspace.id)
  createEffect(() => {
    document.title = [section(), props.workspace.name, t('app.name')].filter(Boolean).join(' · ')
  })
  // Close the narrow-screen navigation after following a link, and on Escape (focus back on its button).
  createEffect(() => {
    void location.pathname
    setNavOpen(false)
  })
  let navToggle: HTMLButtonElement | undefined
  createEffect(() => {
    if (!navOpen()) return
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return
      setNavOpen(false)
      navToggle?.focus()
    }
    document.addEventListener('keydown', onKey)
    onCleanup(() => document.removeEventListener('keydown', onKey))
  })

  return (
    <WorkspaceContext.Provider
      value={{ id: () => props.workspace.id, workspace: () => props.workspace, me: () => props.me, can }}
    >
      <div class="shell" classList={{ 'nav-open': navOpen() }}>
        <a class="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <Sidebar base={base()} can={can} instanceOwner={props.me.user.instanceOwner} />
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
              ref={navToggle}
              class="icon-btn nav-toggle"
              aria-label={navOpen() ? t('shell.closeMenu') : t('shell.openMenu')}
              aria-expanded={navOpen()}
              aria-controls="sidebar"
              onClick={() => setNavOpen(!navOpen())}
            >
              <MenuIcon />
            </button>
            <Breadcrumb workspaceName={props.workspace.name} base={base()} trail={trail()} />
            <div class="topbar-right">
              <SearchPalette />
              <Bell />
              <LanguageSwitch onChoose={chooseLanguage} />
              <UserMenu />
            </div>
          </header>
          <main id="main" class="content" tabIndex={-1}>
            <MarkdownRefsProvider>
              <Boundary>{props.children}</Boundary>
            </MarkdownRefsProvider>
          </main>
        </div>
      </div>
    </WorkspaceContext.Provider>
  )
}
