// The first-run home page: the steps to a working Keel, and the offer of the demo workspace.

import { A, useNavigate } from '@solidjs/router'
import { createMutation, useQueryClient } from '@tanstack/solid-query'
import { For, type JSX, Show } from 'solid-js'
import { api, unwrap } from '../../api'
import { type MessageKey, useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { CheckIcon, KeyIcon, MembersIcon, ProductIcon, RolesIcon, UploadIcon } from '../../ui/icons'
import { createLocalQuery } from '../../ui/query-view'
import { authKeys } from '../auth/queries'
import { membersQuery } from '../members/queries'
import { useWorkspace } from './workspace-context'

interface Step {
  title: MessageKey
  body: MessageKey
  action: MessageKey
  /** Absent when the user's role may not open the page. */
  href?: string
  icon: JSX.Element
  /** Whether the user's role lets them do this step. */
  allowed: boolean
  done?: boolean
}

export function Onboarding(props: { hasProducts: boolean }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const members = createLocalQuery(() => ({ ...membersQuery(ws.id()), enabled: ws.can('member.view') }))
  const base = () => `/w/${ws.id()}/settings`
  const steps = (): Step[] => [
    {
      title: 'home.stepProduct',
      body: 'home.stepProductBody',
      action: 'home.stepProductAction',
      href: ws.can('product.view') ? `${base()}/products` : undefined,
      icon: <ProductIcon />,
      allowed: ws.can('product.manage'),
      done: props.hasProducts,
    },
    {
      title: 'home.stepImport',
      body: 'home.stepImportBody',
      action: 'home.stepImportAction',
      href: ws.can('import') ? `${base()}/import` : undefined,
      icon: <UploadIcon />,
      allowed: ws.can('import'),
    },
    {
      title: 'home.stepInvite',
      body: 'home.stepInviteBody',
      action: 'home.stepInviteAction',
      href: ws.can('member.view') ? `${base()}/members` : undefined,
      icon: <MembersIcon />,
      allowed: ws.can('member.manage'),
      done: (members.data?.items.length ?? 0) > 1,
    },
    {
      title: 'home.stepRoles',
      body: 'home.stepRolesBody',
      action: 'home.stepRolesAction',
      href: `${base()}/roles`,
      icon: <RolesIcon />,
      allowed: true,
    },
    {
      title: 'home.stepToken',
      body: 'home.stepTokenBody',
      action: 'home.stepTokenAction',
      href: `${base()}/tokens`,
      icon: <KeyIcon />,
      allowed: true,
    },
  ]
  const canSetUp = () => ws.can('product.manage')

  return (
    <>
      <header class="home-hero">
        <h1>{t('home.welcome', { workspace: ws.workspace().name })}</h1>
        <p class="page-intro">{canSetUp() ? t('home.intro') : t('home.noProductsReadOnly')}</p>
      </header>
      <Show when={canSetUp()}>
        <div class="home-onboarding">
          <section aria-labelledby="steps-title">
            <h2 id="steps-title" class="section-title">
              {t('home.stepsTitle')}
            </h2>
            <ol class="steps">
              <For each={steps()}>
                {(step, index) => (
                  <li class="step" classList={{ 'is-done': step.done }}>
                    <span class="step-marker" aria-hidden="true">
                      {step.done ? <CheckIcon /> : index() + 1}
                    </span>
                    <div class="step-text">
                      <h3>
                        {t(step.title)}
                        <Show when={step.done}>
                          <span class="tag tag-success">{t('home.done')}</span>
                        </Show>
                      </h3>
                      <p>{t(step.body)}</p>
                      <Show when={!step.allowed && !step.done}>
                        <p class="muted">{t('home.askAdmin')}</p>
                      </Show>
                    </div>
                    <Show when={step.href}>
                      {(href) => (
                        <A class="btn" href={href()}>
                          {step.icon}
                          {t(step.action)}
                        </A>
                      )}
                    </Show>
                  </li>
                )}
              </For>
            </ol>
          </section>
          <DemoOffer />
        </div>
      </Show>
    </>
  )
}

export function DemoOffer() {
  const { t } = useI18n()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const create = createMutation(() => ({
    mutationFn: () => unwrap(api.workspaces.$post({ json: { name: t('home.demoName'), demo: true } })),
    onSuccess: async (workspace) => {
      await queryClient.invalidateQueries({ queryKey: authKeys.me })
      navigate(`/w/${workspace.id}`)
    },
  }))
  return (
    <section class="card card-pad home-demo" aria-labelledby="demo-title">
      <h2 id="demo-title" class="section-title">
        {t('home.demoTitle')}
      </h2>
      <p>{t('home.demoBody')}</p>
      <ErrorNotice error={create.error} />
      <div>
        <button type="button" class="btn" disabled={create.isPending} onClick={() => create.mutate()}>
          {create.isPending ? t('home.demoCreating') : t('home.demoAction')}
        </button>
      </div>
    </section>
  )
}
