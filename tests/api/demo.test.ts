import { describe, expect, it } from 'vitest'
import { makeApp } from '../helpers/app'

describe('the demo workspace', () => {
  it('set-up with demo fills a living bilingual workspace', async () => {
    const t = makeApp({ start: '2026-11-26T08:00:00.000Z' })
    const res = await t.request('POST', '/api/setup', {
      workspaceName: '演示 Demo',
      name: 'Pat PM',
      email: 'pat@example.com',
      password: 'long enough pw',
      demo: true,
    })
    expect(res.status).toBe(201)
    const owner = t.sessionOf(res.headers)
    const ws = res.body.workspace.id
    const products = (await t.request('GET', `/api/workspaces/${ws}/products`, undefined, owner)).body.items
    expect(products.map((p: { key: string }) => p.key)).toEqual(['MES', 'SRM'])
    const customers = (await t.request('GET', `/api/workspaces/${ws}/customers`, undefined, owner)).body.items
    expect(customers).toHaveLength(8)
    expect(new Set(customers.map((c: { industry: string }) => c.industry)).size).toBe(8)

    let requirements = 0
    let tasks = 0
    for (const product of products) {
      const backlog = await t.request(
        'GET',
        `/api/workspaces/${ws}/products/${product.id}/requirements?limit=500`,
        undefined,
        owner,
      )
      requirements += backlog.body.items.length
      expect(backlog.body.items.some((r: { askCount: number }) => r.askCount > 0)).toBe(true)
      const iterations = (
        await t.request('GET', `/api/workspaces/${ws}/products/${product.id}/iterations`, undefined, owner)
      ).body.items
      expect(iterations.map((i: { status: string }) => i.status)).toEqual(['closed', 'active', 'planned'])
      for (const iteration of iterations) {
        const board = await t.request(
          'GET',
          `/api/workspaces/${ws}/iterations/${iteration.id}/board`,
          undefined,
          owner,
        )
        const cards = board.body.columns.flatMap((c: { tasks: unknown[] }) => c.tasks)
        tasks += cards.length
        expect(iteration.stabilityUsed).toBeGreaterThan(0)
        if (iteration.status === 'active') {
          const counts = Object.fromEntries(
            board.body.columns.map((c: { status: string; count: number }) => [c.status, c.count]),
          )
          expect(counts.done).toBeGreaterThan(0)
          expect(counts.doing).toBeGreaterThan(0)
          expect(counts.blocked).toBe(1)
        }
        if (iteration.status === 'closed') {
          expect(board.body.columns.find((c: { status: string }) => c.status === 'done').count).toBe(
            cards.length,
          )
        }
      }
    }
    expect(requirements).toBe(60)
    expect(tasks).toBeGreaterThanOrEqual(140)
    const search = await t.request(
      'GET',
      `/api/workspaces/${ws}/search?q=${encodeURIComponent('设备点检')}`,
      undefined,
      owner,
    )
    expect(search.body.items.some((h: { title: string }) => h.title === '移动端设备点检')).toBe(true)
    const activity = await t.request('GET', `/api/workspaces/${ws}/activity?limit=500`, undefined, owner)
    expect(activity.body.items.some((a: { automatic: boolean }) => a.automatic)).toBe(true)
  }, 30_000)

  it('can be added as another workspace later', async () => {
    const t = makeApp()
    const { owner } = await t.setup()
    const res = await t.request('POST', '/api/workspaces', { name: 'Demo', demo: true }, owner)
    expect(res.status).toBe(201)
    const me = await t.request('GET', '/api/me', undefined, owner)
    expect(me.body.workspaces.map((w: { name: string }) => w.name)).toEqual(['Acme', 'Demo'])
    const products = await t.request('GET', `/api/workspaces/${res.body.id}/products`, undefined, owner)
    expect(products.body.items).toHaveLength(2)
  }, 30_000)
})
