import { describe, expect, it, vi } from 'vitest'
import { iterationRepo } from '../../server/features/iterations/repo'
import { domainApp } from '../helpers/domain'

/** A product with an iteration holding one task, and a GET of its board as the owner. */
async function withBoard(d: Awaited<ReturnType<typeof domainApp>>) {
  const product = await d.product('MES', 'MES')
  const iteration = await d.iteration(product.id, {
    name: 'S',
    startDate: '2026-11-02',
    endDate: '2026-11-13',
    capacity: 10,
  })
  const task = await d.task({ productId: product.id, title: 'Oil the press', iterationId: iteration.id })
  const board = () => d.t.request('GET', `${d.base}/iterations/${iteration.id}/board`, undefined, d.owner)
  return { product, iteration, task, board }
}

describe('the board cache', () => {
  it('never serves a board from before a change, whoever made it', async () => {
    const d = await domainApp()
    const { t, owner, ws, base } = d
    const dev = await t.addMember(owner, ws, 'developer')
    const { product, iteration, task, board } = await withBoard(d)
    const statusOf = (res: Awaited<ReturnType<typeof board>>) =>
      res.body.columns.find((c: { tasks: { id: number }[] }) => c.tasks.some((x) => x.id === task.id))?.status
    expect(statusOf(await board())).toBe('todo')
    expect(statusOf(await board())).toBe('todo')
    await t.request('POST', `${base}/tasks/${task.id}/move`, { status: 'doing' }, dev.caller)
    expect(statusOf(await board())).toBe('doing')
    await t.request('PATCH', `${base}/products/${product.id}`, { key: 'PRS' }, owner)
    const renamed = await board()
    expect(renamed.body.columns[1].tasks[0].key).toBe(`PRS-${task.number}`)
    await t.request('PATCH', `${base}/iterations/${iteration.id}`, { wipLimits: { doing: 1 } }, owner)
    expect((await board()).body.columns[1].wipLimit).toBe(1)
  })

  it('builds a changed board once for the requests that ask for it at the same time', async () => {
    const d = await domainApp()
    const { t, owner, base } = d
    const { task, board } = await withBoard(d)
    await board()
    await t.request('POST', `${base}/tasks/${task.id}/move`, { status: 'doing' }, owner)
    const builds = vi.spyOn(iterationRepo, 'boardColumns')
    try {
      const answers = await Promise.all(Array.from({ length: 8 }, board))
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200))
      for (const a of answers) expect(a.body).toEqual(answers[0]!.body)
      expect(answers[0]!.body.columns[1].tasks[0].id).toBe(task.id)
      expect(builds).toHaveBeenCalledTimes(1)
    } finally {
      builds.mockRestore()
    }
  })

  it('builds again only the columns a change touched', async () => {
    const d = await domainApp()
    const { t, owner, base } = d
    const { product, iteration, task, board } = await withBoard(d)
    const done = await d.task({ productId: product.id, title: 'Shipped', iterationId: iteration.id })
    await t.request('POST', `${base}/tasks/${done.id}/move`, { status: 'done' }, owner)
    await board()
    // Behind Keel's back (no history): a change that only a build of the done column would show.
    await t.sql('update tasks set title = ? where id = ?', ['Shipped (renamed quietly)', done.id])
    await t.request('POST', `${base}/tasks/${task.id}/move`, { status: 'doing' }, owner)
    const column = (res: Awaited<ReturnType<typeof board>>, status: string) =>
      res.body.columns.find((c: { status: string }) => c.status === status).tasks
    const moved = await board()
    expect(column(moved, 'todo')).toEqual([])
    expect(column(moved, 'doing').map((c: { id: number }) => c.id)).toEqual([task.id])
    expect(column(moved, 'done')[0].title).toBe('Shipped')
    // A change to what every card shows (the product's key) builds every column again.
    await t.request('PATCH', `${base}/products/${product.id}`, { key: 'PRS' }, owner)
    expect(column(await board(), 'done')[0]).toMatchObject({
      title: 'Shipped (renamed quietly)',
      key: `PRS-${done.number}`,
    })
  })

  it('answers, after every kind of change, the board a build from scratch would', async () => {
    const d = await domainApp()
    const { t, owner, base } = d
    const { product, iteration, task, board } = await withBoard(d)
    const other = await d.iteration(product.id, {
      name: 'S2',
      startDate: '2026-11-16',
      endDate: '2026-11-27',
      capacity: 10,
    })
    const requirement = await d.requirement(product.id, { title: 'Faster changeovers' })
    const second = await d.task({ productId: product.id, title: 'Grease the die', iterationId: iteration.id })
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await t.request(method, `${base}${path}`, body, owner)
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300)
      return res.body
    }
    const version = async (id: number) => (await call('GET', `/tasks/${id}`)).version
    const steps: [string, () => Promise<unknown>][] = [
      ['move', () => call('POST', `/tasks/${task.id}/move`, { status: 'doing' })],
      ['reorder', () => call('POST', `/tasks/${second.id}/move`, { status: 'todo' })],
      ['move beside', () => call('POST', `/tasks/${second.id}/move`, { status: 'doing', beforeId: task.id })],
      ['block', () => call('POST', `/tasks/${task.id}/move`, { status: 'blocked', blockedReason: 'No oil' })],
      [
        'edit',
        async () =>
          call('PATCH', `/tasks/${second.id}`, {
            title: 'Grease both dies',
            version: await version(second.id),
          }),
      ],
      [
        'link',
        async () =>
          call('PATCH', `/tasks/${second.id}`, {
            requirementId: requirement.id,
            version: await version(second.id),
          }),
      ],
      [
        'requirement title',
        async () =>
          call('PATCH', `/requirements/${requirement.id}`, {
            title: 'Quicker changeovers',
            version: requirement.version,
          }),
      ],
      [
        'leave',
        async () =>
          call('PATCH', `/tasks/${task.id}`, { iterationId: other.id, version: await version(task.id) }),
      ],
      [
        'come back',
        async () =>
          call('PATCH', `/tasks/${task.id}`, { iterationId: iteration.id, version: await version(task.id) }),
      ],
      ['create', () => d.task({ productId: product.id, title: 'New', iterationId: iteration.id })],
      ['comment', () => call('POST', `/tasks/${second.id}/comments`, { body: 'Done twice' })],
      ['delete', () => call('DELETE', `/tasks/${second.id}`)],
    ]
    await board()
    for (const [name, step] of steps) {
      await step()
      const served = (await board()).body.columns.map((c: { status: string; tasks: unknown[] }) => [
        c.status,
        c.tasks,
      ])
      const fresh = new Map(
        (await iterationRepo.boardColumns(t.store.db, iteration.id)).map((c) => [
          c.status,
          JSON.parse(c.cards),
        ]),
      )
      expect(served, name).toEqual(served.map(([status]: [string]) => [status, fresh.get(status) ?? []]))
    }
  })
})
