// The board's rules without a browser: where a dropped card goes, the optimistic move and its totals,
// quick filters, swimlanes, keyboard moves, the iteration a board opens on, and dates.

import { describe, expect, it } from 'vitest'
import { iterationPace } from '../../server/features/reports/forecast'
import { filtersFromSearch, filtersToSearch, lanesFromSearch } from '../../web/src/features/board/board-lanes'
import {
  anchorAt,
  applyMove,
  type Board,
  type BoardCard,
  buildLanes,
  cardFilter,
  daysBetween,
  daysLeft,
  dropIndex,
  filtersActive,
  isOverdue,
  localToday,
  NO_FILTERS,
  neighbourStatus,
  pickIteration,
  readGroupBy,
  readLastIteration,
  reorderAnchor,
  saveGroupBy,
  saveLastIteration,
  settleMove,
  shareBoard,
  topAnchor,
  workflowStep,
} from '../../web/src/features/board/board-logic'
import { daysLeft as homeDaysLeft } from '../../web/src/features/workspaces/home-logic'
import { EchoBook } from '../../web/src/features/workspaces/live'
import { boardCard, boardOf } from '../helpers/board'

let nextId = 1
/** A two-point feature on requirement MES-10, numbered in order unless `patch` gives an id. */
const card = (patch: Partial<BoardCard> = {}): BoardCard =>
  boardCard(patch.id ?? nextId++, {
    kind: 'feature',
    requirementId: 10,
    requirementKey: 'MES-10',
    requirementTitle: 'Shift handover report',
    estimate: 2,
    remaining: 2,
    ...patch,
  })

const ids = (board: Board, status: string) =>
  board.columns.find((c) => c.status === status)?.tasks.map((t) => t.id)

describe('anchorAt: a drop position in a cell becomes beforeId/afterId', () => {
  it('lands before the card it is dropped on', () => {
    expect(anchorAt([1, 2, 3], 0, 9)).toEqual({ beforeId: 1 })
    expect(anchorAt([1, 2, 3], 2, 9)).toEqual({ beforeId: 3 })
  })

  it('lands after the last card when dropped below all of them', () => {
    expect(anchorAt([1, 2, 3], 3, 9)).toEqual({ afterId: 3 })
    expect(anchorAt([1, 2, 3], 99, 9)).toEqual({ afterId: 3 })
  })

  it('appends to the column when the cell is empty', () => {
    expect(anchorAt([], 0, 9)).toEqual({})
  })

  it('counts positions without the moving card when it is dragged within its own cell', () => {
    // [1, 2, 3, 4]: take 1 and drop it between 3 and 4 → index 2 among [2, 3, 4].
    expect(anchorAt([1, 2, 3, 4], 2, 1)).toEqual({ beforeId: 4 })
    // take 4 to the top
    expect(anchorAt([1, 2, 3, 4], 0, 4)).toEqual({ beforeId: 1 })
    // the only card of a cell dropped back into it: nothing to be relative to
    expect(anchorAt([7], 0, 7)).toEqual({})
  })

  it('dropIndex counts the card centres above the pointer', () => {
    expect(dropIndex([10, 50, 90], 5)).toBe(0)
    expect(dropIndex([10, 50, 90], 51)).toBe(2)
    expect(dropIndex([10, 50, 90], 200)).toBe(3)
    expect(dropIndex([], 200)).toBe(0)
  })
})

