// The board's columns in happy-dom: what cards show, WIP warnings, the keyboard alternative to dragging
// (Alt+arrows give the same beforeId/afterId a drop would), and a read-only role sees no move controls.
import { createSignal } from 'solid-js'
import { render } from 'solid-js/web'
import { afterEach, describe, expect, it } from 'vitest'
import { BoardGrid } from '../../web/src/features/board/board-grid'
import {
  type Anchor,
  applyMove,
  type Board,
  type BoardStatus,
  buildLanes,
  shareBoard,
} from '../../web/src/features/board/board-logic'
import { I18nProvider, type Locale } from '../../web/src/i18n'
import { boardOf, boardCard as card } from '../helpers/board'

let dispose: (() => void) | undefined
afterEach(() => {
  dispose?.()
  document.body.innerHTML = ''
})

interface Moved {
  id: number
  status: BoardStatus
  anchor: Anchor
}

function show(initial: Board, options: { canMove?: boolean; locale?: Locale } = {}) {
  const container = document.createElement('div')
  document.body.append(container)
  const moves: Moved[] = []
  const said: string[] = []
  const [board, setBoard] = createSignal(initial)
  dispose = render(
    () => (
      <I18nProvider locale={options.locale ?? 'en'} persist={false}>
        <BoardGrid
          board={board()}
          lanes={buildLanes(board(), 'none')}
          grouped={false}
          canMove={options.canMove ?? true}
          canCreate={options.canMove ?? true}
          cardContext={{
            href: (key) => `/w/1/i/${key}`,
            today: () => '2026-03-10',
            shortDate: (date) => date,
            showRequirement: () => true,
            openMove: () => undefined,
          }}
          laneLabel={() => null}
          laneName={() => ''}
          isCollapsed={() => false}
          toggleLane={() => undefined}
          onMove={(task, status, anchor) => {
            moves.push({ id: task.id, status, anchor })
            setBoard(applyMove(board(), { taskId: task.id, status, ...anchor }))
          }}
          onAdd={() => undefined}
          onDragStart={() => undefined}
          onDragEnd={() => undefined}
          announce={(message) => said.push(message)}
        />
      </I18nProvider>
    ),
    container,
  )
  return { container, moves, said, setBoard, board }
}

const cardEl = (container: HTMLElement, id: number) =>
  container.querySelector<HTMLAnchorElement>(`[data-card="${id}"]`)!
const idsIn = (container: HTMLElement, status: string) =>
  [...container.querySelectorAll(`[data-cell][data-status="${status}"] [data-card]`)].map((el) =>
    Number(el.getAttribute('data-card')),
  )
const press = (el: HTMLElement, key: string, alt = true) =>
  el.dispatchEvent(new KeyboardEvent('keydown', { key, altKey: alt, bubbles: true }))

