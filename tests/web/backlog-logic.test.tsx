// The backlog's logic: where a dropped or keyboard-moved requirement lands (one neighbour for the rank
// call), the optimistic reorder and its rollback, and how filters map to the URL and to the API query.
import { type InfiniteData, QueryClient, QueryClientProvider } from '@tanstack/solid-query'
import { render } from 'solid-js/web'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  DEFAULT_FILTER,
  filterFromSearch,
  filterToQuery,
  filterToSearch,
  isDefaultFilter,
  OPEN_STATUSES,
} from '../../web/src/features/backlog/filters'
import { acceptanceFromLines } from '../../web/src/features/backlog/new-requirement'
import {
  type RequirementListItem,
  type RequirementPage,
  requirementKeys,
  updateRequirementLists,
  useRankRequirement,
} from '../../web/src/features/backlog/queries'
import { dropIndex, moveInList, rankTargetForMove, reorderById } from '../../web/src/features/backlog/rank'

const ids = [11, 12, 13, 14, 15]

describe('rank neighbours', () => {
  it('moving up puts the item directly before the one it passed last', () => {
    expect(rankTargetForMove(ids, 3, 1)).toEqual({ beforeId: 12 })
    expect(rankTargetForMove(ids, 4, 0)).toEqual({ beforeId: 11 })
    expect(rankTargetForMove(ids, 1, 0)).toEqual({ beforeId: 11 })
  })

  it('moving down puts the item directly after the one it passed last', () => {
    expect(rankTargetForMove(ids, 1, 3)).toEqual({ afterId: 14 })
    expect(rankTargetForMove(ids, 0, 4)).toEqual({ afterId: 15 })
    expect(rankTargetForMove(ids, 2, 3)).toEqual({ afterId: 14 })
  })

  it('staying in place or an unknown row makes no call', () => {
    expect(rankTargetForMove(ids, 2, 2)).toBeUndefined()
    expect(rankTargetForMove(ids, 9, 0)).toBeUndefined()
  })

  it('a drop on the upper or lower half of a row gives the final index', () => {
    // Dragging row 3 onto the upper half of row 1 lands it at 1; onto its lower half, at 2.
    expect(dropIndex(3, 1, 'before')).toBe(1)
    expect(dropIndex(3, 1, 'after')).toBe(2)
    // Dragging row 0 down onto the lower half of row 2 lands it at 2; onto the upper half, at 1.
    expect(dropIndex(0, 2, 'after')).toBe(2)
    expect(dropIndex(0, 2, 'before')).toBe(1)
    // Onto its own neighbour's near half: no move.
    expect(dropIndex(2, 1, 'after')).toBe(2)
    expect(rankTargetForMove(ids, 2, dropIndex(2, 3, 'before'))).toBeUndefined()
  })

  it('the list reorders the way the server will', () => {
    expect(moveInList(ids, 3, 1)).toEqual([11, 14, 12, 13, 15])
    const rows = ids.map((id) => ({ id }))
    for (const [from, to] of [
      [3, 1],
      [0, 4],
      [4, 0],
      [1, 2],
    ] as const) {
      const target = rankTargetForMove(ids, from, to)!
      expect(reorderById(rows, ids[from]!, target).map((r) => r.id)).toEqual(moveInList(ids, from, to))
    }
  })

  it('an anchor outside the list leaves the list alone until the refetch', () => {
    const rows = ids.map((id) => ({ id }))
    expect(reorderById(rows, 12, { beforeId: 99 })).toEqual(rows)
  })
})

describe('filters', () => {
  it('open work is the default and needs no URL parameter', () => {
    const filter = filterFromSearch({})
    expect(filter).toEqual(DEFAULT_FILTER)
    expect(isDefaultFilter(filter)).toBe(true)
    expect(filterToSearch(filter)).toEqual({
      status: undefined,
      priority: undefined,
      module: undefined,
      customer: undefined,
      q: undefined,
    })
    expect(filterToQuery(filter)).toEqual({ sort: 'rank', limit: '500', status: OPEN_STATUSES.join(',') })
  })

  it('maps each filter to the API query, in canonical order', () => {
    expect(
      filterToQuery({
        statuses: ['approved', 'draft'],
        priorities: ['P1', 'P0'],
        moduleId: 7,
        customerId: 9,
        text: '  扫码  ',
      }),
    ).toEqual({
      sort: 'rank',
      limit: '500',
      status: 'draft,approved',
      priority: 'P0,P1',
      moduleId: '7',
      customerId: '9',
      q: '扫码',
    })
  })

  it('every status or every priority is no filter at all', () => {
    const query = filterToQuery({ ...DEFAULT_FILTER, statuses: [], priorities: ['P0', 'P1', 'P2', 'P3'] })
    expect(query.status).toBeUndefined()
    expect(query.priority).toBeUndefined()
    expect(filterToSearch({ ...DEFAULT_FILTER, statuses: [] }).status).toBe('all')
  })

  it('round-trips through the URL and ignores what it does not know', () => {
    const filter = {
      statuses: ['reviewing' as const],
      priorities: ['P2' as const],
      moduleId: 3,
      customerId: undefined,
      text: 'label',
    }
    const search = filterToSearch(filter)
    expect(filterFromSearch(search)).toEqual(filter)
    expect(filterFromSearch({ status: 'all' }).statuses).toEqual([])
    expect(filterFromSearch({ status: 'nonsense,draft', priority: 'P9', module: 'x' })).toMatchObject({
      statuses: ['draft'],
      priorities: [],
      moduleId: undefined,
    })
  })
})

