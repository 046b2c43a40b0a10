// Deleting a release or a product that carries work: an empty one simply goes; a release with work asks
// where its requirements and iterations go (another release of the product, or none), with history; a
// product with work goes only when the caller confirms with its key, since its work cannot move elsewhere.
import { describe, expect, it } from 'vitest'
import { count, domainApp, type Json, snapshot } from '../helpers/domain'

/** A product with a release carrying two requirements and an iteration, a second release, and a loose one. */
async function releaseWithWork() {
  const d = await domainApp()
  const p = await d.product()
  const doomed = await d.release(p.id, { name: 'v1' })
  const next = await d.release(p.id, { name: 'v2', targetDate: '2027-03-31' })
  const first = await d.requirement(p.id, { title: 'Andon alerts', releaseId: doomed.id })
  const second = await d.requirement(p.id, { title: '排产看板', releaseId: doomed.id })
  const loose = await d.requirement(p.id, { title: 'Not in a release' })
  const sprint = await d.iteration(p.id, { releaseId: doomed.id })
  return { d, p, doomed, next, first, second, loose, sprint }
}

const historyOf = async (d: Json, entityType: string, id: number) =>
  (await d.ok('GET', `/activity?entityType=${entityType}&entityId=${id}`)).items as Json[]

describe('deleting a release', () => {
  it('tells in the list how many requirements and iterations name each release', async () => {
    const { d, p, doomed, next } = await releaseWithWork()
    const items = (await d.ok('GET', `/products/${p.id}/releases`)).items
    expect(items.find((r: Json) => r.id === doomed.id)).toMatchObject({
      requirementCount: 2,
      iterationCount: 1,
    })
    expect(items.find((r: Json) => r.id === next.id)).toMatchObject({
      requirementCount: 0,
      iterationCount: 0,
    })
  })

  it('without moveTo leaves its requirements and iterations without a release, each with a history row', async () => {
    const { d, doomed, first, second, loose, sprint } = await releaseWithWork()
    await d.ok('DELETE', `/releases/${doomed.id}`, undefined, 204)

    for (const r of [first, second]) {
      expect(await d.ok('GET', `/requirements/${r.id}`)).toMatchObject({
        releaseId: null,
        version: r.version + 1,
      })
      expect((await historyOf(d, 'requirement', r.id))[0]).toMatchObject({
        action: 'updated',
        before: { releaseId: doomed.id },
        after: { releaseId: null },
      })
    }
    expect(await d.ok('GET', `/iterations/${sprint.id}`)).toMatchObject({
      releaseId: null,
      version: sprint.version + 1,
    })
    expect((await historyOf(d, 'iteration', sprint.id))[0]).toMatchObject({
      action: 'updated',
      before: { releaseId: doomed.id },
      after: { releaseId: null },
    })
    expect(await d.ok('GET', `/requirements/${loose.id}`)).toMatchObject({ version: loose.version })
    expect((await historyOf(d, 'release', doomed.id))[0]).toMatchObject({ action: 'deleted' })
    expect(await count(d.t, 'releases', 'id = ?', doomed.id)).toBe(0)
  })

  it('with moveTo moves its requirements and iterations to that release, each with a history row', async () => {
    const { d, p, doomed, next, first, second, sprint } = await releaseWithWork()
    await d.ok('DELETE', `/releases/${doomed.id}?moveTo=${next.id}`, undefined, 204)

    for (const r of [first, second]) {
      expect(await d.ok('GET', `/requirements/${r.id}`)).toMatchObject({ releaseId: next.id })
      expect((await historyOf(d, 'requirement', r.id))[0]).toMatchObject({
        action: 'updated',
        before: { releaseId: doomed.id },
        after: { releaseId: next.id },
      })
    }
    expect(await d.ok('GET', `/iterations/${sprint.id}`)).toMatchObject({ releaseId: next.id })
    expect((await historyOf(d, 'iteration', sprint.id))[0]).toMatchObject({
      before: { releaseId: doomed.id },
      after: { releaseId: next.id },
    })
    const items = (await d.ok('GET', `/products/${p.id}/releases`)).items
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({ id: next.id, requirementCount: 2, iterationCount: 1 })
  })

  it('refuses a moveTo that is itself, of another product or unknown (400 on moveTo), changing nothing', async () => {
    const { d, doomed } = await releaseWithWork()
    const other = await d.product('ERP')
    const elsewhere = await d.release(other.id, { name: 'ERP 1.0' })
    const before = await snapshot(d.t)
    for (const moveTo of [doomed.id, elsewhere.id, 999_999]) {
      const res = await d.api('DELETE', `/releases/${doomed.id}?moveTo=${moveTo}`)
      expect(res.status, String(moveTo)).toBe(400)
      expect(res.body.error).toMatchObject({ code: 'invalid_input', details: { column: 'moveTo' } })
    }
    expect(await snapshot(d.t)).toBe(before)
  })

  it('is refused to a member without iteration.manage (403), changing nothing', async () => {
    const { d, doomed, next } = await releaseWithWork()
    const viewer = await d.memberWithPermissions(
      ['product.view', 'roadmap.view', 'requirement.view', 'iteration.view'],
      'viewer@example.com',
    )
    const before = await snapshot(d.t)
    for (const path of [`/releases/${doomed.id}`, `/releases/${doomed.id}?moveTo=${next.id}`]) {
      const res = await d.api('DELETE', path, undefined, viewer.caller)
      expect(res.status, path).toBe(403)
      expect(res.body.error.code).toBe('forbidden')
    }
    expect(await snapshot(d.t)).toBe(before)
  })
})