describe('applyMove: the optimistic board', () => {
  const a = card({ id: 101, estimate: 3 })
  const b = card({ id: 102, estimate: 5 })
  const c = card({ id: 103, estimate: 1 })
  const d = card({ id: 104, estimate: null })

  it('moves a card to another column before its anchor, with status, version and totals', () => {
    const board = boardOf({ todo: [a, b], doing: [c, d] }, { doing: 2 })
    const next = applyMove(board, { taskId: 101, status: 'doing', beforeId: 104 })
    expect(ids(next, 'todo')).toEqual([102])
    expect(ids(next, 'doing')).toEqual([103, 101, 104])
    const moved = next.columns[1]?.tasks[1]
    expect(moved).toMatchObject({ status: 'doing', version: 2 })
    expect(next.columns[0]).toMatchObject({ count: 1, points: 5 })
    expect(next.columns[1]).toMatchObject({ count: 3, points: 4, wipLimit: 2, overWip: true })
  })

  it('re-ranks within a column after its anchor', () => {
    const board = boardOf({ todo: [a, b, c] })
    expect(ids(applyMove(board, { taskId: 101, status: 'todo', afterId: 103 }), 'todo')).toEqual([
      102, 103, 101,
    ])
    expect(ids(applyMove(board, { taskId: 103, status: 'todo', beforeId: 101 }), 'todo')).toEqual([
      103, 101, 102,
    ])
  })

  it('appends without an anchor, and keeps untouched columns as they were (nothing else re-renders)', () => {
    const board = boardOf({ todo: [a], doing: [c], done: [d] })
    const next = applyMove(board, { taskId: 101, status: 'review' })
    expect(ids(next, 'review')).toEqual([101])
    expect(next.columns[1]).toBe(board.columns[1])
    expect(next.columns[4]).toBe(board.columns[4])
    expect(board.columns[0]?.tasks).toHaveLength(1)
  })

  it('sets the reason when blocking and clears it when unblocking', () => {
    const board = boardOf({ doing: [a] })
    const blocked = applyMove(board, {
      taskId: 101,
      status: 'blocked',
      blockedReason: '  Waiting for the PLC vendor ',
    })
    expect(blocked.columns[3]?.tasks[0]).toMatchObject({
      status: 'blocked',
      blockedReason: 'Waiting for the PLC vendor',
    })
    const unblocked = applyMove(blocked, { taskId: 101, status: 'doing' })
    expect(unblocked.columns[1]?.tasks[0]).toMatchObject({ blockedReason: null, version: 3 })
  })

  it('zeroes the remaining work when done and restores the estimate when reopened, as the server does', () => {
    const board = boardOf({ review: [card({ id: 7, estimate: 3, remaining: 1 })] })
    const done = applyMove(board, { taskId: 7, status: 'done' })
    expect(done.columns[4]?.tasks[0]?.remaining).toBe(0)
    expect(applyMove(done, { taskId: 7, status: 'doing' }).columns[1]?.tasks[0]?.remaining).toBe(3)
  })

  it('rolling back is restoring the board it started from', () => {
    const board = boardOf({ todo: [a, b], doing: [c] })
    const snapshot = structuredClone(board)
    applyMove(board, { taskId: 102, status: 'doing', beforeId: 103 })
    expect(board).toEqual(snapshot)
  })

  it('leaves the board alone for a card that is not on it', () => {
    const board = boardOf({ todo: [a] })
    expect(applyMove(board, { taskId: 999, status: 'done' })).toBe(board)
  })
})

describe('quick filters', () => {
  const mine = card({ id: 1, assigneeId: 5, assigneeName: 'Dana Developer' })
  const blocked = card({
    id: 2,
    status: 'blocked',
    kind: 'stability',
    category: 'security',
    title: '修复登录漏洞',
  })
  const bug = card({ id: 3, kind: 'bug', requirementKey: 'MES-42', requirementTitle: 'Barcode scanning' })

  it('keeps my cards, one kind, or only blocked cards', () => {
    expect([mine, blocked, bug].filter(cardFilter({ ...NO_FILTERS, mine: true }, 5))).toEqual([mine])
    expect([mine, blocked, bug].filter(cardFilter({ ...NO_FILTERS, mine: true }, undefined))).toEqual([])
    expect([mine, blocked, bug].filter(cardFilter({ ...NO_FILTERS, kind: 'bug' }, 5))).toEqual([bug])
    expect([mine, blocked, bug].filter(cardFilter({ ...NO_FILTERS, blockedOnly: true }, 5))).toEqual([
      blocked,
    ])
  })

  it('matches every word of the text against key, title, requirement and person, in any language', () => {
    const keep = (text: string) =>
      [mine, blocked, bug].filter(cardFilter({ ...NO_FILTERS, text }, 5)).map((c) => c.id)
    expect(keep('dana')).toEqual([1])
    expect(keep('登录')).toEqual([2])
    expect(keep('mes-42 barcode')).toEqual([3])
    expect(keep('MES-3')).toEqual([3])
    expect(keep('barcode dana')).toEqual([])
  })

  it('knows when any filter is on', () => {
    expect(filtersActive(NO_FILTERS)).toBe(false)
    expect(filtersActive({ ...NO_FILTERS, text: '  ' })).toBe(false)
    expect(filtersActive({ ...NO_FILTERS, kind: 'chore' })).toBe(true)
  })
})