// ---------- optimistic reorder ----------

const requirement = (id: number): RequirementListItem => ({
  id,
  productId: 5,
  number: id,
  key: `MES-${id}`,
  title: `Requirement ${id}`,
  role: '',
  scenario: '',
  source: 'internal',
  priority: 'P2',
  value: 5,
  effort: null,
  estimate: 3,
  status: 'draft',
  moduleId: null,
  iterationId: null,
  releaseId: null,
  targetDate: null,
  pinned: false,
  rank: `a${id}`,
  score: 1,
  askCount: 0,
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
})

const pages = (...chunks: number[][]): InfiniteData<RequirementPage, unknown> => ({
  pages: chunks.map((chunk, i) => ({
    items: chunk.map(requirement),
    nextCursor: i < chunks.length - 1 ? String((i + 1) * 2) : null,
  })),
  pageParams: chunks.map((_, i) => (i === 0 ? undefined : String(i * 2))),
})

const order = (data: InfiniteData<RequirementPage, unknown> | undefined) =>
  data?.pages.map((p) => p.items.map((r) => r.id))

let dispose: (() => void) | undefined
afterEach(() => {
  dispose?.()
  vi.unstubAllGlobals()
})

function withRank(answer: () => Response) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } })
  const key = requirementKeys.backlog(1, 5, { sort: 'rank' })
  client.setQueryData(key, pages([1, 2], [3, 4]))
  // Invalidation after the call would refetch; keep the cached pages as the server's answer.
  client.setQueryDefaults(key, { queryFn: () => new Promise(() => {}) })
  const fetch = vi.fn(async () => answer())
  vi.stubGlobal('fetch', fetch)
  let rank!: ReturnType<typeof useRankRequirement>
  const container = document.createElement('div')
  dispose = render(
    () => (
      <QueryClientProvider client={client}>
        {(() => {
          rank = useRankRequirement(
            () => 1,
            () => 5,
          )
          return null
        })()}
      </QueryClientProvider>
    ),
    container,
  )
  return { client, key, rank, fetch }
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

describe('optimistic re-rank', () => {
  it('shows the new order at once, across pages, and keeps each page its size', async () => {
    const { client, key, rank, fetch } = withRank(() =>
      json(200, { ...requirement(4), rank: 'a0', version: 2 }),
    )
    const done = rank.mutateAsync({ id: 4, target: { beforeId: 1 } })
    await vi.waitFor(() =>
      expect(order(client.getQueryData(key))).toEqual([
        [4, 1],
        [2, 3],
      ]),
    )
    await done
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toMatch(/\/api\/workspaces\/1\/requirements\/4\/rank$/)
    expect(JSON.parse(String(init.body))).toEqual({ beforeId: 1 })
    expect(order(client.getQueryData(key))).toEqual([
      [4, 1],
      [2, 3],
    ])
  })

  it('rolls back when the server refuses (409 or 403)', async () => {
    for (const status of [409, 403]) {
      const { client, key, rank } = withRank(() =>
        json(status, { error: { code: status === 409 ? 'conflict' : 'forbidden', message: 'No' } }),
      )
      await expect(rank.mutateAsync({ id: 3, target: { afterId: 4 } })).rejects.toMatchObject({ status })
      expect(order(client.getQueryData(key))).toEqual([
        [1, 2],
        [3, 4],
      ])
      dispose?.()
    }
  })

  it('edits reach every cached list of the product, paged or not', () => {
    const client = new QueryClient()
    const paged = requirementKeys.backlog(1, 5, { sort: 'rank' })
    const plain = requirementKeys.list(1, 5, { iterationId: 'none' })
    const other = requirementKeys.list(1, 6, { iterationId: 'none' })
    client.setQueryData(paged, pages([1, 2], [3]))
    client.setQueryData(plain, { items: [requirement(2)], nextCursor: null })
    client.setQueryData(other, { items: [requirement(2)], nextCursor: null })
    updateRequirementLists(client, 1, 5, (items) =>
      items.map((r) => (r.id === 2 ? { ...r, priority: 'P0' } : r)),
    )
    expect(client.getQueryData<InfiniteData<RequirementPage>>(paged)?.pages[0]?.items[1]?.priority).toBe('P0')
    expect(client.getQueryData<RequirementPage>(plain)?.items[0]?.priority).toBe('P0')
    expect(client.getQueryData<RequirementPage>(other)?.items[0]?.priority).toBe('P2')
  })
})

describe('acceptance criteria typed in the new-requirement dialog', () => {
  it('takes one per non-empty line, without list markers, none when empty', () => {
    expect(
      acceptanceFromLines('- The label is read in under a second\n\n  * Works offline  \n• 支持扫码枪'),
    ).toEqual([
      { text: 'The label is read in under a second', done: false },
      { text: 'Works offline', done: false },
      { text: '支持扫码枪', done: false },
    ])
    expect(acceptanceFromLines('  \n\n')).toBeUndefined()
    expect(acceptanceFromLines(Array.from({ length: 120 }, (_, i) => `c${i}`).join('\n'))).toHaveLength(100)
  })
})