describe('deleting a product', () => {
  /** A product with 2 requirements, 3 tasks, 1 iteration and 1 release, and a neighbour that must survive. */
  async function productWithWork() {
    const d = await domainApp()
    const p = await d.product('MES')
    const neighbour = await d.product('ERP')
    const release = await d.release(p.id)
    const sprint = await d.iteration(p.id, { releaseId: release.id })
    const r = await d.requirement(p.id, { releaseId: release.id })
    await d.requirement(p.id)
    for (let i = 0; i < 3; i++) await d.task({ productId: p.id, requirementId: r.id, iterationId: sprint.id })
    const kept = await d.requirement(neighbour.id)
    return { d, p, neighbour, kept }
  }

  it('tells how many requirements, tasks, iterations and releases the product holds', async () => {
    const { d, p, neighbour } = await productWithWork()
    expect(await d.ok('GET', `/products/${p.id}`)).toMatchObject({
      id: p.id,
      key: 'MES',
      contents: { requirements: 2, tasks: 3, iterations: 1, releases: 1 },
    })
    expect((await d.ok('GET', `/products/${neighbour.id}`)).contents).toEqual({
      requirements: 1,
      tasks: 0,
      iterations: 0,
      releases: 0,
    })
  })

  it('with work and without the right key answers 409 with the counts and deletes nothing', async () => {
    const { d, p } = await productWithWork()
    const before = await snapshot(d.t)
    for (const query of ['', '?confirm=', '?confirm=ERP', '?confirm=mes', '?confirm=MES-1']) {
      const res = await d.api('DELETE', `/products/${p.id}${query}`)
      expect(res.status, query).toBe(409)
      expect(res.body.error).toMatchObject({
        code: 'conflict',
        details: { reason: 'product_not_empty', requirements: 2, tasks: 3, iterations: 1, releases: 1 },
      })
    }
    expect(await snapshot(d.t)).toBe(before)
  })

  it('with work and its key deletes the product and everything in it, and nothing of its neighbour', async () => {
    const { d, p, neighbour, kept } = await productWithWork()
    await d.ok('DELETE', `/products/${p.id}?confirm=MES`, undefined, 204)
    expect((await d.api('GET', `/products/${p.id}`)).status).toBe(404)
    for (const table of ['requirements', 'tasks', 'iterations', 'releases']) {
      expect(await count(d.t, table, 'product_id = ?', p.id), table).toBe(0)
    }
    expect(await d.ok('GET', `/requirements/${kept.id}`)).toMatchObject({ productId: neighbour.id })
    expect((await historyOf(d, 'product', p.id))[0]).toMatchObject({ action: 'deleted' })
  })

  it('when empty deletes without a confirmation', async () => {
    const d = await domainApp()
    const p = await d.product('MES')
    await d.module(p.id, { name: '排产' })
    await d.ok('DELETE', `/products/${p.id}`, undefined, 204)
    expect(await count(d.t, 'products', 'id = ?', p.id)).toBe(0)
    expect(await count(d.t, 'modules', 'product_id = ?', p.id)).toBe(0)
  })

  it('is refused to a member without product.manage (403), even with the key', async () => {
    const { d, p } = await productWithWork()
    const developer = await d.t.addMember(d.owner, d.ws, 'developer')
    const before = await snapshot(d.t)
    const res = await d.api('DELETE', `/products/${p.id}?confirm=MES`, undefined, developer.caller)
    expect(res.status).toBe(403)
    expect(await snapshot(d.t)).toBe(before)
  })
})