describe('the board grid', () => {
  it('shows what a card needs: key, title, stability category and risk, assignee, estimate, overdue, blocked reason', () => {
    const { container } = show(
      boardOf({
        todo: [
          card(1, {
            kind: 'stability',
            category: 'security',
            risk: 'high',
            assigneeName: 'Dana Developer',
            estimate: 3,
            dueDate: '2026-03-01',
          }),
        ],
        blocked: [card(2, { blockedReason: 'Waiting for the vendor' })],
      }),
    )
    const stability = cardEl(container, 1)
    expect(stability.getAttribute('href')).toBe('/w/1/i/MES-1')
    expect(stability.dataset.kind).toBe('stability')
    expect(stability.textContent).toContain('MES-1')
    expect(stability.textContent).toContain('Security')
    expect(stability.textContent).toContain('High risk')
    expect(stability.textContent).toContain('Assigned to Dana Developer')
    expect(stability.textContent).toContain('3 pts')
    expect(stability.querySelector('.task-due.is-overdue')?.textContent).toBe('Overdue since 2026-03-01')
    expect(cardEl(container, 2).querySelector('.task-blocked')?.textContent).toContain(
      'Waiting for the vendor',
    )
  })

  it('labels each column as a list and warns (without blocking) when a column is over its WIP limit', () => {
    const { container } = show(boardOf({ doing: [card(1), card(2), card(3)] }, { doing: 2, review: 3 }))
    const doing = container.querySelector('[data-cell][data-status="doing"] ul')
    expect(doing?.getAttribute('aria-label')).toBe('Doing: 3 cards')
    const head = container.querySelector('.column-head[data-status="doing"]')
    expect(head?.classList.contains('is-over-wip')).toBe(true)
    expect(head?.textContent).toContain('Over the WIP limit of 2')
    expect(
      container.querySelector('.column-head[data-status="review"]')?.classList.contains('is-over-wip'),
    ).toBe(false)
  })

  it('moves a focused card to the next column with Alt+→, to the top of it, like a drop there', () => {
    const { container, moves, said } = show(boardOf({ todo: [card(1), card(2)], doing: [card(3)] }))
    press(cardEl(container, 2), 'ArrowRight')
    expect(moves).toEqual([{ id: 2, status: 'doing', anchor: { beforeId: 3 } }])
    expect(idsIn(container, 'doing')).toEqual([2, 3])
    press(cardEl(container, 1), 'ArrowLeft')
    expect(said.at(-1)).toBe('There is no column further that way.')
    expect(moves).toHaveLength(1)
  })

  it('reorders with Alt+↑/↓ among the cards of the cell, and says when a card is already at the edge', () => {
    const { container, moves, said } = show(boardOf({ todo: [card(1), card(2), card(3)] }))
    press(cardEl(container, 3), 'ArrowUp')
    expect(moves.at(-1)).toEqual({ id: 3, status: 'todo', anchor: { beforeId: 2 } })
    expect(idsIn(container, 'todo')).toEqual([1, 3, 2])
    press(cardEl(container, 1), 'ArrowDown')
    expect(moves.at(-1)).toEqual({ id: 1, status: 'todo', anchor: { afterId: 3 } })
    press(cardEl(container, 2), 'ArrowDown')
    expect(said.at(-1)).toBe('MES-2 is already last.')
  })

  it('moves focus between cards with the plain arrow keys', () => {
    const { container } = show(boardOf({ todo: [card(1), card(2)], review: [card(3)] }))
    cardEl(container, 1).focus()
    press(cardEl(container, 1), 'ArrowDown', false)
    expect(document.activeElement).toBe(cardEl(container, 2))
    press(cardEl(container, 2), 'ArrowRight', false)
    expect(document.activeElement).toBe(cardEl(container, 3))
  })

  it('gives a read-only role no move controls and ignores move keys', () => {
    const { container, moves } = show(boardOf({ todo: [card(1)] }), { canMove: false })
    expect(container.querySelectorAll('.card-move')).toHaveLength(0)
    expect(container.querySelectorAll('.column-add')).toHaveLength(0)
    press(cardEl(container, 1), 'ArrowRight')
    expect(moves).toEqual([])
  })

  it('redraws only the card that moved; the others keep their elements', () => {
    const { container, setBoard, board } = show(boardOf({ todo: [card(1), card(2), card(3)] }))
    const before = [cardEl(container, 2), cardEl(container, 3)]
    setBoard(shareBoard(board(), applyMove(board(), { taskId: 1, status: 'review' })))
    expect([cardEl(container, 2), cardEl(container, 3)]).toEqual(before)
    // A refresh from the server with equal content changes nothing either.
    setBoard(shareBoard(board(), structuredClone(board())))
    expect(cardEl(container, 2)).toBe(before[0])
  })

  it('redraws a changed card in the same element, so keyboard focus stays on it', () => {
    const { container, setBoard, board } = show(boardOf({ todo: [card(1), card(2)] }))
    const element = cardEl(container, 2)
    element.focus()
    const next = structuredClone(board())
    next.columns[0]!.tasks[1] = {
      ...next.columns[0]!.tasks[1]!,
      title: 'Renamed by someone else',
      rank: 'a5',
      version: 2,
    }
    setBoard(shareBoard(board(), next))
    expect(cardEl(container, 2)).toBe(element)
    expect(element.textContent).toContain('Renamed by someone else')
    expect(document.activeElement).toBe(element)
  })

  it('speaks Chinese', () => {
    const { container } = show(boardOf({ todo: [card(1, { estimate: 2 })] }), { locale: 'zh-CN' })
    expect(container.querySelector('.column-head[data-status="todo"] .column-name')?.textContent).toBe('待办')
    expect(cardEl(container, 1).textContent).toContain('2 点')
  })
})
