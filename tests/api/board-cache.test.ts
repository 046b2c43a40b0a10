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
})