describe('swimlanes', () => {
  const r1a = card({ id: 1, requirementId: 11, assigneeId: 5 })
  const r1b = card({ id: 2, requirementId: 11, assigneeId: null })
  const r2 = card({ id: 3, requirementId: 12, assigneeId: 5, kind: 'bug' })
  const loose = card({ id: 4, requirementId: null, kind: 'stability', category: 'performance' })

  it('splits each column into the server’s lanes, in its order', () => {
    const board = {
      ...boardOf({ todo: [r1a, loose], doing: [r2], done: [r1b] }),
      lanes: [
        { id: 12, key: 'MES-12', title: 'Later', count: 1 },
        { id: 11, key: 'MES-11', title: 'First', count: 2 },
        { id: null, key: null, title: null, count: 1 },
      ],
    }
    const lanes = buildLanes(board, 'requirement')
    expect(lanes.map((l) => l.key)).toEqual(['12', '11', '-'])
    expect(lanes[1]?.cells.todo.map((c) => c.id)).toEqual([1])
    expect(lanes[1]?.cells.done.map((c) => c.id)).toEqual([2])
    expect(lanes[1]?.shown).toBe(2)
    expect(lanes[2]?.cells.todo.map((c) => c.id)).toEqual([4])
  })

  it('groups by assignee and kind, adds lanes the server has not listed yet, and drops lanes a filter empties', () => {
    const board = boardOf({ todo: [r1a, r1b], doing: [r2, loose] })
    expect(buildLanes(board, 'assignee').map((l) => [l.key, l.shown])).toEqual([
      ['5', 2],
      ['-', 2],
    ])
    const kinds = buildLanes(board, 'kind', (c) => c.kind !== 'bug')
    expect(kinds.map((l) => l.key)).toEqual(['feature', 'stability'])
  })

  it('always has one lane without grouping, even when the filter leaves nothing', () => {
    const board = boardOf({ todo: [r1a] })
    const lanes = buildLanes(board, 'none', () => false)
    expect(lanes).toHaveLength(1)
    expect(lanes[0]?.shown).toBe(0)
  })

  it('keeps the same card objects, so keyed lists only touch what moved', () => {
    const board = boardOf({ todo: [r1a, r1b] })
    const lane = buildLanes(board, 'none')[0]
    expect(lane?.cells.todo[0]).toBe(board.columns[0]?.tasks[0])
  })
})

describe('keyboard moves', () => {
  it('moves the focus to the neighbouring column on screen, with Blocked between Review and Done', () => {
    expect(neighbourStatus('todo', 1)).toBe('doing')
    expect(neighbourStatus('review', 1)).toBe('blocked')
    expect(neighbourStatus('blocked', 1)).toBe('done')
    expect(neighbourStatus('todo', -1)).toBeUndefined()
    expect(neighbourStatus('done', 1)).toBeUndefined()
  })

  // Issue 14: Alt+→ from Review went to Blocked, which stood in the way to Done.
  it('moves a card along the workflow, never through Blocked; a blocked card goes back to Doing', () => {
    expect(workflowStep('todo', 1)).toBe('doing')
    expect(workflowStep('doing', 1)).toBe('review')
    expect(workflowStep('review', 1)).toBe('done')
    expect(workflowStep('done', 1)).toBeUndefined()
    expect(workflowStep('done', -1)).toBe('review')
    expect(workflowStep('todo', -1)).toBeUndefined()
    expect(workflowStep('blocked', 1)).toBe('doing')
    expect(workflowStep('blocked', -1)).toBe('doing')
  })

  it('moves one place up or down among the cards shown, or says it is at the edge', () => {
    expect(reorderAnchor([1, 2, 3], 2, -1)).toEqual({ beforeId: 1 })
    expect(reorderAnchor([1, 2, 3], 2, 1)).toEqual({ afterId: 3 })
    expect(reorderAnchor([1, 2, 3], 1, -1)).toBeUndefined()
    expect(reorderAnchor([1, 2, 3], 3, 1)).toBeUndefined()
  })

  it('puts a card moved to another column at its top', () => {
    expect(topAnchor([8, 9], 1)).toEqual({ beforeId: 8 })
    expect(topAnchor([], 1)).toEqual({})
  })
})

