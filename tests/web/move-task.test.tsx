// Moving a task is one hook (tasks/move-task.ts) for the board and the task's page: the server's answer is
// written into the board the task is on and into the task's own data, its echo on the event stream
// refreshes nothing, and a refused move puts both back. With a real QueryClient, the real live-updates
// hook on a fake EventSource, and fetch answering from a table (every request recorded).
import { MemoryRouter, Route } from '@solidjs/router'
import { QueryClient, QueryClientProvider } from '@tanstack/solid-query'
import type { JSX } from 'solid-js'
import { render } from 'solid-js/web'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BUILT_IN_ROLES } from '../../server/lib/permissions'
import type { Board, BoardCard, BoardStatus } from '../../web/src/features/board/board-logic'
import { boardKeys, boardQuery, createBoardQuery } from '../../web/src/features/board/queries'
import { useBoardMoves } from '../../web/src/features/board/use-board-moves'
import { itemKeys, type Task } from '../../web/src/features/items/queries'
import { TaskView } from '../../web/src/features/tasks/task-view'
import { useLiveUpdates } from '../../web/src/features/workspaces/live'
import { WorkspaceContext } from '../../web/src/features/workspaces/workspace-context'
import { I18nProvider } from '../../web/src/i18n'

const WS = 1
const BOARD_KEY = boardKeys.cards(WS, 3, 'none')
const BOARD_PATH = `/api/workspaces/${WS}/iterations/3/board`
const MOVE_PATH = `/api/workspaces/${WS}/tasks/7/move`

const card = (id: number, status: BoardStatus, rank: string): BoardCard => ({
  id,
  key: `MES-${id}`,
  title: `Task ${id}`,
  kind: 'chore',
  status,
  category: null,
  risk: null,
  requirementId: null,
  requirementKey: null,
  requirementTitle: null,
  assigneeId: null,
  assigneeName: null,
  estimate: 2,
  remaining: 2,
  dueDate: null,
  blockedReason: null,
  rank,
  version: 1,
})

/** Task 7 in To do, task 8 in Doing. */
const board = (): Board => ({
  iterationId: 3,
  productId: 5,
  groupBy: 'none',
  lanes: [],
  columns: (['todo', 'doing', 'review', 'blocked', 'done'] as const).map((status) => {
    const tasks =
      status === 'todo' ? [card(7, 'todo', 'a0')] : status === 'doing' ? [card(8, 'doing', 'a1')] : []
    return { status, count: tasks.length, points: 2 * tasks.length, wipLimit: null, overWip: false, tasks }
  }),
})

/** What the server answers for a move of task 7 to `status`: the task row, with its new rank and version. */
const movedRow = (status: string, version = 2) => ({
  id: 7,
  workspaceId: WS,
  productId: 5,
  number: 7,
  kind: 'chore',
  title: 'Task 7',
  description: '',
  requirementId: null,
  iterationId: 3,
  status,
  blockedReason: null,
  category: null,
  risk: null,
  customerId: null,
  incidentRef: null,
  assigneeId: null,
  estimate: 2,
  remaining: status === 'done' ? 0 : 2,
  dueDate: null,
  rank: 'a2',
  startedAt: null,
  doneAt: null,
  createdBy: 1,
  createdAt: '2026-01-01T09:00:00.000Z',
  updatedAt: '2026-01-02T09:00:00.000Z',
  version,
})

const taskDetail = (): Task =>
  ({ ...movedRow('todo', 1), rank: 'a0', key: 'MES-7', requirement: null, assignee: null }) as Task

/** An EventSource that the test speaks through. */
class FakeEventSource {
  static last: FakeEventSource | undefined
  private listeners: ((event: MessageEvent<string>) => void)[] = []
  constructor(readonly url: string) {
    FakeEventSource.last = this
  }
  addEventListener(_name: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.push(listener)
  }
  close() {}
  /** A change on the stream, as the server sends it. */
  change(data: { entityType: string; id: number; version: number }) {
    const event = { data: JSON.stringify({ type: 'task.moved', actorId: 1, productId: 5, ...data }) }
    for (const listener of this.listeners) listener(event as MessageEvent<string>)
  }
}

