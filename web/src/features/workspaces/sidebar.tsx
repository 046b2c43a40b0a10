// The workspace's sidebar: the workspace switcher, then navigation to home, customers, each product's views
// (under the current product), the settings pages and the personal ones, as far as the role may see them.

import { A, useLocation } from '@solidjs/router'
import { For, type JSX, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import {
  AuditIcon,
  BacklogIcon,
  BoardIcon,
  CustomersIcon,
  DocsIcon,
  DownloadIcon,
  HomeIcon,
  InboxIcon,
  KeyIcon,
  MembersIcon,
  PlanIcon,
  ProductIcon,
  ReportsIcon,
  RoadmapIcon,
  RolesIcon,
  ServerIcon,
  UploadIcon,
  WebhookIcon,
} from '../../ui/icons'
import { createLocalQuery } from '../../ui/query-view'
import { unreadCountQuery } from '../notifications/queries'
import { productsQuery } from '../products/queries'
import { productKeyOf } from './breadcrumb'
import { productLanding } from './role-gate'
import { useWorkspace } from './workspace-context'
import { WorkspaceSwitcher } from './workspace-switcher'

export function Sidebar(props: {
  base: string
  can: (permission: string) => boolean
  instanceOwner: boolean
}) {
  const { t } = useI18n()
  return (
    <aside class="sidebar" id="sidebar">
      <WorkspaceSwitcher />
      <nav class="nav" aria-label={t('shell.mainNav')}>
        <NavLink href={props.base} end icon={<HomeIcon />} label={t('shell.home')} />
        <InboxLink base={props.base} />
        <Show when={props.can('customer.view')}>
          <NavLink href={`${props.base}/customers`} icon={<CustomersIcon />} label={t('shell.customers')} />
        </Show>
        <Show when={props.can('product.view')}>
          <ProductNav base={props.base} can={props.can} />
        </Show>
        <SettingsNav base={props.base} can={props.can} instanceOwner={props.instanceOwner} />
        <p class="nav-section">{t('shell.personalSection')}</p>
        <NavLink href={`${props.base}/settings/account`} icon={<MembersIcon />} label={t('account.nav')} />
        <NavLink href={`${props.base}/settings/tokens`} icon={<KeyIcon />} label={t('shell.tokens')} />
      </nav>
      <div class="sidebar-footer">
        <a class="nav-link nav-link-quiet" href="/api/docs" target="_blank" rel="noopener">
          <DocsIcon />
          <span>{t('shell.apiDocs')}</span>
        </a>
      </div>
    </aside>
  )
}

/** The workspace's settings pages; the instance page and its audit log only for the instance's owners. */
function SettingsNav(props: { base: string; can: (permission: string) => boolean; instanceOwner: boolean }) {
  const { t } = useI18n()
  return (
    <>
      <p class="nav-section">{t('shell.settingsSection')}</p>
      <Show when={props.can('product.view')}>
        <NavLink
          href={`${props.base}/settings/products`}
          icon={<ProductIcon />}
          label={t('shell.products')}
        />
      </Show>
      <Show when={props.can('member.view')}>
        <NavLink href={`${props.base}/settings/members`} icon={<MembersIcon />} label={t('shell.members')} />
      </Show>
      <NavLink href={`${props.base}/settings/roles`} icon={<RolesIcon />} label={t('shell.roles')} />
      <Show when={props.can('webhook.manage')}>
        <NavLink
          href={`${props.base}/settings/webhooks`}
          icon={<WebhookIcon />}
          label={t('shell.webhooks')}
        />
      </Show>
      <Show when={props.can('export')}>
        <NavLink href={`${props.base}/settings/data`} icon={<DownloadIcon />} label={t('shell.dataExport')} />
      </Show>
      <Show when={props.can('import')}>
        <NavLink href={`${props.base}/settings/import`} icon={<UploadIcon />} label={t('shell.dataImport')} />
      </Show>
      <Show when={props.instanceOwner}>
        <NavLink
          href={`${props.base}/settings/instance`}
          end
          icon={<ServerIcon />}
          label={t('instance.nav')}
        />
        <NavLink href={`${props.base}/settings/instance/audit`} icon={<AuditIcon />} label={t('audit.nav')} />
      </Show>
    </>
  )
}

/** Each product with its board, backlog, plan and roadmap; the views open under the current product. */
function ProductNav(props: { base: string; can: (permission: string) => boolean }) {
  const { t } = useI18n()
  const workspace = useWorkspace()
  const location = useLocation()
  const products = createLocalQuery(() => productsQuery(workspace.id()))
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
            <A
              class="nav-link nav-product-name"
              href={`${props.base}/p/${product.key}/${productLanding(props.can)}`}
            >
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
                <Show when={props.can('report.view') && props.can('iteration.view')}>
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

/** The inbox, with how many are unread (the same count as the bell's). */
function InboxLink(props: { base: string }) {
  const { t } = useI18n()
  const workspace = useWorkspace()
  const count = createLocalQuery(() => unreadCountQuery(workspace.id()))
  return (
    <NavLink
      href={`${props.base}/inbox`}
      icon={<InboxIcon />}
      label={t('inbox.title')}
      count={count.data?.unreadCount || undefined}
    />
  )
}

function NavLink(props: { href: string; icon: JSX.Element; label: string; end?: boolean; count?: number }) {
  return (
    <A href={props.href} end={props.end} class="nav-link" activeClass="active">
      {props.icon}
      <span>{props.label}</span>
      <Show when={props.count}>{(count) => <span class="nav-count">{count()}</span>}</Show>
    </A>
  )
}
