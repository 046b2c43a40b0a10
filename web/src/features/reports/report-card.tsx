// The frame every card of the reports page has: a titled section whose header may carry more (a count, a
// range, actions), and under it its query shown the one way (QueryView): a spinner, the error with a retry,
// the card's empty sentence, then its content.
import type { Accessor, JSX } from 'solid-js'
import { type QueryState, QueryView } from '../../ui/query-view'

export function ReportCard<T>(props: {
  /** The id of the card's title, which names the section. */
  titleId: string
  title: string
  query: QueryState<T>
  /** More classes for the section (e.g. its grid placement). */
  class?: string
  /** More classes for the header. */
  headerClass?: string
  testId?: string
  /** What the header shows after the title. */
  header?: JSX.Element
  isEmpty?: (data: T) => boolean
  /** The sentence shown when the answer holds nothing. */
  empty?: string
  /** An empty answer is good news (no risks): said calmly rather than as a gap. */
  emptyIsCalm?: boolean
  children: (data: Accessor<T>) => JSX.Element
}) {
  return (
    <section
      class={`card rp-card${props.class ? ` ${props.class}` : ''}`}
      aria-labelledby={props.titleId}
      data-testid={props.testId}
    >
      <header class={`rp-card-header${props.headerClass ? ` ${props.headerClass}` : ''}`}>
        <h2 id={props.titleId} class="section-title">
          {props.title}
        </h2>
        {props.header}
      </header>
      <QueryView
        query={props.query}
        isEmpty={props.isEmpty}
        empty={<p class={props.emptyIsCalm ? 'rp-calm' : 'rp-empty'}>{props.empty}</p>}
      >
        {props.children}
      </QueryView>
    </section>
  )
}
