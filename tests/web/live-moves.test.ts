// Someone else's change to a task reaches an open board as the change event's patch: a moved, new or
// edited card takes its place by rank in its column, with the totals, a deleted one leaves, and the board
// is not fetched again; an older or unknown event changes nothing, and what cannot be placed (or would
// change a board's swimlanes) asks for the boards to be fetched.
import { QueryClient } from '@tanstack/solid-query'
import { describe, expect, it } from 'vitest'
import { placeCard, placeMoved } from '../../web/src/features/board/board-moves'
import { isBoardQuery, placeOnBoards } from '../../web/src/features/board/live-moves'
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
    expect(placeOnBoards(client, 5, event)).toBe(true)
    for (const key of [none, byAssignee])
      expect(ids(client.getQueryData(key) as ReturnType<typeof board>, 'review')).toEqual([2])
    expect(placeOnBoards(client, 5, { type: 'task.updated', id: 2, version: 4 })).toBe(false)
    expect(placeOnBoards(client, 5, { type: 'task.moved', id: 2, version: 4 })).toBe(false)
    expect(placeOnBoards(client, 5, { type: 'requirement.updated', id: 2, version: 4 })).toBe(false)
    expect(isBoardQuery(5, none)).toBe(true)
    expect(isBoardQuery(5, boardKeys.iterations(5, 1))).toBe(false)
    expect(isBoardQuery(6, none)).toBe(false)
  })
})

describe('placing a new, edited or deleted task from its event', () => {
  it('puts a new card of this iteration in its column by rank, and leaves boards of other iterations alone', () => {
    const b = board()
    const added = placeCard(b, 9, 1, 1, boardCard(9, { rank: 'a0V', estimate: 5 }))!
    expect(ids(added, 'todo')).toEqual([1, 9, 2])
    expect(column(added, 'todo')).toMatchObject({ count: 3, points: 9 })
    expect(added.columns[1]).toBe(b.columns[1])
    expect(placeCard(b, 9, 1, 7, boardCard(9))).toBe(b)
    expect(placeCard(b, 9, 1, null, undefined)).toBe(b)
  })

  it('shows an edit in place, takes a card moved to another iteration off, and ignores a stale event', () => {
    const b = board()
    const edited = placeCard(
      b,
      3,
      2,
      1,
      boardCard(3, { status: 'doing', rank: 'a0', title: '排产计划', estimate: 8, version: 2 }),
    )!
    expect(column(edited, 'doing').tasks[0]).toMatchObject({ id: 3, title: '排产计划', version: 2 })
    expect(column(edited, 'doing')).toMatchObject({ count: 2, points: 9 })
    const away = placeCard(b, 3, 2, 7, boardCard(3, { status: 'doing' }))!
    expect(ids(away, 'doing')).toEqual([4])
    expect(placeCard(b, 3, 1, 1, boardCard(3, { title: 'old' }))).toBe(b)
  })

  it('takes a deleted card off; a board in swimlanes is fetched when a card would join, leave or change lane', () => {
    const deleted = placeCard(board(), 2, null, null, undefined)!
    expect(ids(deleted, 'todo')).toEqual([1])
    expect(column(deleted, 'todo')).toMatchObject({ count: 1, points: 3 })
    const lanes = { ...board(), groupBy: 'assignee' }
    expect(placeCard(lanes, 9, 1, 1, boardCard(9))).toBeUndefined()
    expect(placeCard(lanes, 2, null, null, undefined)).toBeUndefined()
    expect(placeCard(lanes, 2, 2, 1, boardCard(2, { assigneeId: 5 }))).toBeUndefined()
    // Same lane: applied in place.
    expect(ids(placeCard(lanes, 2, 2, 1, boardCard(2, { rank: 'a1', title: 'Renamed' }))!, 'todo')).toEqual([
      1, 2,
    ])
  })

  it('applies created, updated and deleted events to every board held, and asks for a fetch when a board cannot', () => {
    const client = new QueryClient()
    const none = boardKeys.cards(5, 1, 'none')
    const byKind = boardKeys.cards(5, 1, 'kind')
    client.setQueryData(none, board())
    client.setQueryData(byKind, { ...board(), groupBy: 'kind' })
    const card = boardCard(2, { title: 'Edited', rank: 'a1', version: 2 })
    expect(
      placeOnBoards(client, 5, { type: 'task.updated', id: 2, version: 2, patch: { iterationId: 1, card } }),
    ).toBe(true)
    for (const key of [none, byKind])
      expect(findTitle(client.getQueryData(key) as ReturnType<typeof board>, 2)).toBe('Edited')
    // Off the boards altogether: nothing to fetch.
    expect(
      placeOnBoards(client, 5, { type: 'task.created', id: 20, version: 1, patch: { iterationId: null } }),
    ).toBe(true)
    // A new card on the kind board would count its lanes again.
    expect(
      placeOnBoards(client, 5, {
        type: 'task.created',
        id: 21,
        version: 1,
        patch: { iterationId: 1, card: boardCard(21, { rank: 'a2' }) },
      }),
    ).toBe(false)
    expect(ids(client.getQueryData(none) as ReturnType<typeof board>, 'todo')).toEqual([1, 2, 21])
    expect(
      placeOnBoards(client, 5, { type: 'task.created', id: 22, version: 1, patch: { iterationId: 1 } }),
    ).toBe(false)
    client.setQueryData(byKind, undefined)
    client.removeQueries({ queryKey: byKind })
    expect(placeOnBoards(client, 5, { type: 'task.deleted', id: 1, version: null })).toBe(true)
    expect(ids(client.getQueryData(none) as ReturnType<typeof board>, 'todo')).toEqual([2, 21])
  })
})

const findTitle = (b: ReturnType<typeof board>, id: number) =>
  b.columns.flatMap((c) => c.tasks).find((t) => t.id === id)?.title