describe('iterations and dates', () => {
  const it_ = (id: number, status: string, startDate: string) => ({
    id,
    status,
    startDate,
    endDate: startDate,
  })

  it('opens on the active iteration, else the next planned, else the latest', () => {
    expect(
      pickIteration([
        it_(1, 'closed', '2026-01-01'),
        it_(2, 'active', '2026-02-01'),
        it_(3, 'planned', '2026-03-01'),
      ])?.id,
    ).toBe(2)
    expect(
      pickIteration([
        it_(4, 'planned', '2026-05-01'),
        it_(3, 'planned', '2026-03-01'),
        it_(1, 'closed', '2026-01-01'),
      ])?.id,
    ).toBe(3)
    expect(pickIteration([it_(1, 'closed', '2026-01-01'), it_(5, 'closed', '2026-04-01')])?.id).toBe(5)
    expect(pickIteration([])).toBeUndefined()
  })

  // One definition for every page (issue 14: the board said 5 while home and reports said 4): today is a
  // day being worked, the last day is "Last day" (0), then the iteration has ended (negative).
  it('counts days left as home, the roadmap and the forecast do', () => {
    expect(daysLeft).toBe(homeDaysLeft)
    expect(daysLeft('2026-03-14', '2026-03-10')).toBe(4)
    expect(daysLeft('2026-03-14', '2026-03-14')).toBe(0)
    expect(daysLeft('2026-03-14', '2026-03-20')).toBe(-6)
    const pace = iterationPace({ startDate: '2026-03-02', endDate: '2026-03-14' }, '2026-03-10', 10, 10)
    expect(pace.daysLeft).toBe(daysLeft('2026-03-14', '2026-03-10'))
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3)
  })

  it('marks open cards past their due date as overdue', () => {
    expect(isOverdue({ dueDate: '2026-03-01', status: 'doing' }, '2026-03-02')).toBe(true)
    expect(isOverdue({ dueDate: '2026-03-02', status: 'doing' }, '2026-03-02')).toBe(false)
    expect(isOverdue({ dueDate: '2026-03-01', status: 'done' }, '2026-03-02')).toBe(false)
    expect(isOverdue({ dueDate: null, status: 'todo' }, '2026-03-02')).toBe(false)
  })

  it('gives today in local time', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05')
  })
})

describe('the remembered swimlanes', () => {
  it('round-trips through storage and falls back to none', () => {
    const store = new Map<string, string>()
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    }
    expect(readGroupBy(storage)).toBe('none')
    saveGroupBy(storage, 'assignee')
    expect(readGroupBy(storage)).toBe('assignee')
    store.set('keel.board.groupBy', 'colour')
    expect(readGroupBy(storage)).toBe('none')
    expect(readGroupBy(undefined)).toBe('none')
  })

  it('remembers the iteration each product’s board showed last', () => {
    const store = new Map<string, string>()
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    }
    expect(readLastIteration(1, storage)).toBeUndefined()
    saveLastIteration(1, 42, storage)
    saveLastIteration(2, 7, storage)
    expect(readLastIteration(1, storage)).toBe(42)
    expect(readLastIteration(2, storage)).toBe(7)
    store.set('keel.board.iteration.1', 'soon')
    expect(readLastIteration(1, storage)).toBeUndefined()
  })
})

describe('shareBoard: refreshes keep what did not change', () => {
  const a = card({ id: 201 })
  const b = card({ id: 202 })
  const c = card({ id: 203 })

  it('answers the previous board when a refresh brings the same content', () => {
    const board = boardOf({ todo: [a, b], doing: [c] })
    expect(shareBoard(board, structuredClone(board))).toBe(board)
  })

  it('matches cards by id, so one leaving the top of a column keeps every other card object', () => {
    const board = boardOf({ todo: [a, b, c] })
    const next = structuredClone(applyMove(board, { taskId: 201, status: 'doing' }))
    const shared = shareBoard(board, next)
    expect(shared.columns[0]?.tasks[0]).toBe(board.columns[0]?.tasks[1])
    expect(shared.columns[0]?.tasks[1]).toBe(board.columns[0]?.tasks[2])
    expect(shared.columns[2]).toBe(board.columns[2])
  })

  it('takes the new object for a card that changed', () => {
    const board = boardOf({ todo: [a, b] })
    const next = structuredClone(board)
    next.columns[0]!.tasks[1] = { ...next.columns[0]!.tasks[1]!, title: 'Renamed', version: 2 }
    const shared = shareBoard(board, next)
    expect(shared.columns[0]?.tasks[0]).toBe(board.columns[0]?.tasks[0])
    expect(shared.columns[0]?.tasks[1]?.title).toBe('Renamed')
    expect(shared).not.toBe(board)
  })
})