type Answer = { status: number; body: unknown }

interface Harness {
  client: QueryClient
  requests: string[]
  /** The if-match header of each move request. */
  versions: string[]
  dispose: () => void
}

let harness: Harness | undefined
afterEach(() => {
  harness?.dispose()
  harness = undefined
  vi.unstubAllGlobals()
})

function mount(view: () => JSX.Element, moveAnswer: Answer): Harness {
  const requests: string[] = []
  const versions: string[] = []
  // The task as the server has it.
  let stored = taskDetail()
  vi.stubGlobal('EventSource', FakeEventSource)
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://keel.test',
    )
    const method = (init?.method ?? 'GET').toUpperCase()
    requests.push(`${method} ${url.pathname}`)
    let answer: Answer = { status: 200, body: { items: [], nextCursor: null } }
    if (url.pathname === BOARD_PATH) answer = { status: 200, body: board() }
    else if (url.pathname === MOVE_PATH) {
      versions.push(new Headers(init?.headers).get('if-match') ?? '')
      answer = moveAnswer
      if (answer.status === 200) stored = { ...stored, ...(answer.body as object) }
    } else if (url.pathname === `/api/workspaces/${WS}/tasks/7`) answer = { status: 200, body: stored }
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    })
  })
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } },
  })
  const permissions: readonly string[] = BUILT_IN_ROLES.owner.permissions
  const workspace = {
    id: () => WS,
    workspace: () => ({ id: WS, name: 'Acme', permissions }) as never,
    me: () => ({ user: { id: 1, name: 'Pat', email: 'p@x' }, workspaces: [] }) as never,
    can: (permission: string) => permissions.includes(permission),
  }
  const Live = () => {
    useLiveUpdates(() => WS)
    return null
  }
  const container = document.createElement('div')
  document.body.append(container)
  const dispose = render(
    () => (
      <QueryClientProvider client={client}>
        <I18nProvider locale="en" persist={false}>
          <WorkspaceContext.Provider value={workspace}>
            <MemoryRouter>
              <Route
                path="*"
                component={() => (
                  <>
                    <Live />
                    {view()}
                  </>
                )}
              />
            </MemoryRouter>
          </WorkspaceContext.Provider>
        </I18nProvider>
      </QueryClientProvider>
    ),
    container,
  )
  return {
    client,
    requests,
    versions,
    dispose: () => {
      dispose()
      client.clear()
      container.remove()
    },
  }
}

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5))
  expect(check()).toBe(true)
}

/** Longer than the live updates' batching (150 ms), so a refresh the stream caused would have been sent. */
const afterBatching = () => new Promise((resolve) => setTimeout(resolve, 300))

const column = (b: Board | undefined, status: string) => b?.columns.find((c) => c.status === status)?.tasks
const boardIn = (h: Harness) => h.client.getQueryData<Board>(BOARD_KEY)
const taskIn = (h: Harness) => h.client.getQueryData<Task>(itemKeys.task(WS, 7))

/** The board of iteration 3 on screen, moved as the board page moves it (useBoardMoves). */
function BoardHarness(props: { onMoves: (moves: ReturnType<typeof useBoardMoves>) => void }) {
  const query = createBoardQuery(() => boardQuery(WS, 3, 'none'))
  const moves = useBoardMoves({ data: () => query().data, announce: () => {} })
  props.onMoves(moves)
  return (
    <p data-testid="cards">
      {query()
        .data?.columns.map((c) => c.tasks.length)
        .join(',')}
    </p>
  )
}

