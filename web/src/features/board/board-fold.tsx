// On a phone, the iteration's header and the board's toolbar fold into one line (the iteration, when it
// ends, its load, whether filters are on) that opens them, so the first screen shows cards. Wider screens
// never fold: the toggle is hidden there and the fold is always open.
import { createSignal, createUniqueId, type JSX } from 'solid-js'
import { useI18n } from '../../i18n'
import { loadText, useIterationWhen } from './iteration-header'
import type { Iteration } from './queries'

export function BoardFold(props: {
  iteration: Iteration
  today: string
  filtering: boolean
  children: JSX.Element
}) {
  const { t } = useI18n()
  const id = createUniqueId()
  const [open, setOpen] = createSignal(false)
  const when = useIterationWhen(() => props.iteration, props.today)
  const summary = () =>
    [props.iteration.name, when(), loadText(props.iteration, t)].filter(Boolean).join(' · ')
  return (
    <>
      <button
        type="button"
        class="board-fold-toggle"
        aria-expanded={open()}
        aria-controls={id}
        onClick={() => setOpen(!open())}
      >
        <span class="board-fold-summary">{summary()}</span>
        <span class="board-fold-more" classList={{ 'is-active': props.filtering }}>
          {props.filtering ? t('board.foldFiltered') : t('board.foldMore')}
        </span>
      </button>
      <div id={id} class="board-fold" classList={{ 'is-folded': !open() }}>
        {props.children}
      </div>
    </>
  )
}
