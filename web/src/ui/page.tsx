// Page scaffolding shared by the settings pages: a header with title, intro and actions, and empty states.
import { type JSX, Show } from 'solid-js'

export function PageHeader(props: { title: string; intro?: string; actions?: JSX.Element }) {
  return (
    <header class="page-header">
      <div class="page-header-text">
        <h1>{props.title}</h1>
        <Show when={props.intro}>
          <p class="page-intro">{props.intro}</p>
        </Show>
      </div>
      <Show when={props.actions}>
        <div class="page-actions">{props.actions}</div>
      </Show>
    </header>
  )
}

/** An empty state that teaches what belongs here and how to add it. */
export function EmptyState(props: {
  title: string
  body: string
  icon?: JSX.Element
  action?: JSX.Element
  /** 3 inside a section that has its own heading; 2 (a page's part) by default. */
  level?: 2 | 3
}) {
  return (
    <div class="empty-state">
      <Show when={props.icon}>
        <div class="empty-icon" aria-hidden="true">
          {props.icon}
        </div>
      </Show>
      <Show when={props.level === 3} fallback={<h2>{props.title}</h2>}>
        <h3>{props.title}</h3>
      </Show>
      <p>{props.body}</p>
      <Show when={props.action}>
        <div class="empty-action">{props.action}</div>
      </Show>
    </div>
  )
}
