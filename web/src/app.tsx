// The app: query client, i18n, and the routes (each page loaded on demand with lazy()).
import { Navigate, Route, Router, type RouteSectionProps, useParams } from '@solidjs/router'
import { QueryClientProvider } from '@tanstack/solid-query'
import { type Component, lazy } from 'solid-js'
import { TwoFactorGuard } from './features/auth/two-factor-guard'
import { productLanding, RoleGate } from './features/workspaces/role-gate'
import { useWorkspace } from './features/workspaces/workspace-context'
import { type I18n, I18nProvider, useI18n } from './i18n'
import { createQueryClient } from './query-client'
import { Boundary } from './ui/boundary'

const RootRedirect = lazy(() => import('./features/auth/root-redirect'))
const SetupPage = lazy(() => import('./features/auth/setup-page'))
const LoginPage = lazy(() => import('./features/auth/login-page'))
const InvitePage = lazy(() => import('./features/auth/invite-page'))
const ResetPasswordPage = lazy(() => import('./features/auth/reset-password-page'))
const ForgotPasswordPage = lazy(() => import('./features/auth/forgot-password-page'))
const VerifyEmailPage = lazy(() => import('./features/auth/verify-email-page'))
const AccountRedirect = lazy(() => import('./features/auth/account-redirect'))
const TwoFactorRequiredPage = lazy(() => import('./features/auth/two-factor-page'))
const UnsubscribePage = lazy(() => import('./features/email/unsubscribe-page'))
const InstancePage = lazy(() => import('./features/instance/instance-page'))
const AuditLogPage = lazy(() => import('./features/audit/audit-page'))
const ProviderEditorPage = lazy(() => import('./features/providers/provider-editor-page'))
const AppShell = lazy(() => import('./features/workspaces/app-shell'))
const HomePage = lazy(() => import('./features/workspaces/home-page'))
const ProductsPage = lazy(() => import('./features/products/products-page'))
const MembersPage = lazy(() => import('./features/members/members-page'))
const RolesPage = lazy(() => import('./features/roles/roles-page'))
const TokensPage = lazy(() => import('./features/tokens/tokens-page'))
const ProfilePage = lazy(() => import('./features/auth/profile-page'))
const WebhooksPage = lazy(() => import('./features/webhooks/webhooks-page'))
const DataExportPage = lazy(() => import('./features/exports/data-page'))
const ImportPage = lazy(() => import('./features/imports/import-page'))
const NotFoundPage = lazy(() => import('./ui/not-found-page'))
const InboxPage = lazy(() => import('./features/notifications/inbox-page'))
const BoardPage = lazy(() => import('./features/board/board-page'))
const BacklogPage = lazy(() => import('./features/backlog/backlog-page'))
const PlanPage = lazy(() => import('./features/plan/plan-page'))
const RoadmapPage = lazy(() => import('./features/roadmap/roadmap-page'))
const ItemPage = lazy(() => import('./features/items/item-page'))
const CustomersPage = lazy(() => import('./features/customers/customers-page'))
const CustomerPage = lazy(() => import('./features/customers/customer-page'))
const ReportsPage = lazy(() => import('./features/reports/reports-page'))
const SharePage = lazy(() => import('./features/sharing/share-page'))

function Root(props: RouteSectionProps) {
  return (
    <>
      <TwoFactorGuard />
      <Boundary>{props.children}</Boundary>
    </>
  )
}

function ProductIndex() {
  const params = useParams<{ ws: string; key: string }>()
  const ws = useWorkspace()
  return <Navigate href={`/w/${params.ws}/p/${params.key}/${productLanding(ws.can)}`} />
}

function SettingsIndex() {
  const params = useParams<{ ws: string }>()
  const ws = useWorkspace()
  return <Navigate href={`/w/${params.ws}/settings/${ws.can('member.view') ? 'members' : 'account'}`} />
}

type TitleKey = Parameters<I18n['t']>[0]

/** A page for the roles holding `needs`; others see its title, what it needs and whom to ask. */
const gated = (needs: readonly string[], title: TitleKey, Page: Component) => () => {
  const { t } = useI18n()
  return (
    <RoleGate needs={needs} title={String(t(title))}>
      <Page />
    </RoleGate>
  )
}

export function App() {
  const queryClient = createQueryClient()
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Router root={Root}>
          <Route path="/" component={RootRedirect} />
          <Route path="/setup" component={SetupPage} />
          <Route path="/login" component={LoginPage} />
          <Route path="/invite/:token" component={InvitePage} />
          <Route path="/reset-password/:token" component={ResetPasswordPage} />
          <Route path="/forgot-password" component={ForgotPasswordPage} />
          <Route path="/verify-email/:token" component={VerifyEmailPage} />
          <Route path="/unsubscribe/:token" component={UnsubscribePage} />
          <Route path="/account" component={AccountRedirect} />
          <Route path="/account/two-factor" component={TwoFactorRequiredPage} />
          <Route path="/s/:token" component={SharePage} />
          <Route path="/w/:ws" component={AppShell}>
            <Route path="/" component={HomePage} />
            <Route path="/p/:key" component={ProductIndex} />
            <Route
              path="/p/:key/board"
              component={gated(['iteration.view'], 'work.terms.board', BoardPage)}
            />
            <Route
              path="/p/:key/backlog"
              component={gated(['requirement.view'], 'work.terms.backlog', BacklogPage)}
            />
            <Route
              path="/p/:key/plan"
              component={gated(['iteration.view', 'requirement.view'], 'work.terms.plan', PlanPage)}
            />
            <Route
              path="/p/:key/roadmap"
              component={gated(['roadmap.view'], 'work.terms.roadmap', RoadmapPage)}
            />
            <Route
              path="/p/:key/reports"
              component={gated(['report.view', 'iteration.view'], 'reports.title', ReportsPage)}
            />
            <Route path="/i/:key" component={ItemPage} />
            <Route path="/inbox" component={InboxPage} />
            <Route path="/customers" component={gated(['customer.view'], 'customers.title', CustomersPage)} />
            <Route
              path="/customers/:id"
              component={gated(['customer.view'], 'customers.title', CustomerPage)}
            />
            <Route path="/settings" component={SettingsIndex} />
            <Route
              path="/settings/products"
              component={gated(['product.view'], 'shell.products', ProductsPage)}
            />
            <Route
              path="/settings/members"
              component={gated(['member.view'], 'shell.members', MembersPage)}
            />
            <Route path="/settings/roles" component={RolesPage} />
            <Route path="/settings/tokens" component={TokensPage} />
            <Route path="/settings/account" component={ProfilePage} />
            <Route
              path="/settings/webhooks"
              component={gated(['webhook.manage'], 'shell.webhooks', WebhooksPage)}
            />
            <Route path="/settings/data" component={gated(['export'], 'shell.dataExport', DataExportPage)} />
            <Route path="/settings/import" component={gated(['import'], 'shell.dataImport', ImportPage)} />
            <Route path="/settings/instance" component={InstancePage} />
            <Route path="/settings/instance/audit" component={AuditLogPage} />
            <Route path="/settings/instance/sign-in/new" component={ProviderEditorPage} />
            <Route path="/settings/instance/sign-in/:id" component={ProviderEditorPage} />
            <Route path="*" component={NotFoundPage} />
          </Route>
          <Route path="*" component={NotFoundPage} />
        </Router>
      </I18nProvider>
    </QueryClientProvider>
  )
}
