// The board's move dialog (the keyboard path to any column): it starts from the card's column, and a live
// refresh that brings a new copy of the same card does not undo the choice being made.
import { createSignal } from 'solid-js'
import { render } from 'solid-js/web'
import { afterEach, describe, expect, it } from 'vitest'
import type { BoardCard } from '../../web/src/features/board/board-logic'
import { MoveDialog } from '../../web/src/features/board/move-dialog'
import { I18nProvider } from '../../web/src/i18n'

let dispose: (() => void) | undefined
afterEach(() => {
  dispose?.()
  document.body.innerHTML = ''
})

const card = (status: string, title = 'Calibrate the torque sensors') =>
  ({ id: 7, key: 'MES-7', title, status }) as unknown as BoardCard

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))
const checked = () =>
  [...document.querySelectorAll<HTMLInputElement>('[role="dialog"] input[type="radio"][name$="-status"]')]
    .filter((input) => input.checked)
    .map((input) => input.value)

describe('MoveDialog', () => {
  it('keeps the chosen column when the card is refreshed, and starts afresh for another card', async () => {
    const [task, setTask] = createSignal<BoardCard | undefined>(card('doing'))
    const moves: string[] = []
    const container = document.createElement('div')
    document.body.append(container)
    dispose = render(
      () => (
        <I18nProvider locale="en">
          <MoveDialog
            task={task()}
            onMove={(status) => moves.push(status)}
            onClose={() => setTask(undefined)}
          />
        </I18nProvider>
      ),
      container,
    )
    await tick()
    expect(checked()).toEqual(['doing'])
    const review = document.querySelector<HTMLInputElement>('[role="dialog"] input[value="review"]')!
    review.click()
    expect(checked()).toEqual(['review'])

    setTask(card('doing', 'Calibrate the torque sensors (renamed by someone else)'))
    await tick()
    expect(checked()).toEqual(['review'])

    document.querySelector<HTMLFormElement>('[role="dialog"] form')!.requestSubmit()
    expect(moves).toEqual(['review'])

    setTask(undefined)
    await tick()
    setTask({ ...card('blocked'), id: 8, key: 'MES-8' } as BoardCard)
    await tick()
    expect(checked()).toEqual(['blocked'])
  })
})
