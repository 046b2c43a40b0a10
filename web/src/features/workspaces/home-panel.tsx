// The frame of the home page's panels: a titled card, its error, and a task's key-and-title link.
import { A } from '@solidjs/router'
import { type JSX, Show } from 'solid-js'
import { isApiError } from '../../api'
import { useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { useWorkspace } from './workspace-context'

export function Panel(props: {
  id: string
  title: string
  aside?: JSX.Element
  children: JSX.Element
  class?: string
}) {
  return (
    <section class={`card home-panel ${props.class ?? ''}`} aria-labelledby={props.id}>
      <header class="home-panel-header">
        <h2 id={props.id}>{props.title}</h2>
        <Show when={props.aside}>{props.aside}</Show>
      </header>
      {props.children}
    </section>
  )
}

/** A query's error inside a panel: a 403 says the role does not show this, anything else can be retried. */
export function PanelError(props: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n()
  return (
    <Show
      when={!isApiError(props.error, 403)}
      fallback={<p class="home-empty">{t('home.sectionForbidden')}</p>}
    >
      <ErrorNotice error={props.error} onRetry={props.onRetry} class="home-error" />
    </Show>
  )
}

/** PanelError in the form QueryView's `error` takes. */
export const panelError = (error: unknown, retry: () => void) => <PanelError error={error} onRetry={retry} />

export function TaskLink(props: { task: { key: string; title: string } }) {
  const ws = useWorkspace()
  return (
    <>
      <A class="key-chip" href={`/w/${ws.id()}/i/${props.task.key}`}>
        {props.task.key}
      </A>
      <A class="home-task-title" href={`/w/${ws.id()}/i/${props.task.key}`} title={props.task.title}>
        {props.task.title}
      </A>
    </>
  )
}