describe('moving a task on the board', () => {
  it('writes the server’s answer into the board and fetches nothing: not after the move, not on its echo', async () => {
    let moves: ReturnType<typeof useBoardMoves> | undefined
    harness = mount(() => <BoardHarness onMoves={(m) => (moves = m)} />, {
      status: 200,
      body: movedRow('doing'),
    })
    const h = harness
    await until(() => boardIn(h) !== undefined && h.requests.includes(`GET ${BOARD_PATH}`))
    h.requests.length = 0

    const task = column(boardIn(h), 'todo')?.[0]
    expect(task?.id).toBe(7)
    moves?.requestMove(task!, 'doing', { afterId: 8 })
    await until(() => column(boardIn(h), 'doing')?.[1]?.rank === 'a2')
    expect(column(boardIn(h), 'doing')?.map((t) => [t.id, t.version])).toEqual([
      [8, 1],
      [7, 2],
    ])
    expect(column(boardIn(h), 'todo')).toEqual([])
    expect(h.versions).toEqual(['1'])

    // The move's own echo is no news.
    FakeEventSource.last?.change({ entityType: 'task', id: 7, version: 2 })
    await afterBatching()
    expect(h.requests).toEqual([`POST ${MOVE_PATH}`])

    // Someone else's change is: the board on screen is fetched again (the harness would see a refetch).
    FakeEventSource.last?.change({ entityType: 'task', id: 8, version: 5 })
    await until(() => h.requests.includes(`GET ${BOARD_PATH}`))
  })

  it('puts the card back when the server refuses, and then fetches the board to show the truth', async () => {
    let moves: ReturnType<typeof useBoardMoves> | undefined
    harness = mount(() => <BoardHarness onMoves={(m) => (moves = m)} />, {
      status: 403,
      body: { error: { code: 'forbidden', message: 'Not allowed' } },
    })
    const h = harness
    await until(() => boardIn(h) !== undefined)
    h.requests.length = 0
    const before = boardIn(h)

    moves?.requestMove(column(before, 'todo')![0]!, 'doing', {})
    await until(() => moves?.error() !== undefined)
    expect(moves?.error()?.message).toBe(
      'Your role cannot move tasks (it needs “task.update_status”). MES-7 is back where it was.',
    )
    await until(() => h.requests.includes(`GET ${BOARD_PATH}`))
    expect(column(boardIn(h), 'todo')?.map((t) => t.id)).toEqual([7])
  })
})

describe('moving a task on its own page', () => {
  const statusButton = (name: string) =>
    [...document.querySelectorAll<HTMLButtonElement>('.status-switch button')].find(
      (b) => b.textContent?.trim() === name,
    )

  it('goes through the same move: the board it is on and its own data take the server’s answer, its echo refreshes nothing', async () => {
    harness = mount(() => <TaskView id={7} />, { status: 200, body: movedRow('doing') })
    const h = harness
    // The board the task is on was seen before (cached, not on screen).
    h.client.setQueryData(BOARD_KEY, board())
    h.client.setQueryData(itemKeys.task(WS, 7), taskDetail())
    await until(() => statusButton('Doing') !== undefined)

    statusButton('Doing')?.click()
    await until(() => taskIn(h)?.version === 2)
    expect(taskIn(h)?.status).toBe('doing')
    expect(h.versions).toEqual(['1'])
    // The same board cache the board page reads, settled from the answer.
    expect(column(boardIn(h), 'doing')?.map((t) => [t.id, t.rank, t.version])).toEqual([
      [8, 'a1', 1],
      [7, 'a2', 2],
    ])
    await until(() => statusButton('Doing')?.getAttribute('aria-pressed') === 'true')
    expect(h.requests).not.toContain(`GET ${BOARD_PATH}`)

    const seen = h.requests.length
    FakeEventSource.last?.change({ entityType: 'task', id: 7, version: 2 })
    await afterBatching()
    expect(h.requests.slice(seen)).toEqual([])
  })

  it('puts the task and its board back when the server refuses, and says why', async () => {
    harness = mount(() => <TaskView id={7} />, {
      status: 409,
      body: { error: { code: 'conflict', message: 'Changed', details: { current: movedRow('review', 4) } } },
    })
    const h = harness
    h.client.setQueryData(BOARD_KEY, board())
    h.client.setQueryData(itemKeys.task(WS, 7), taskDetail())
    await until(() => statusButton('Done') !== undefined)

    statusButton('Done')?.click()
    await until(() => document.querySelector('[role="alert"]') !== null)
    expect(taskIn(h)?.status).toBe('todo')
    expect(column(boardIn(h), 'todo')?.map((t) => t.id)).toEqual([7])
    expect(column(boardIn(h), 'done')).toEqual([])
  })
})
