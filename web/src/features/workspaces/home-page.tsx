// The workspace home: a welcome that teaches the first steps, ticked off from real data where the
// user's role lets us see it. Products' boards arrive with later issues, and the page says so.
import { A } from '@solidjs/router'
import { createQuery } from '@tanstack/solid-query'
import { For, type JSX, Show } from 'solid-js'
import { type MessageKey, useI18n } from '../../i18n'
import { CheckIcon, KeyIcon, MembersIcon, ProductIcon, RolesIcon } from '../../ui/icons'
import { membersQuery } from '../members/queries'
import { productsQuery } from '../products/queries'
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

export default function HomePage() {
  const { t } = useI18n()
  const ws = useWorkspace()
  const products = createQuery(() => ({ ...productsQuery(ws.id()), enabled: ws.can('product.view') }))
  const members = createQuery(() => ({ ...membersQuery(ws.id()), enabled: ws.can('member.view') }))
  const base = () => `/w/${ws.id()}/settings`

  const steps = (): Step[] => [
    {
      title: 'home.stepProduct',
      body: 'home.stepProductBody',
      action: 'home.stepProductAction',
      href: ws.can('product.view') ? `${base()}/products` : undefined,
      icon: <ProductIcon />,
      allowed: ws.can('product.manage'),
      done: (products.data?.items.length ?? 0) > 0,
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

  return (
    <div class="page home">
      <header class="home-hero">
        <h1>{t('home.welcome', { workspace: ws.workspace().name })}</h1>
        <p class="page-intro">{t('home.intro')}</p>
      </header>
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
      <section class="card card-pad home-next" aria-labelledby="next-title">
        <h2 id="next-title" class="section-title">
          {t('home.nextTitle')}
        </h2>
        <p>{t('home.nextBody')}</p>
      </section>
    </div>
  )
}
