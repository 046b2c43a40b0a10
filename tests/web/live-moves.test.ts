// Someone else's move reaches an open board as the change event's patch: the card takes its place by rank
// in its new column, with the totals, and the board is not fetched again; an older or unknown event
// changes nothing, and what cannot be placed asks for the boards to be fetched.
import { QueryClient } from '@tanstack/solid-query'
import { describe, expect, it } from 'vitest'
import { placeMoved } from '../../web/src/features/board/board-moves'
import { isBoardQuery, placeMoveOnBoards } from '../../web/src/features/board/live-moves'
import { boardKeys } from '../../web/src/features/board/queries'
import { boardCard, boardOf } from '../helpers/board'

const board = () =>
  boardOf({
    todo: [boardCard(1, { rank: 'a0', estimate: 3 }), boardCard(2, { rank: 'a1' })],
    doing: [boardCard(3, { rank: 'a0' }), boardCard(4, { rank: 'a2' })],
  })
const ids = (b: ReturnType<typeof board>, status: string) =>
  b.columns.find((c) => c.status === status)!.tasks.map((t) => t.id)
const column = (b: ReturnType<typeof board>, status: string) => b.columns.find((c) => c.status === status)!

describe('placing a move from its event', () => {
  it('puts the card between the cards its rank falls between, with the new totals and version', () => {
    const moved = placeMoved(board(), 1, 2, {
      status: 'doing',
      rank: 'a1',
      blockedReason: null,
      remaining: 2,
      iterationId: 1,
    })
    expect(ids(moved, 'todo')).toEqual([2])
    expect(ids(moved, 'doing')).toEqual([3, 1, 4])
    expect(column(moved, 'todo')).toMatchObject({ count: 1, points: 1 })
    expect(column(moved, 'doing')).toMatchObject({ count: 3, points: 5 })
    expect(column(moved, 'doing').tasks[1]).toMatchObject({ status: 'doing', version: 2, remaining: 2 })
    // Columns the move does not touch keep their identity, so nothing else re-renders.
    const before = board()
    expect(placeMoved(before, 1, 2, { ...column(moved, 'doing').tasks[1]!, iterationId: 1 }).columns[3]).toBe(
      before.columns[3],
    )
  })

  it('ignores an event the board is already past, and a card it does not hold', () => {
    const b = board()
    const to = { status: 'done', rank: 'a0', blockedReason: null, remaining: 0, iterationId: 1 }
    expect(placeMoved(b, 1, 1, to)).toBe(b)
    expect(placeMoved(b, 99, 5, to)).toBe(b)
  })

  it('takes a card moved to another iteration off the board', () => {
    const moved = placeMoved(board(), 2, 2, {
      status: 'todo',
      rank: 'a5',
      blockedReason: null,
      remaining: 1,
      iterationId: 7,
    })
    expect(ids(moved, 'todo')).toEqual([1])
  })

  it('updates every board held for the workspace, and asks for a fetch when the event carries no place', () => {
    const client = new QueryClient()
    const none = boardKeys.cards(5, 1, 'none')
    const byAssignee = boardKeys.cards(5, 1, 'assignee')
    client.setQueryData(none, board())
    client.setQueryData(byAssignee, board())
    const event = {
      type: 'task.moved',
      id: 2,
      version: 3,
      patch: { status: 'review', rank: 'a0', blockedReason: null, remaining: 1, iterationId: 1 },
    }
    expect(placeMoveOnBoards(client, 5, event)).toBe(true)
    for (const key of [none, byAssignee])
      expect(ids(client.getQueryData(key) as ReturnType<typeof board>, 'review')).toEqual([2])
    expect(placeMoveOnBoards(client, 5, { type: 'task.updated', id: 2, version: 4 })).toBe(false)
    expect(placeMoveOnBoards(client, 5, { type: 'task.moved', id: 2, version: 4 })).toBe(false)
    expect(isBoardQuery(5, none)).toBe(true)
    expect(isBoardQuery(5, boardKeys.iterations(5, 1))).toBe(false)
    expect(isBoardQuery(6, none)).toBe(false)
  })
})