describe('settleMove: the server’s answer over the optimistic card', () => {
  it('takes the server’s rank, version, reason and remaining, keeps the place, and leaves other cards alone', () => {
    const a = card({ id: 201, rank: 'a0' })
    const b = card({ id: 202, rank: 'a1' })
    const c = card({ id: 203, rank: 'a2', status: 'doing' })
    const optimistic = applyMove(boardOf({ todo: [a, b], doing: [c] }), { taskId: 201, status: 'doing' })
    const settled = settleMove(optimistic, {
      id: 201,
      status: 'doing',
      rank: 'a3',
      version: 2,
      blockedReason: null,
      remaining: 2,
    })
    expect(ids(settled, 'doing')).toEqual([203, 201])
    expect(settled.columns[1]?.tasks[1]).toMatchObject({ id: 201, rank: 'a3', version: 2 })
    expect(settled.columns[1]?.tasks[0]).toBe(optimistic.columns[1]?.tasks[0])
    expect(settled.columns[0]).toBe(optimistic.columns[0])
  })

  it('changes nothing when the answer is what the board shows, or the card is elsewhere by now', () => {
    const a = card({ id: 211, status: 'doing', rank: 'b0', version: 3 })
    const board = boardOf({ doing: [a] })
    const same = { id: 211, status: 'doing', rank: 'b0', version: 3, blockedReason: null, remaining: 2 }
    expect(settleMove(board, same)).toBe(board)
    expect(settleMove(board, { ...same, status: 'done', version: 4 })).toBe(board)
    expect(settleMove(board, { ...same, id: 999 })).toBe(board)
  })
})

describe('EchoBook: a change this browser made, coming back on the stream', () => {
  it('recognises the expected version once, and treats any other version or entity as news', () => {
    const book = new EchoBook()
    book.expect('task', 7, 4)
    expect(book.isEcho({ entityType: 'requirement', id: 7, version: 4 })).toBe(false)
    expect(book.isEcho({ entityType: 'task', id: 8, version: 4 })).toBe(false)
    expect(book.isEcho({ entityType: 'task', id: 7, version: 3 })).toBe(false)
    expect(book.isEcho({ entityType: 'task', id: 7, version: 4 })).toBe(true)
    expect(book.isEcho({ entityType: 'task', id: 7, version: 4 })).toBe(false)
  })

  it('a later version (someone moved it again) is news, and ends the expectation', () => {
    const book = new EchoBook()
    book.expect('task', 7, 4)
    expect(book.isEcho({ entityType: 'task', id: 7, version: 5 })).toBe(false)
    expect(book.isEcho({ entityType: 'task', id: 7, version: 4 })).toBe(false)
  })

  it('forgets a change that failed, and a deletion (no version) is always news', () => {
    const book = new EchoBook()
    book.expect('task', 7, 4)
    book.forget('task', 7, 4)
    expect(book.isEcho({ entityType: 'task', id: 7, version: 4 })).toBe(false)
    book.expect('task', 9, 2)
    expect(book.isEcho({ entityType: 'task', id: 9, version: null })).toBe(false)
  })
})

describe('the board view in the address', () => {
  it('reads and writes the quick filters and swimlanes, ignoring what it does not know', () => {
    expect(filtersFromSearch({ mine: '1', blocked: '1', kind: 'bug', q: 'PLC gateway' })).toEqual({
      mine: true,
      blockedOnly: true,
      kind: 'bug',
      text: 'PLC gateway',
    })
    expect(filtersFromSearch({ kind: 'epic', mine: 'yes' })).toEqual(NO_FILTERS)
    expect(filtersToSearch(NO_FILTERS)).toEqual({
      mine: undefined,
      blocked: undefined,
      kind: undefined,
      q: undefined,
    })
    const round = { mine: true, blockedOnly: false, kind: 'stability' as const, text: 'OEE' }
    expect(filtersFromSearch(filtersToSearch(round))).toEqual(round)
    expect(lanesFromSearch({ lanes: 'assignee' }, 'none')).toBe('assignee')
    expect(lanesFromSearch({ lanes: 'colour' }, 'kind')).toBe('kind')
    expect(lanesFromSearch({}, 'requirement')).toBe('requirement')
  })
})
